#!/usr/bin/env python3
"""bench/generate.py makes projects that `referat check` passes with no
diagnostics at all, also across a century boundary (two-digit years in
case numbers and references: `79/99` written in 2100 is 2099's case), and
the same arguments give the same bytes. Kept small to stay fast; the bench
generates 500 to 8,000 meetings the same way.

Usage: generate_test.py REFERAT ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from tap import Report

report = Report()


def generate(root, folder, *args):
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), folder, *args], check=True,
                   capture_output=True)


def meeting_years(folder):
    years = set()
    for directory, _, names in os.walk(os.path.join(folder, "meetings")):
        years |= {int(name[:4]) for name in names if name.endswith(".md")}
    return years


def contents(folder):
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(directory, name), "rb") as f:
                files[os.path.relpath(os.path.join(directory, name), folder)] = f.read()
    return files


def main():
    referat, root = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="referat-generate-")
    try:
        for label, args in (("300 meetings across 2100", ["300", "--start-year", "2097"]),
                            ("120 meetings across 2000", ["120", "--start-year", "1999"]),
                            ("60 meetings from 2000", ["60"])):
            folder = os.path.join(work, label.replace(" ", "-"))
            generate(root, folder, *args)
            years = meeting_years(folder)
            if "--start-year" in args:
                century = (int(args[args.index("--start-year") + 1]) // 100 + 1) * 100
                report(min(years) < century <= max(years), f"{label}: the meetings run across {century}",
                       sorted(years))
            result = subprocess.run([referat, "check", folder, "--format", "json"], capture_output=True, text=True)
            diagnostics = json.loads(result.stdout) if result.stdout.strip() else None
            report(result.returncode == 0 and diagnostics == [], f"{label}: referat check finds nothing",
                   result.stdout[:2000] + result.stderr[:500])
        again = os.path.join(work, "again")
        generate(root, again, "300", "--start-year", "2097")
        first = contents(os.path.join(work, "300-meetings-across-2100"))
        report(first == contents(again) and len(first) > 300, "the same arguments give the same bytes")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
