#!/usr/bin/env python3
"""Generate the C keyword tables from grammar/keywords.tsv.

Usage: gen_keywords.py keywords.tsv OUT.h OUT.c

The TSV is the single source of truth for every keyword of the language;
the C code only ever sees the generated enumerators and table.
"""
import sys

sys.dont_write_bytecode = True  # the build writes nothing into the source tree
import tsv  # noqa: E402

LANGUAGES = {"nb": 1, "nn": 2, "en": 4, "*": 7}


def main(tsv_path, header_path, source_path):
    rows = []
    groups = []
    concepts = {}  # group -> ordered concepts
    for number, fields in tsv.rows(tsv_path, 4):
        group, concept, languages, spelling = fields
        mask = 0
        for language in languages.split(","):
            if language not in LANGUAGES:
                sys.exit(f"{tsv_path}:{number}: unknown language {language!r}")
            mask |= LANGUAGES[language]
        if group not in concepts:
            groups.append(group)
            concepts[group] = []
        if concept not in concepts[group]:
            concepts[group].append(concept)
        rows.append((group, concept, mask, spelling))

    with open(header_path, "w", encoding="utf-8") as h:
        h.write("/* Generated from grammar/keywords.tsv by grammar/gen_keywords.py. Do not edit. */\n")
        h.write("#ifndef REFERAT_KEYWORDS_TABLE_H\n#define REFERAT_KEYWORDS_TABLE_H\n\n")
        h.write("typedef enum {\n")
        for group in groups:
            h.write(f"    KEYWORD_GROUP_{group.upper()},\n")
        h.write("    KEYWORD_GROUP_COUNT\n} KeywordGroup;\n\n")
        for group in groups:
            h.write("enum {\n")
            for index, concept in enumerate(concepts[group]):
                h.write(f"    KEYWORD_{group.upper()}_{concept.upper()} = {index},\n")
            h.write(f"    KEYWORD_{group.upper()}_COUNT = {len(concepts[group])}\n}};\n")
        h.write("\ntypedef struct {\n    unsigned char group;\n    unsigned char concept;\n"
                "    unsigned char languages; /* bit 1 nb, 2 nn, 4 en */\n"
                "    unsigned char length; /* strlen(spelling) */\n"
                "    const char *spelling;\n} KeywordEntry;\n\n")
        h.write("extern const KeywordEntry keyword_entries[];\n")
        h.write("extern const unsigned keyword_entry_count;\n")
        h.write("extern const char *const keyword_group_names[];\n")
        h.write("/* The entries of group g, in table order, are keyword_entries[\n"
                " * keyword_group_entries[keyword_group_first[g] .. keyword_group_first[g + 1] - 1]]:\n"
                " * a lookup reads its group's spellings, not the whole table. */\n")
        h.write("extern const unsigned char keyword_group_entries[];\n")
        h.write("extern const unsigned char keyword_group_first[];\n")
        h.write("/* Bit b of keyword_first_bytes[group] is set if some spelling of the\n"
                " * group can start with byte b (either case; every non-ASCII byte). */\n")
        h.write("extern const unsigned char keyword_first_bytes[][32];\n")
        h.write("\n#endif\n")

    with open(source_path, "w", encoding="utf-8") as c:
        c.write("/* Generated from grammar/keywords.tsv by grammar/gen_keywords.py. Do not edit. */\n")
        c.write('#include "keywords_table.h"\n\n')
        c.write("const KeywordEntry keyword_entries[] = {\n")
        for group, concept, mask, spelling in rows:
            escaped = spelling.replace("\\", "\\\\").replace('"', '\\"')
            length = len(spelling.encode("utf-8"))
            if length > 255:
                sys.exit(f"{tsv_path}: keyword {spelling!r} is longer than 255 bytes")
            c.write(f'    {{KEYWORD_GROUP_{group.upper()}, KEYWORD_{group.upper()}_{concept.upper()}, {mask}, {length}, "{escaped}"}},\n')
        c.write("};\n\n")
        if len(rows) > 255:
            sys.exit(f"{tsv_path}: more than 255 keywords; widen keyword_group_entries")
        c.write("const unsigned char keyword_group_entries[] = {\n")
        starts = [0]
        for group in groups:
            indices = [i for i, row in enumerate(rows) if row[0] == group]
            c.write("    " + ", ".join(str(i) for i in indices) + ",\n")
            starts.append(starts[-1] + len(indices))
        c.write("};\n\n")
        c.write("const unsigned char keyword_group_first[] = {" + ", ".join(str(f) for f in starts) + "};\n\n")
        c.write(f"const unsigned keyword_entry_count = {len(rows)};\n\n")
        c.write("const unsigned char keyword_first_bytes[][32] = {\n")
        for group in groups:
            bits = [0] * 32
            for row_group, _, _, spelling in rows:
                if row_group != group or not spelling:
                    continue
                first = spelling.encode("utf-8")[0]
                possible = {first}
                if first < 0x80:
                    possible |= {ord(chr(first).lower()), ord(chr(first).upper())}
                else:
                    possible |= set(range(0x80, 0x100))
                for b in possible:
                    bits[b // 8] |= 1 << (b % 8)
            c.write("    {" + ", ".join(str(b) for b in bits) + "},\n")
        c.write("};\n\n")
        c.write("const char *const keyword_group_names[] = {\n")
        for group in groups:
            c.write(f'    "{group}",\n')
        c.write("};\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
