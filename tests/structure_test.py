#!/usr/bin/env python3
"""The shape of compiler/, as issue 15 set it: no include cycle between
modules, no function longer than 150 lines, the publication rule decided
in present.c only, and diagnostic codes only as generated enumerators.

Usage: structure_test.py ROOT
"""
import glob
import os
import re
import sys

from tap import Report

FUNCTION_LIMIT = 150


def modules(root):
    """module → the modules its .c and .h include (by their headers)."""
    graph = {}
    for path in glob.glob(os.path.join(root, "compiler", "*.[ch]")):
        module = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            for header in re.findall(r'^#include "([a-z_]+)\.h"', f.read(), re.M):
                if header != module and os.path.exists(os.path.join(root, "compiler", header + ".h")):
                    graph.setdefault(module, set()).add(header)
        graph.setdefault(module, set())
    return graph


def cycles(graph):
    found, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for other in sorted(graph.get(node, ())):
            if state.get(other) == "open":
                found.append(path[path.index(other):] + [other] if other in path else [node, other])
            elif other not in state:
                visit(other, path + [other])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def long_functions(root):
    found = []
    for path in sorted(glob.glob(os.path.join(root, "compiler", "*.c"))):
        lines = open(path, encoding="utf-8").read().split("\n")
        start = None
        for number, line in enumerate(lines, 1):
            if start is None and re.match(r"^[A-Za-z].*\)\s*\{$", line) and not line.startswith(("typedef", "struct", "enum")):
                start = (number, line)
            elif start and line == "}":
                if number - start[0] + 1 > FUNCTION_LIMIT:
                    found.append(f"{os.path.basename(path)}:{start[0]} {number - start[0] + 1} lines: {start[1][:60]}")
                start = None
    return found


def main():
    root = sys.argv[1]
    report = Report()
    graph = modules(root)
    found = cycles(graph)
    report(not found, f"no include cycle among the {len(graph)} modules of compiler/",
           "; ".join(" → ".join(c) for c in found))
    found = long_functions(root)
    report(not found, f"no function in compiler/ is longer than {FUNCTION_LIMIT} lines", "; ".join(found))
    # Only present.c decides what a public build leaves out: no other file
    # marks a case withheld or tests a case's exemption against the edition
    # (the options only choose the edition: PUBLICATION_PUBLIC or INTERNAL).
    deciders = []
    for path in sorted(glob.glob(os.path.join(root, "compiler", "*.c"))):
        name = os.path.basename(path)
        text = open(path, encoding="utf-8").read()
        if name != "present.c" and (re.search(r"withheld\s*=", text) or
                                    re.search(r"exempt_basis[^;]*(internal|publication)", text) or
                                    re.search(r"(internal|publication)[^;]*exempt_basis", text)):
            deciders.append(name)
    report(not deciders, "the publication rule is decided in present.c alone", ", ".join(deciders))
    literals = []
    for path in sorted(glob.glob(os.path.join(root, "compiler", "*.c"))):
        for number, line in enumerate(open(path, encoding="utf-8"), 1):
            if re.search(r'diag_report(_io)?\([^,]+,\s*"', line):
                literals.append(f"{os.path.basename(path)}:{number}")
    report(not literals, "diagnostic codes are enumerators from grammar/diagnostics.tsv, never strings",
           ", ".join(literals))
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
