/* parse: one meeting file → a Meeting (front matter split and read, body
 * lexed and parsed into cases, parts and sections). Stage 3. */
#ifndef REFERAT_PARSE_H
#define REFERAT_PARSE_H

#include "ast.h"
#include "diag.h"

/* Never returns NULL: a file with errors gives a Meeting with what could be
 * read (metadata_valid false if body or date are unknown). */
Meeting *parse_meeting(Arena *arena, Diagnostics *diagnostics, const Project *project, const SourceFile *file);

#endif
