#!/usr/bin/env python3
"""Mutation tests: each line of tests/mutations/mutations.tsv changes one
thing in the valid project tests/mutations/base/ and must produce exactly
one diagnostic, with the given code, at the given line of the given file.
The unmutated project must check clean. tests/mutations/kommunestyre.tsv
does the same to the municipal council example, examples/kommunestyre/.

Usage: mutation_test.py REFERAT ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def check(referat, directory):
    result = subprocess.run([referat, "check", directory, "--format", "json"], capture_output=True, timeout=120)
    return result.returncode, json.loads(result.stdout.decode("utf-8")), result.stderr.decode("utf-8", "replace")


def unescape(text):
    # \n and \xNN in the table; bytes so that invalid UTF-8 can be written.
    return text.encode("utf-8").decode("unicode_escape").encode("latin-1")


def run_table(referat, base, table):
    passed = failed = 0
    status, diagnostics, err = check(referat, base)
    label = os.path.basename(base.rstrip("/"))
    if status == 0 and diagnostics == []:
        passed += 1
        print(f"ok - the unmutated project {label} checks clean")
    else:
        failed += 1
        print(f"not ok - the unmutated project {label} checks clean\n{diagnostics}\n{err}")

    with open(table, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for number, (path, find, replace, code, line) in enumerate(rows, 1):
        name = f"{label} {number}: {code} at {path}:{line}"
        with tempfile.TemporaryDirectory() as work:
            project = os.path.join(work, "p")
            shutil.copytree(base, project)
            target = os.path.join(project, path)
            with open(target, "rb") as f:
                content = f.read()
            needle = unescape(find)
            if needle not in content:
                failed += 1
                print(f"not ok - {name}\n  text to mutate not found: {find!r}")
                continue
            with open(target, "wb") as f:
                f.write(content.replace(needle, unescape(replace), 1))
            status, diagnostics, err = check(referat, project)
        found = [(d["code"], d["file"], d["line"]) for d in diagnostics]
        if found == [(code, path, int(line))] and status in (0, 1) and "Sanitizer" not in err:
            passed += 1
            print(f"ok - {name}")
        else:
            failed += 1
            print(f"not ok - {name}\n  got {found} (exit {status})\n{err}")
    return passed, failed


def main():
    referat, root = sys.argv[1], sys.argv[2]
    mutations = os.path.join(root, "tests", "mutations")
    passed = failed = 0
    for base, table in ((os.path.join(mutations, "base"), os.path.join(mutations, "mutations.tsv")),
                        (os.path.join(root, "examples", "kommunestyre"), os.path.join(mutations, "kommunestyre.tsv"))):
        p, f = run_table(referat, base, table)
        passed += p
        failed += f
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
