/* manifest: the incremental build's record in OUT's marker file. */
#ifndef REFERAT_MANIFEST_H
#define REFERAT_MANIFEST_H

#include <stdbool.h>
#include <stdint.h>

#include "site.h"

/* Everything a meeting's files are made from: its file, the inputs every
 * page reads (site->inputs), where the cases it refers to are, and the
 * attachments it copies — as build->fingerprint; and the hash of the
 * file's bytes, which the inputs' record reuses, as build->source_hash. */
void manifest_fingerprint(Site *site, const Meeting *m, MeetingBuild *build);
/* Before anything is built: hashes every published meeting's file on the
 * workers (into builds[i], site->meetings[i]'s), which the fingerprints
 * below read, and opens the record of the index pages. */
void manifest_begin(Site *site, MeetingBuild *builds);
/* Reads the previous build's record (none: nothing is reused). */
void manifest_read(Site *site, Arena *arena);
void manifest_write(Site *site, const MeetingBuild *builds);
/* Keeps the previous build's files of an unchanged meeting; false (and
 * the meeting is built) if any of them is missing. */
bool manifest_keep_previous(Site *site, const Meeting *m, MeetingBuild *build);

/* Index pages made from a few meetings (a case's history, a person's
 * page) are kept like meetings when nothing they are made from changed:
 * their fingerprint starts from what every page reads and the page's
 * path, and the emitter adds every meeting the page shows. Then
 * manifest_page_kept links the previous build's copy if its fingerprint
 * was the same (true: nothing to render), and records the page for the
 * next build either way. Safe from any thread. */
Digest manifest_page_digest(const Site *site, const char *path);
/* A meeting's file, and where the cases its text names are. */
void manifest_digest_meeting(const Site *site, Digest *digest, const Meeting *m);
bool manifest_page_kept(Site *site, const char *path, uint64_t fingerprint);
/* After manifest_write: the record of the index pages. */
void manifest_pages_free(Site *site);

/* Whether nothing the last build into `out` read has changed (the record
 * manifest_write keeps of every input; why it can be trusted is said in
 * manifest.c): then that site is the site, and *meeting_count its number
 * of meetings. `key` is build_inputs_key's. Reads no meeting file unless
 * its stat data changed. */
bool manifest_inputs_unchanged(const char *root, const char *out, uint64_t key, size_t *meeting_count);

#endif
