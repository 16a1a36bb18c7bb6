/* meta: a meeting's front matter (a YAML tree) → the Meeting's metadata and
 * attendance. Part of the parse stage; reports E-FRONT-MATTER, W-META-KEY,
 * E-META-REQUIRED, E-BODY-UNKNOWN, E-DATE and E-TIME. */
#ifndef REFERAT_META_H
#define REFERAT_META_H

#include "ast.h"
#include "diag.h"
#include "yaml_tree.h"

void meta_read(Arena *arena, Diagnostics *diagnostics, const Project *project, Meeting *meeting,
               const YamlTreeNode *root, Span front_matter_span);

#endif
