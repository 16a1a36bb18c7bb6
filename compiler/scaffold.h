/* scaffold: the secretariat's cycle — `referat new` writes the next notice
 * of a body, `referat minutes` turns a notice into a minutes draft. Both
 * work from the checked AST and never lose a word of what exists. */
#ifndef REFERAT_SCAFFOLD_H
#define REFERAT_SCAFFOLD_H

#include <stdbool.h>

#include "ast.h"
#include "referat.h"
#include "buffer.h"

/* The text of the next notice of `body` on `date`. standing_cases is the
 * project's templates/new-BODY.md or templates/new.md, or empty. */
void scaffold_notice(Arena *arena, const Project *project, const Body *body, Date date, Slice standing_cases,
                     StringBuffer *out);

/* The notice's text as a minutes draft: kind minutes, and a decision
 * started from each proposal that has none. Everything else as written. */
void scaffold_minutes(const Meeting *notice, Language language, StringBuffer *out);

/* `referat new BODY DATE [DIR]`: writes DIR/meetings/BODY/DATE.md, never
 * over an existing file. Returns the exit status (2 for a usage problem:
 * no project, no such body, the file exists). */
int scaffold_new(const char *directory, const char *body_id, Date date);
/* `referat minutes NOTICE [-o FILE] [--force]`: in place, or into FILE,
 * which must not exist unless forced. Returns the exit status. */
int scaffold_minutes_file(const char *notice, const char *out, bool force);

#endif
