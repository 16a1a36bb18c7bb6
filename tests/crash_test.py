#!/usr/bin/env python3
"""Crash-safe builds: a build killed with SIGKILL at any moment leaves the
previous site complete, and leaves nothing that a later build trips on.

A 120-meeting project (bench/generate.py) is built once; then, again and
again, a rebuild (after changing a meeting) is killed at a random moment of
its run. After every kill the output folder must be one whole site — the old
or the new — and a final build must succeed and leave no staging folder.
The random moments come from a fixed seed: the run is repeatable.

Usage: crash_test.py REFERAT ROOT [KILLS]
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

from tap import Report


def complete_site(out, meetings):
    """The marker, the index pages, and every meeting's HTML, JSON and a whole PDF."""
    if not os.path.exists(os.path.join(out, ".referat-site")):
        return "no marker"
    for page in ("index.html", "saker.html", "sok.html", "404.html", "assets/search.js", "assets/search/index.js"):
        if not os.path.exists(os.path.join(out, page)):
            return f"no {page}"
    for body, date in meetings:
        for extension in ("html", "json", "pdf"):
            path = os.path.join(out, body, f"{date}.{extension}")
            if not os.path.exists(path):
                return f"no {body}/{date}.{extension}"
        with open(os.path.join(out, body, f"{date}.pdf"), "rb") as f:
            f.seek(-6, os.SEEK_END)
            if b"%%EOF" not in f.read():
                return f"{body}/{date}.pdf is cut short"
    return None


def main():
    referat, root = sys.argv[1], sys.argv[2]
    kills = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rng = random.Random(20261123)
    report = Report()

    with tempfile.TemporaryDirectory() as work:
        project, out = os.path.join(work, "project"), os.path.join(work, "site")
        subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), project, "120"], check=True)
        meetings = [(body, name[:-3]) for body in sorted(os.listdir(os.path.join(project, "meetings")))
                    for name in sorted(os.listdir(os.path.join(project, "meetings", body)))]
        started = time.monotonic()
        first = subprocess.run([referat, "build", project, "-o", out], capture_output=True, text=True)
        duration = time.monotonic() - started
        report(first.returncode == 0 and complete_site(out, meetings) is None, f"the project builds ({duration:.1f} s)",
               first.stdout[-500:])
        changed = os.path.join(project, "meetings", meetings[0][0], meetings[0][1] + ".md")
        for attempt in range(kills):
            with open(changed, "a", encoding="utf-8") as f:
                f.write(f"\nEndring {attempt}.\n")
            delay = rng.uniform(0.0, duration * 1.05)
            process = subprocess.Popen([referat, "build", project, "-o", out], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            problem = complete_site(out, meetings)
            report(problem is None, f"killed after {delay:.2f} s: the site is whole", problem or "")
        final = subprocess.run([referat, "build", project, "-o", out], capture_output=True, text=True)
        report(final.returncode == 0 and complete_site(out, meetings) is None, "a build after the kills succeeds",
               final.stdout[-500:])
        with open(os.path.join(out, meetings[0][0], meetings[0][1] + ".html"), encoding="utf-8") as f:
            report(f"Endring {kills - 1}." in f.read(), "and has the last change")
        strays = [name for name in os.listdir(work) if "referat-tmp" in name or "referat-old" in name]
        report(not strays, "no staging folder is left", str(strays))
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
