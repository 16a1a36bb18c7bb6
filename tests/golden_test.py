#!/usr/bin/env python3
"""Golden tests: every project under tests/cases/ is checked with
`referat check DIR --format json`; the output must equal the case's
expected.json and the exit status its exit-status file.

Also asserts that
  - the JSON has exactly the fields the spec names, in every diagnostic;
  - every code in grammar/diagnostics.tsv is produced by some case;
  - examples/ checks clean (no diagnostic at all, exit 0 even with --werror);
  - the gcc, github and human renderings of one case match their goldens.

Usage: golden_test.py REFERAT ROOT [--update]   (ROOT: the source tree)
--update rewrites the expected files from the current output (review the
diff before committing it).
"""
import json
import os
import subprocess
import sys

FIELDS = ["file", "line", "column", "end_line", "end_column", "severity", "code", "message", "notes", "suggestion"]
NOTE_FIELDS = ["file", "line", "column", "message"]


def run(referat, directory, *arguments):
    environment = dict(os.environ, NO_COLOR="1")
    # From inside the project, so that paths print as the golden files
    # have them (relative to where referat runs; cli_test.py checks that).
    result = subprocess.run([os.path.abspath(referat), "check", ".", *arguments], capture_output=True, text=True,
                            timeout=120, env=environment, cwd=directory)
    return result.returncode, result.stdout, result.stderr


def shape_errors(diagnostics):
    errors = []
    if not isinstance(diagnostics, list):
        return ["output is not a JSON array"]
    for d in diagnostics:
        if list(d.keys()) != FIELDS:
            errors.append(f"fields {list(d.keys())} != {FIELDS}")
        for note in d.get("notes", []):
            if list(note.keys()) != NOTE_FIELDS:
                errors.append(f"note fields {list(note.keys())} != {NOTE_FIELDS}")
        if d.get("severity") not in ("error", "warning"):
            errors.append(f"severity {d.get('severity')!r}")
        if not (isinstance(d.get("line"), int) and d["line"] >= 1 and d["column"] >= 1):
            errors.append(f"position {d.get('line')}:{d.get('column')} is not 1-based")
    return errors


def main():
    referat, root = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv
    cases_dir = os.path.join(root, "tests", "cases")
    passed = failed = 0
    produced = set()

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok - {name}")
        else:
            failed += 1
            print(f"not ok - {name}\n{detail}")

    for name in sorted(os.listdir(cases_dir)):
        case = os.path.join(cases_dir, name)
        status, out, err = run(referat, case, "--format", "json")
        try:
            diagnostics = json.loads(out)
        except json.JSONDecodeError as error:
            report(False, name, f"  invalid JSON: {error}\n{out}")
            continue
        produced.update(d["code"] for d in diagnostics)
        expected_path = os.path.join(case, "expected.json")
        status_path = os.path.join(case, "exit-status")
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(out)
            with open(status_path, "w") as f:
                f.write(f"{status}\n")
        with open(expected_path, encoding="utf-8") as f:
            expected = json.load(f)
        with open(status_path) as f:
            expected_status = int(f.read())
        problems = shape_errors(diagnostics)
        if diagnostics != expected:
            problems.append("output differs from expected.json:\n" + out)
        if status != expected_status:
            problems.append(f"exit status {status}, expected {expected_status}")
        if "Sanitizer" in err or "runtime error" in err:
            problems.append(err)
        report(not problems, name, "\n".join("  " + p for p in problems))

    # The typed model: `referat dump` (everything) and `dump --public`.
    for name in sorted(os.listdir(cases_dir)):
        for variant, arguments in (("expected-dump.json", []), ("expected-dump-public.json", ["--public"])):
            golden = os.path.join(cases_dir, name, variant)
            if not os.path.exists(golden) and not (update and name.startswith("dump-")):
                continue
            result = subprocess.run([referat, "dump", os.path.join(cases_dir, name), *arguments],
                                    capture_output=True, text=True, timeout=120)
            if update:
                with open(golden, "w", encoding="utf-8") as f:
                    f.write(result.stdout)
            with open(golden, encoding="utf-8") as f:
                expected = f.read()
            problems = []
            if result.returncode != 0:
                problems.append(f"exit status {result.returncode}: {result.stderr}")
            if result.stdout != expected:
                problems.append("output differs:\n" + result.stdout)
            if "--public" in arguments and "Fortrolig" in result.stdout:
                problems.append("exempt content in the public model")
            report(not problems, f"{name} dump {' '.join(arguments)}", "\n".join(problems))

    # One case in every rendering.
    rendering_case = os.path.join(cases_dir, "e-num-dup")
    for fmt in ("gcc", "github", "human"):
        status, out, err = run(referat, rendering_case, "--format", fmt)
        golden = os.path.join(rendering_case, f"expected.{fmt}")
        if update:
            with open(golden, "w", encoding="utf-8") as f:
                f.write(out)
        with open(golden, encoding="utf-8") as f:
            report(out == f.read(), f"e-num-dup --format {fmt}", out)

    registry = os.path.join(root, "grammar", "diagnostics.tsv")
    with open(registry, encoding="utf-8") as f:
        # Codes of the build stage are covered by tests/site_test.py, the
        # import's (about the document imported) by tests/import_test.py.
        codes = {line.split("\t")[0] for line in f
                 if line.strip() and not line.startswith("#") and line.split("\t")[2] not in ("build", "import")}
    missing = sorted(codes - produced)
    report(not missing, "every code in grammar/diagnostics.tsv has a golden case", f"  missing: {missing}")
    unknown = sorted(produced - codes)
    report(not unknown, "every code produced is registered in grammar/diagnostics.tsv", f"  unregistered: {unknown}")

    examples = os.path.join(root, "examples")
    status, out, err = run(referat, examples, "--format", "json", "--werror")
    report(status == 0 and json.loads(out) == [], "examples/ checks clean with --werror", out + err)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
