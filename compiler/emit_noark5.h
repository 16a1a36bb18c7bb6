/* emit_noark5: the project as a Noark 5 (v5.0) deposit's metadata — the
 * arkivstruktur.xml of arkiv → arkivdel (one per body) → møtemappe (one per
 * meeting) → møteregistrering (the meeting's document, then one per case),
 * and the ADDML description arkivuttrekk.xml. An archive keeps what is
 * exempt: exempt and closed cases are in it in full, marked with their
 * skjerming. Deterministic: every systemID is derived from what it
 * identifies, every date from the meetings. export.c writes the files. */
#ifndef REFERAT_EMIT_NOARK5_H
#define REFERAT_EMIT_NOARK5_H

#include <stddef.h>

#include "buffer.h"
#include "present.h"

/* A meeting's document file in the deposit. */
typedef struct {
    const char *path;   /* relative to the deposit: dokumenter/ssu/2025-01-22.pdf */
    char sha256[65];
    size_t size;
} Noark5Document;

/* arkivstruktur.xml for the meetings of project->index, whose documents
 * are documents[i] (same order). */
void emit_noark5_arkivstruktur(StringBuffer *out, const Project *project, const Presentation *presentation,
                               const Noark5Document *documents);

/* The systemIDs of a case's møteregistrering and of a meeting's
 * møtemappe: stable UUIDs derived from the body, date and case number, so
 * that other exports (eInnsyn) can name the same records. */
void emit_noark5_case_id(char out[37], const Case *c);
void emit_noark5_meeting_id(char out[37], const Meeting *m);

/* arkivuttrekk.xml: the deposit's ADDML description, naming
 * arkivstruktur.xml with its checksum. */
void emit_noark5_arkivuttrekk(StringBuffer *out, const Project *project, const char *arkivstruktur_sha256,
                              size_t document_count);

#endif
