#!/usr/bin/env python3
"""`referat lsp` in a real editor: Debian's Neovim, headless, configured as
README tells a user, opens a meeting with a duplicate case number. What
Neovim then holds is checked: the diagnostic on the line (without saving),
the hover text and the definition of an `Oppfølging av` reference, the
diagnostic gone after the number is corrected by typing (unsaved), and the
buffer formatted as `referat fmt` formats the file.

Usage: editor_test.py REFERAT ROOT   (skips, with a line saying so, when
nvim is not installed outside CI; .ci/run installs it)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from tap import Report


def main():
    referat, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    report = Report()
    nvim = shutil.which("nvim")
    if not nvim:
        if os.environ.get("CI") == "true":
            report(False, "nvim is installed (.ci/run installs neovim)")
            return report.finish()
        print("1..0 # SKIP nvim is not installed (apt-get install neovim)")
        return 0
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "prosjekt")
        shutil.copytree(os.path.join(root, "tests", "mutations", "base"), project)
        meeting = os.path.join(project, "meetings", "ssu", "2025-02-14.md")
        first = os.path.join(project, "meetings", "ssu", "2025-01-10.md")
        original = open(meeting, encoding="utf-8").read()
        with open(meeting, "w", encoding="utf-8") as f:
            f.write(original.replace("## Sak 04/25", "## Sak 03/25", 1))
        past = time.time() - 3600
        for path in (meeting, first):
            os.utime(path, (past, past))
        result_path = os.path.join(work, "result.json")
        environment = dict(os.environ, REFERAT=referat, PROJECT=project, MEETING=meeting, RESULT=result_path,
                           HOME=work, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, XDG_STATE_HOME=work)
        run = subprocess.run([nvim, "--headless", "--clean", "-c",
                              "luafile " + os.path.join(root, "tests", "editor", "neovim.lua")],
                             env=environment, capture_output=True, text=True, timeout=120)
        if not os.path.exists(result_path):
            report(False, "Neovim ran the session", (run.stdout + run.stderr)[-1500:])
            return report.finish()
        result = json.load(open(result_path, encoding="utf-8"))
        steps = result.get("steps", {})
        report(result.get("error") is None and steps.get("attached"), "Neovim started and attached the server",
               str(result.get("error")))
        lines = original.split("\n")
        heading = next(i for i, t in enumerate(lines) if t.startswith("## Sak 04/25"))
        diagnostics = steps.get("diagnostics") or []
        report(any(d.get("line") == heading and d.get("code") == "E-NUM-DUP" and d.get("severity") == 1
                   for d in diagnostics),
               "the duplicate number is an error on its line in Neovim", json.dumps(diagnostics))
        report("02/25" in (steps.get("hover") or ""), "hover over 'Oppfølging av: 02/25' shows case 02/25",
               steps.get("hover"))
        first_lines = open(first, encoding="utf-8").read().split("\n")
        target = next(i for i, t in enumerate(first_lines) if t.startswith("## Sak 02/25"))
        definition = steps.get("definition") or {}
        report(definition.get("uri") == "file://" + first and definition.get("line") == target,
               "go to definition opens the case heading in the other meeting", json.dumps(definition))
        report(steps.get("after_fix") == 0, "typing the right number (unsaved) clears the diagnostic",
               str(steps.get("after_fix")))
        # What the buffer held when formatted, put through `referat fmt` on disk.
        before = steps.get("before_format", "")
        with open(meeting, "w", encoding="utf-8") as f:
            f.write(before + "\n")
        subprocess.run([referat, "fmt", meeting], capture_output=True, check=True)
        expected = open(meeting, encoding="utf-8").read()
        got = steps.get("formatted", "")
        report(got.rstrip("\n") == expected.rstrip("\n") and got != before,
               "formatting in Neovim gives referat fmt's text",
               f"got:\n{got[:400]}\nexpected:\n{expected[:400]}")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
