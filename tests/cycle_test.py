#!/usr/bin/env python3
"""The secretariat's cycle, on a temporary project: new → edit → minutes →
edit → check → build, and the next `new` carries the postponed case.

Usage: cycle_test.py REFERAT ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

from tap import Report

TEMPLATE = """## Innkalling og dagsorden (B)

### Forslag til vedtak

Innkalling og dagsorden godkjennes.

<!-- postponed -->

## Eventuelt (O)

## Neste møte og kommende saker (O)
"""


def main():
    referat, root = sys.argv[1], sys.argv[2]
    report = Report()

    def run(*arguments):
        return subprocess.run([referat, *arguments], capture_output=True, text=True, timeout=120)

    with tempfile.TemporaryDirectory() as project:
        shutil.copy(os.path.join(root, "tests", "import", "project", "referat.yaml"), project)
        os.makedirs(os.path.join(project, "templates"))
        with open(os.path.join(project, "templates", "new-ssu.md"), "w", encoding="utf-8") as f:
            f.write(TEMPLATE)
        notice = os.path.join(project, "meetings", "ssu", "2025-03-10.md")

        result = run("new", "ssu", "2025-03-10", project)
        with open(notice, encoding="utf-8") as f:
            text = f.read()
        report(result.returncode == 0 and "kind: notice" in text and "## Sak 01/25 Innkalling og dagsorden (B)" in text
               and "## Sak 03/25 Neste møte og kommende saker (O)" in text and '  - "Heidi Eriksen Laksaa"' in text,
               "new writes a notice with the roster and the standing cases, numbered from 01", result.stderr + text)
        report(run("check", project).returncode == 0, "the new notice checks clean")

        # The secretariat writes a case of its own.
        text = text.replace("## Sak 02/25 Eventuelt (O)", "## Sak 02/25 Handlingsplan 2025 (B)\n\nPlanen er sendt ut.\n\n"
                            "### Forslag til vedtak\n\nHandlingsplanen vedtas.\n\n## Sak 03/25 Eventuelt (O)")
        text = text.replace("## Sak 03/25 Neste møte", "## Sak 04/25 Neste møte")
        with open(notice, "w", encoding="utf-8") as f:
            f.write(text)
        before = text
        result = run("new", "ssu", "2025-03-10", project)
        with open(notice, encoding="utf-8") as f:
            report(result.returncode == 2 and f.read() == before, "new never overwrites a file (exit status 2)", result.stderr)

        result = run("minutes", notice)
        with open(notice, encoding="utf-8") as f:
            minutes = f.read()
        report(result.returncode == 0 and "kind: minutes" in minutes
               and "### Vedtak\n\nHandlingsplanen vedtas." in minutes
               and "### Vedtak\n\nInnkalling og dagsorden godkjennes." in minutes,
               "minutes starts a decision from each proposal", result.stderr + minutes)
        lost = [line for line in before.splitlines() if line.strip() and line not in minutes.splitlines()
                and line != "kind: notice"]
        report(not lost, "minutes keeps every line of the notice", str(lost))
        result = run("minutes", notice)
        report(result.returncode == 2, "minutes refuses a file that is already minutes (exit status 2)", result.stderr)

        # The meeting postponed the plan, and the minutes were approved.
        minutes = minutes.replace("### Vedtak\n\nHandlingsplanen vedtas.", "### Vedtak (utsatt)\n\nSaken utsettes til neste møte.")
        minutes = minutes.replace("kind: minutes", "kind: minutes\napproved: 2025-04-07")
        with open(notice, "w", encoding="utf-8") as f:
            f.write(minutes)
        result = run("check", project)
        report(result.returncode == 0, "the minutes check (warnings allowed)", result.stdout)
        result = run("build", project, "-o", os.path.join(project, "site"), "--no-pdf")
        report(result.returncode == 0 and os.path.exists(os.path.join(project, "site", "ssu", "2025-03-10.html")),
               "the minutes build", result.stdout + result.stderr)

        result = run("new", "ssu", "2025-04-07", project)
        with open(os.path.join(project, "meetings", "ssu", "2025-04-07.md"), encoding="utf-8") as f:
            following = f.read()
        report(result.returncode == 0 and "## Sak 06/25 Handlingsplan 2025 (B)\n\nOppfølging av: 02/25" in following
               and "### Forslag til vedtak\n\nHandlingsplanen vedtas." in following
               and "## Sak 05/25 Innkalling og dagsorden (B)" in following,
               "the next new carries the postponed case, numbers continuing the year", following)
        result = run("check", project)
        report(result.returncode == 0, "the project with both meetings checks", result.stdout)
        result = run("new", "ssu", "2026-01-15", project)
        with open(os.path.join(project, "meetings", "ssu", "2026-01-15.md"), encoding="utf-8") as f:
            report("## Sak 01/26 Innkalling og dagsorden (B)" in f.read(), "a new year starts at 01")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
