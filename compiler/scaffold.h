/* scaffold: the secretariat's cycle — `referat new` writes the next notice
 * of a body, `referat minutes` turns a notice into a minutes draft. Both
 * work from the checked AST and never lose a word of what exists. */
#ifndef REFERAT_SCAFFOLD_H
#define REFERAT_SCAFFOLD_H

#include "ast.h"
#include "template.h"

/* The text of the next notice of `body` on `date`. standing_cases is the
 * project's templates/new-BODY.md or templates/new.md, or empty. */
void scaffold_notice(Arena *arena, const Project *project, const Body *body, Date date, Slice standing_cases,
                     StringBuffer *out);

/* The notice's text as a minutes draft: kind minutes, and a decision
 * started from each proposal that has none. Everything else as written. */
void scaffold_minutes(const Meeting *notice, Language language, StringBuffer *out);

#endif
