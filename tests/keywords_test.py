#!/usr/bin/env python3
"""grammar/keywords.tsv is the one place the keywords live: no string
literal in compiler/*.c may spell a Norwegian (nb or nn) keyword of the
Markdown body. (English spellings such as "proposal" are ordinary words of
the diagnostics' messages, so they are not searched for.)

emit_noark5.c and emit_einnsyn.c are not searched: they write the element
names and code values of Noark 5 and eInnsyn, external standards whose
vocabulary (Vedtak, Votering, saksbehandler, Utsatt) shares words with the
minutes language without being its keywords.

Usage: keywords_test.py ROOT
"""
import glob
import os
import re
import sys


FOREIGN_VOCABULARY = {"emit_noark5.c", "emit_einnsyn.c"}


def main():
    root = sys.argv[1]
    keywords = set()
    with open(os.path.join(root, "grammar", "keywords.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            group, concept, languages, spelling = line.rstrip("\n").split("\t")
            if group in ("case", "field", "part", "status") and ("nb" in languages or "nn" in languages):
                keywords.add(spelling.lower())
    passed = failed = 0
    for path in sorted(glob.glob(os.path.join(root, "compiler", "*.c")) + glob.glob(os.path.join(root, "compiler", "*.h"))):
        found = []
        if os.path.basename(path) in FOREIGN_VOCABULARY:
            continue
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for literal in re.findall(r'"((?:[^"\\]|\\.)*)"', line):
                    if literal.lower() in keywords:
                        found.append(f"{number}: \"{literal}\"")
        name = os.path.relpath(path, root)
        if found:
            failed += 1
            print(f"not ok - {name} spells keywords: {', '.join(found)}")
        else:
            passed += 1
            print(f"ok - {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
