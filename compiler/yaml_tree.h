/* yaml_tree: YAML text (front matter or referat.yaml) → a small tree whose
 * every node carries its span in the file. Built from libyaml's event API
 * so that anchors and aliases can be refused before anything walks them. */
#ifndef REFERAT_YAML_TREE_H
#define REFERAT_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

typedef enum { YAML_TREE_SCALAR, YAML_TREE_SEQUENCE, YAML_TREE_MAPPING } YamlTreeKind;

typedef struct YamlTreeNode {
    YamlTreeKind kind;
    Span span;
    Slice scalar;      /* scalars: the value (NUL-terminated in the arena) */
    bool quoted;       /* scalars: written in quotes or as a block */
    struct YamlTreeNode **items; /* sequences: items; mappings: key, value, key, value, ... */
    size_t item_count;           /* sequences: items; mappings: 2 × pairs */
} YamlTreeNode;

/* Parse text that starts on `first_line` of `file`. Problems are reported
 * with `error_code` (E-FRONT-MATTER or E-CONFIG), E-YAML-ALIAS or E-LIMIT.
 * Returns NULL on error; an empty document is an empty mapping. */
YamlTreeNode *yaml_tree_load(Arena *arena, Diagnostics *diagnostics, const SourceFile *file,
                             const char *text, size_t length, uint32_t first_line, DiagCode error_code);

size_t yaml_tree_pair_count(const YamlTreeNode *mapping);
YamlTreeNode *yaml_tree_key(const YamlTreeNode *mapping, size_t pair);
YamlTreeNode *yaml_tree_value(const YamlTreeNode *mapping, size_t pair);
const char *yaml_tree_kind_name(YamlTreeKind kind);

#endif

/* Schema helpers shared by the front matter and referat.yaml readers. */

/* True if node is of `kind`; otherwise reports `code` at the value:
 * "'key' must be a list, not a single value". */
bool yaml_tree_expect(Diagnostics *diagnostics, const YamlTreeNode *node, YamlTreeKind kind, const char *key,
                      DiagCode code);
/* A key of the group (a KeywordGroup), or -1 after reporting `code` with a
 * did-you-mean among the group's keys. A non-scalar key is reported as
 * `error_code`. */
int yaml_tree_known_key(Diagnostics *diagnostics, const YamlTreeNode *key, int group, DiagCode code,
                        DiagCode error_code);
