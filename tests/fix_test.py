#!/usr/bin/env python3
"""referat check --fix applies only what is certain:

  - renumbering a meeting's cases to close a gap, with the references to
    them in the same file (running text and Oppfølging av) following;
  - a member's name to the roster's unique spelling;
  - not renumbering when another file refers to a case that would move;
  - leaving a file with only uncertain problems byte for byte as it was.
Each fix is shown as a diff, and the project is checked again.

Usage: fix_test.py REFERAT ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile

from tap import Report

CONFIG = """site:
  title: T
bodies:
  ssu:
    name: Strategisk samarbeidsutvalg
    short: SSU
    members:
      - name: Heidi Eriksen Laksaa
      - name: Ola Hansen
      - name: Kari Nordmann
"""
MEETING = """---
body: ssu
date: 2025-01-10
chair: Kari Nordmann
present:
  - Heidi Eriksen Laksaas
  - Ola Hansen
  - Kari Nordmann
---

## Sak 01/25 Innkalling (B)

Se sak 04/25 om planen.

### Vedtak

Godkjent.

## Sak 03/25 Handlingsplan (B)

saksbehandler: Guri

### vedtak

Vedtatt.

## Sak 04/25 Oppfølging av planen (B)

Oppfølging av: 03/25

### Vedtak

Tatt til etterretning.
"""
UNCERTAIN = """---
body: ssu
date: 2025-02-10
chair: Kari Nordmann
present:
  - Ukjent Person
  - Ola Hansen
  - Kari Nordmann
  - Heidi Eriksen Laksaa
---

## Sak 05/25 Saken (B)

Oppfølging av: 99/25

### Vedtak

Vedtatt.
"""


def main():
    referat = sys.argv[1]
    report = Report()

    def project_with(work, name, files):
        project = os.path.join(work, name)
        os.makedirs(os.path.join(project, "meetings"))
        with open(os.path.join(project, "referat.yaml"), "w", encoding="utf-8") as f:
            f.write(CONFIG)
        for file, text in files.items():
            with open(os.path.join(project, "meetings", file), "w", encoding="utf-8") as f:
                f.write(text)
        return project

    def fix(project):
        return subprocess.run([referat, "check", project, "--fix", "--format", "gcc"], capture_output=True, text=True,
                              timeout=120)

    with tempfile.TemporaryDirectory() as work:
        project = project_with(work, "renumber", {"2025-01-10.md": MEETING})
        result = fix(project)
        with open(os.path.join(project, "meetings", "2025-01-10.md"), encoding="utf-8") as f:
            fixed = f.read()
        report("## Sak 02/25 Handlingsplan (B)" in fixed and "## Sak 03/25 Oppfølging av planen (B)" in fixed,
               "the gap is closed", fixed)
        report("Se sak 03/25 om planen." in fixed and "Oppfølging av: 02/25" in fixed,
               "the file's references follow their cases", fixed)
        report("  - Heidi Eriksen Laksaa\n" in fixed, "the member's name is the roster's", fixed)
        report(result.returncode == 0 and "+## Sak 02/25 Handlingsplan (B)" in result.stdout
               and "-## Sak 03/25 Handlingsplan (B)" in result.stdout,
               "each fix is shown as a diff and the project then checks clean", result.stdout + result.stderr)
        expected = MEETING.replace("Se sak 04/25", "Se sak 03/25").replace("## Sak 03/25 Handlingsplan", "## Sak 02/25 Handlingsplan") \
            .replace("## Sak 04/25 Oppfølging", "## Sak 03/25 Oppfølging").replace("Oppfølging av: 03/25", "Oppfølging av: 02/25") \
            .replace("Laksaas", "Laksaa").replace("saksbehandler:", "Saksbehandler:").replace("### vedtak", "### Vedtak")
        report(fixed == expected, "keywords get their canonical case, and nothing else is touched", fixed)
        # Four renumbering edits, a name and two keywords: seven, not "1 fix"
        # for the one file they are in.
        report("referat: 7 fixes applied" in result.stderr, "the count is of fixes, not of files", result.stderr)

        later = MEETING.replace("2025-01-10", "2025-01-10")
        follower = UNCERTAIN.replace("Oppfølging av: 99/25", "Oppfølging av: 03/25").replace("  - Ukjent Person\n", "") \
            .replace("## Sak 05/25", "## Sak 05/25")
        project = project_with(work, "guarded", {"2025-01-10.md": later.replace("Laksaas", "Laksaa")
                                                  .replace("saksbehandler:", "Saksbehandler:").replace("### vedtak", "### Vedtak"),
                                                  "2025-02-10.md": follower})
        before = open(os.path.join(project, "meetings", "2025-01-10.md"), encoding="utf-8").read()
        result = fix(project)
        after = open(os.path.join(project, "meetings", "2025-01-10.md"), encoding="utf-8").read()
        report(after == before and "E-NUM-GAP" in result.stdout,
               "no renumbering when another file refers to a case that would move", result.stdout)

        project = project_with(work, "uncertain", {"2025-02-10.md": UNCERTAIN})
        path = os.path.join(project, "meetings", "2025-02-10.md")
        before = open(path, "rb").read()
        result = fix(project)
        report(open(path, "rb").read() == before and result.returncode == 1 and "E-PERSON-UNKNOWN" in result.stdout
               and "E-REF" in result.stdout and "---" not in result.stdout.split("\n")[0],
               "a file with only uncertain problems is left as it was", result.stdout)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
