#!/usr/bin/env python3
"""Generate the C table of diagnostic codes from grammar/diagnostics.tsv.

Usage: gen_diagnostics.py diagnostics.tsv OUT.h OUT.c

The TSV is the single source of truth for every code referat reports; the
C code names them by enumerator (DIAG_E_NUM_DUP), so a code that is not in
the table does not compile.
"""
import sys

sys.dont_write_bytecode = True  # the build writes nothing into the source tree
import tsv  # noqa: E402


def main(tsv_path, header_path, source_path):
    rows = []
    for number, fields in tsv.rows(tsv_path, 4):
        code, severity, _, _ = fields
        if severity not in ("error", "warning") or code[0] != severity[0].upper():
            sys.exit(f"{tsv_path}:{number}: {code}: severity must be error (E-) or warning (W-)")
        if any(code == row[0] for row in rows):
            sys.exit(f"{tsv_path}:{number}: {code} twice")
        rows.append((code, severity))
    with open(header_path, "w", encoding="utf-8") as h:
        h.write("/* Generated from grammar/diagnostics.tsv by grammar/gen_diagnostics.py. Do not edit. */\n")
        h.write("#ifndef REFERAT_DIAGNOSTIC_CODES_H\n#define REFERAT_DIAGNOSTIC_CODES_H\n\n#include <stdbool.h>\n\n")
        h.write("typedef enum {\n")
        for code, _ in rows:
            h.write(f"    DIAG_{code.replace('-', '_')},\n")
        h.write("    DIAG_CODE_COUNT\n} DiagCode;\n\n")
        h.write("typedef struct {\n    const char *name; /* \"E-NUM-DUP\" */\n    bool warning;\n} DiagCodeInfo;\n\n")
        h.write("extern const DiagCodeInfo diag_code_table[DIAG_CODE_COUNT];\n\n#endif\n")
    with open(source_path, "w", encoding="utf-8") as c:
        c.write("/* Generated from grammar/diagnostics.tsv by grammar/gen_diagnostics.py. Do not edit. */\n")
        c.write('#include "diagnostic_codes.h"\n\nconst DiagCodeInfo diag_code_table[DIAG_CODE_COUNT] = {\n')
        for code, severity in rows:
            c.write(f'    [DIAG_{code.replace("-", "_")}] = {{"{code}", {"true" if severity == "warning" else "false"}}},\n')
        c.write("};\n")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
