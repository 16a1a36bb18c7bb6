#!/usr/bin/env python3
"""referat fmt never changes meaning, and is idempotent:

  - every valid project (examples/, the valid golden cases, the site and
    mutation projects, a generated one): fmt every meeting file, and the
    typed model (`referat dump`, spans aside) is the same before and after;
    a second fmt changes no byte; fmt --check then exits 0;
  - a messy file (CRLF, key order, case of keywords, 8/25, blank lines,
    trailing spaces, a code block, a hard line break) becomes exactly
    tests/fmt/messy.expected.md;
  - fmt --check on an unformatted file changes nothing, prints the
    difference and exits 1.

Usage: fmt_test.py REFERAT ROOT
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

from tap import Report


def markdown_text(text):
    """What Markdown ignores between blocks: line endings, how many blank
    lines, trailing space on a heading line. (Blank lines inside code
    blocks, which do matter, fmt copies verbatim.)"""
    text = text.replace("\r\n", "\n")
    lines = [line.rstrip() if line.lstrip().startswith("#") else line for line in text.split("\n")]
    out = []
    for line in lines:
        if line.strip() == "" and out and out[-1].strip() == "":
            continue
        out.append("" if line.strip() == "" else line)
    return "\n".join(out).strip("\n")


def without_spans(value):
    if isinstance(value, dict):
        # A field's key is compared as the keyword it is: fmt corrects its case.
        return {k: (markdown_text(v) if k in ("text", "preamble") and isinstance(v, str)
                    else v.lower() if k == "key" and isinstance(v, str) else without_spans(v))
                for k, v in value.items() if k != "span"}
    if isinstance(value, list):
        return [without_spans(v) for v in value]
    return value


def main():
    referat, root = sys.argv[1], sys.argv[2]
    report = Report(detail_limit=1500)

    def run(*arguments):
        return subprocess.run([referat, *arguments], capture_output=True, text=True, timeout=300)

    projects = [os.path.join(root, "examples"), os.path.join(root, "tests", "mutations", "base"),
                os.path.join(root, "tests", "site", "exempt"), os.path.join(root, "tests", "pdf", "stress"),
                os.path.join(root, "tests", "cases", "dump-quorum"), os.path.join(root, "examples", "kommunestyre"),
                os.path.join(root, "tests", "cases", "dump-votes")]
    projects += sorted(glob.glob(os.path.join(root, "tests", "cases", "valid-*")))
    with tempfile.TemporaryDirectory() as work:
        generated = os.path.join(work, "generated-source")
        subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), generated, "40"], check=True)
        projects.append(generated)
        for source in projects:
            name = os.path.relpath(source, root) if source.startswith(root) else "bench/generate.py 40"
            project = os.path.join(work, "p", name.replace("/", "_"))
            shutil.copytree(source, project)
            before = run("dump", project)
            files = sorted(glob.glob(os.path.join(project, "meetings", "**", "*.md"), recursive=True))
            result = run("fmt", *files)
            after = run("dump", project)
            same = before.returncode == 0 and after.returncode == 0 and \
                without_spans(json.loads(before.stdout)) == without_spans(json.loads(after.stdout))
            report(result.returncode == 0 and same, f"{name}: fmt keeps the typed model ({len(files)} files)",
                   result.stderr + after.stderr)
            contents = [open(f, "rb").read() for f in files]
            run("fmt", *files)
            report(contents == [open(f, "rb").read() for f in files], f"{name}: a second fmt changes no byte")
            check = run("fmt", "--check", *files)
            report(check.returncode == 0 and not check.stdout, f"{name}: fmt --check accepts it", check.stdout)

        messy = os.path.join(work, "messy")
        shutil.copytree(os.path.join(root, "tests", "fmt", "messy"), messy)
        path = os.path.join(messy, "meetings", "2025-01-10.md")
        original = open(path, "rb").read()
        check = run("fmt", "--check", path)
        report(check.returncode == 1 and "+## Sak 01/25 Innkalling og dagsorden (B)" in check.stdout
               and open(path, "rb").read() == original, "fmt --check shows the difference, exits 1, writes nothing",
               check.stdout)
        before = run("dump", messy)
        run("fmt", path)
        with open(os.path.join(root, "tests", "fmt", "messy.expected.md"), "rb") as f:
            expected = f.read()
        formatted = open(path, "rb").read()
        report(formatted == expected, "a messy file becomes the canonical layout", formatted.decode())
        after = run("dump", messy)
        report(before.returncode == 0 and without_spans(json.loads(before.stdout)) == without_spans(json.loads(after.stdout)),
               "and its typed model is unchanged", before.stderr + after.stderr)

        # YAML the line-based reordering misreads: fmt must keep the meeting
        # valid and the same, here by leaving the front matter as written.
        tricky = {
            "a quoted scalar continued at column 1": 'body: ssu\nplace: "Rom\n#1"\ndate: 2025-01-10\nkind: notice\n',
            "a single-quoted scalar over lines": "kind: notice\nplace: 'Rom\n  #2'\nbody: ssu\ndate: 2025-01-10\n",
            "a flow sequence over lines": "date: 2025-01-10\npresent: [Kari Nordmann,\n# not a comment\n  Ola Hansen]\nbody: ssu\nkind: notice\n",
        }
        for label, front in tricky.items():
            project = os.path.join(work, "tricky", label.replace(" ", "-"))
            os.makedirs(os.path.join(project, "meetings"))
            with open(os.path.join(project, "referat.yaml"), "w", encoding="utf-8") as f:
                f.write("site:\n  title: T\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 9\n")
            path = os.path.join(project, "meetings", "m.md")
            with open(path, "w", encoding="utf-8") as f:
                f.write("---\n" + front + "---\n\n## Sak 01/25 T (B)\n\n### Forslag til vedtak\n\nOk.\n")
            before = run("dump", project)
            result = run("fmt", path)
            after = run("dump", project)
            report(before.returncode == 0 and after.returncode == 0 and result.returncode == 0 and
                   without_spans(json.loads(before.stdout)) == without_spans(json.loads(after.stdout)),
                   f"fmt on {label}: still valid, the same meeting", result.stderr + after.stderr + open(path).read())
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
