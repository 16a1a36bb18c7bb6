/* export: the archive exports (see export.h). The deposit keeps everything
 * — an archive holds exempt content, marked with its skjerming — so its
 * PDFs are the internal edition; eInnsyn is a public portal, so it gets
 * the public edition only. */
#include "export.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "emit_einnsyn.h"
#include "emit_noark5.h"
#include "emit_pdf.h"
#include "memory.h"
#include "output.h"
#include "present.h"
#include "project_index.h"
#include "sha256.h"

bool export_noark5(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, bool force) {
    Output output;
    if (!build_output_allowed(diagnostics, project, out) || !output_open(&output, diagnostics, out, force))
        return false;
    Presentation presentation;
    if (!presentation_init(&presentation, arena, diagnostics, project, PUBLICATION_INTERNAL)) {
        output_abandon(&output);
        return false;
    }
    const ProjectIndex *index = project->index;
    const char *font_directory = build_font_directory();
    FontFile *fonts[PDF_FONT_COUNT];
    build_fonts_load(arena, font_directory, fonts);
    PdfOptions pdf_options = {&presentation, font_directory, fonts, project->config_file};
    Noark5Document *documents = xcalloc(index->meeting_count + 1, sizeof *documents);
    for (size_t i = 0; i < index->meeting_count && !diagnostics->error_count; i++) {
        const Meeting *m = present_meeting(&presentation, arena, index->meetings[i]);
        char *pdf = NULL;
        size_t length = 0;
        if (!emit_pdf_meeting(arena, diagnostics, m, &pdf_options, &pdf, &length))
            break;
        documents[i].path = arena_printf(arena, "dokumenter/%s.pdf", present_meeting_path(arena, m));
        documents[i].size = length;
        sha256_hex(pdf, length, documents[i].sha256);
        output_write(&output, documents[i].path, pdf, length);
        free(pdf);
    }
    build_fonts_free(fonts);
    if (!diagnostics->error_count) {
        StringBuffer structure = {0}, description = {0};
        emit_noark5_arkivstruktur(&structure, project, &presentation, documents);
        char checksum[65];
        sha256_hex(structure.data, structure.length, checksum);
        emit_noark5_arkivuttrekk(&description, project, checksum, index->meeting_count);
        output_write(&output, "arkivstruktur.xml", structure.data, structure.length);
        output_write(&output, "arkivuttrekk.xml", description.data, description.length);
        buffer_free(&structure);
        buffer_free(&description);
    }
    free(documents);
    if (diagnostics->error_count) {
        output_abandon(&output);
        return false;
    }
    return output_commit(&output);
}

bool export_einnsyn(Arena *arena, Diagnostics *diagnostics, const Project *project, const char *out, bool force) {
    Presentation presentation;
    if (!presentation_init(&presentation, arena, diagnostics, project, PUBLICATION_PUBLIC))
        return false;
    char *json = NULL;
    size_t length = 0;
    FILE *stream = open_memstream(&json, &length);
    if (!stream)
        abort();
    emit_einnsyn(stream, project, &presentation, arena);
    fclose(stream);
    bool written = force ? output_write_file(out, json, length) : output_create_file(out, json, length);
    if (!written)
        diag_report_io(diagnostics, DIAG_E_OUTPUT, (Span){0}, "cannot write '%s': %s%s", out, strerror(errno),
                       errno == EEXIST ? " (--force replaces it)" : "");
    free(json);
    return written;
}
