#!/usr/bin/env python3
"""referat watch: a save rebuilds the site; an error is printed once, the
site stays the last good one; mending it rebuilds. Every wait is bounded.

Usage: watch_test.py REFERAT ROOT
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from tap import Report


def stop(process):
    """SIGTERM, as a terminal's ^C would; the exit status, or None if it had
    to be killed."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        return None


def main():
    referat, root = sys.argv[1], sys.argv[2]
    report = Report()

    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "project")
        shutil.copytree(os.path.join(root, "tests", "mutations", "base"), project)
        out = os.path.join(work, "site")
        process = subprocess.Popen([referat, "watch", project, "-o", out, "--no-pdf"], stdout=subprocess.PIPE, text=True)
        lines = []
        reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
        reader.start()

        def wait_for(condition, seconds=30):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                if condition():
                    return True
                time.sleep(0.1)
            return False

        def page():
            path = os.path.join(out, "ssu", "2025-01-10.html")
            return open(path, encoding="utf-8").read() if os.path.exists(path) else ""

        try:
            report(wait_for(lambda: "Handlingsplan" in page()), "the first round builds the site")
            meeting = os.path.join(project, "meetings", "ssu", "2025-01-10.md")
            with open(meeting, encoding="utf-8") as f:
                text = f.read()
            with open(meeting, "w", encoding="utf-8") as f:
                f.write(text.replace("Handlingsplan (B)", "Handlingsplan for 2025 (B)"))
            report(wait_for(lambda: "Handlingsplan for 2025" in page()), "a save rebuilds the page")
            with open(meeting, "w", encoding="utf-8") as f:
                f.write(text.replace("## Sak 03/25", "## Sak 05/25"))
            report(wait_for(lambda: any("E-NUM-GAP" in line for line in lines)), "an error is printed", "".join(lines))
            time.sleep(0.5)
            report("Handlingsplan for 2025" in page(), "the site stays the last good one")
            count = sum("E-NUM-GAP" in line for line in lines)
            os.utime(meeting)  # a save without a change
            with open(os.path.join(project, "meetings", "ssu", "2025-02-14.md"), "a", encoding="utf-8") as f:
                f.write("\nEn merknad.\n")
            report(wait_for(lambda: sum("referat watch:" in line for line in lines) >= 4), "the next save rebuilds again")
            report(sum("E-NUM-GAP" in line for line in lines) == count, "a diagnostic already shown is not shown again",
                   "".join(lines))
            with open(meeting, "w", encoding="utf-8") as f:
                f.write(text)
            report(wait_for(lambda: "Handlingsplan (B)" in page() or ">Handlingsplan<" in page() or
                            ("Handlingsplan" in page() and "Handlingsplan for 2025" not in page())),
                   "mending the error rebuilds", "".join(lines[-3:]))
        finally:
            status = stop(process)
        report(status == 0, "watch stops cleanly on SIGTERM", str(status))

    # The project stays parsed between rounds: after one save, a round reads
    # only that file again (its neighbours have settled: a file written in
    # the last 2 s is read again on every round, as git treats racy files).
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "project")
        shutil.copytree(os.path.join(root, "examples"), project)
        time.sleep(2.2)
        out = os.path.join(work, "site")
        process = subprocess.Popen([referat, "watch", project, "-o", out, "--no-pdf"], stdout=subprocess.PIPE,
                                   text=True)
        lines = []
        threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True).start()

        def round_lines():
            return [line for line in list(lines) if line.startswith("referat watch:")]

        def wait_rounds(count, seconds=30):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and len(round_lines()) < count:
                time.sleep(0.1)
            return len(round_lines()) >= count

        try:
            files = sorted(os.path.join(d, n) for d, _, ns in os.walk(os.path.join(project, "meetings"))
                           for n in ns if n.endswith(".md"))
            first = wait_rounds(1) and round_lines()[0]
            report(bool(first) and f"({len(files)} of {len(files)} meeting files read again)" in first,
                   "the first round reads every meeting file", str(first))
            with open(files[0], "a", encoding="utf-8") as f:
                f.write("\nEn merknad skrevet etter møtet.\n")
            second = wait_rounds(2) and round_lines()[1]
            report(bool(second) and f"(1 of {len(files)} meeting files read again)" in second and "built" in second,
                   "one save: the next round reads that file alone, and builds", str(second))
            page = os.path.join(out, os.path.relpath(files[0], os.path.join(project, "meetings"))[:-3] + ".html")
            with open(page, encoding="utf-8") as f:
                report("En merknad skrevet etter møtet." in f.read(), "the saved text is on the page")
        finally:
            stop(process)

    # README's layout: the site inside the project, watch run from there.
    # The build's own writes (its staging folder beside OUT, OUT replaced)
    # must not count as edits.
    for arguments in (["-o", "site"], []):
        with tempfile.TemporaryDirectory() as work:
            project = os.path.join(work, "project")
            shutil.copytree(os.path.join(root, "tests", "mutations", "base"), project)
            process = subprocess.Popen([os.path.abspath(referat), "watch", *arguments], cwd=project,
                                       stdout=subprocess.PIPE, text=True)
            lines = []
            reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
            reader.start()

            def rounds():
                return sum(line.startswith("referat watch:") for line in lines)

            name = " ".join(["watch"] + arguments)
            try:
                deadline = time.monotonic() + 30
                while rounds() < 1 and time.monotonic() < deadline:
                    time.sleep(0.1)
                time.sleep(4)  # several seconds without an edit
                report(rounds() == 1 and os.path.exists(os.path.join(project, "site", "index.html")),
                       f"{name} inside the project: one build and none after it without an edit", "".join(lines))
                meeting = os.path.join(project, "meetings", "ssu", "2025-01-10.md")
                with open(meeting, "a", encoding="utf-8") as f:
                    f.write("\nEn merknad.\n")
                deadline = time.monotonic() + 30
                while rounds() < 2 and time.monotonic() < deadline:
                    time.sleep(0.1)
                time.sleep(3)
                report(rounds() == 2, f"{name} inside the project: one edit, exactly one rebuild", "".join(lines))
            finally:
                stop(process)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
