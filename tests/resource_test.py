#!/usr/bin/env python3
"""Time and memory grow at most linearly with the input.

For each shape of input that once made check or build slow or hungry
(issue 14) — references on one line, a large roster with half present,
lists nested by indentation, one long line of words, table rows, many
short paragraphs, votes and recusals — a meeting is generated at 1×, 4× and 16× a size, then
checked and built (PDF included). The test asserts ratios between the sizes
(CPU time and peak memory at 16× against 1×), never absolute times: linear
growth gives about 16, quadratic 256; the bound is 48, three times linear,
to absorb start-up costs and noise. The figures are printed for the record.

Usage: resource_test.py REFERAT
"""
import os
import subprocess
import sys
import tempfile
import time

from tap import Report

CONFIG = "site:\n  title: T\nbodies:\n  ssu:\n    name: S\n    short: SSU\n{roster}"
FRONT = "---\nbody: ssu\nkind: minutes\ndate: 2025-01-10\n{present}---\n\n## Sak 01/25 Saken (B)\n\n"
END = "\n\n### Vedtak\n\nVedtatt.\n"
BOUND = 48


def references(scale):
    return "    seats: 9\n", "", "Se sak 01/25 og " * (16000 * scale)


def roster(scale):
    n = 1000 * scale
    members = "".join(f"      - name: Medlem Nummer{i} Etternavn\n" for i in range(n))
    present = "present:\n" + "".join(f"  - Medlem Nummer{i} Etternavn\n" for i in range(0, n, 2))
    return "    members:\n" + members, present, "Tekst."


def nesting(scale):
    # Depth d costs about d² bytes: the depth grows with the square root.
    depth = int(250 * scale ** 0.5)
    return "    seats: 9\n", "", "\n".join("  " * i + "- punkt" for i in range(depth))


def long_line(scale):
    return "    seats: 9\n", "", "ord " * (40000 * scale)


def table_rows(scale):
    # Columns are limited (LIMIT_TABLE_COLUMNS); rows are not.
    row = "|" + "|".join(f"celle {c}" for c in range(20)) + "|\n"
    return "    seats: 9\n", "", row + "|" + "|".join("-" for _ in range(20)) + "|\n" + row * (300 * scale)


def paragraphs(scale):
    return "    seats: 9\n", "", "Et kort avsnitt.\n\n" * (8000 * scale)


def votes(scale):
    # Issue 16: a council where half the members are disqualified in the
    # case, the other half named in its vote, and many amendment votes each
    # naming every party — recusals, votes and names all scale together.
    n = 400 * scale
    members = "".join(f"      - name: Medlem Nummer{i} Etternavn\n        party: P{(i // 2) % 10}\n" for i in range(n))
    present = "present:\n" + "".join(f"  - Medlem Nummer{i} Etternavn\n" for i in range(n))
    fields = "".join(f"Inhabil: Medlem Nummer{i} Etternavn (fvl. § 6)\n" for i in range(0, n, 2))
    fields += f"Votering: {n // 2} mot 0\nFor: " + ", ".join(f"Medlem Nummer{i} Etternavn" for i in range(1, n, 2)) + "\n"
    parties = ", ".join(f"P{p}" for p in range(10))
    fields += "".join(f"Votering (forslag {k}): {n // 2} mot 0\nFor: {parties}\n" for k in range(n // 10))
    return "    voting: required\n    members:\n" + members, present, fields


SHAPES = [("references on one line", references), ("roster, half present", roster),
          ("lists nested by indentation", nesting), ("one long line of words", long_line),
          ("table rows", table_rows), ("short paragraphs", paragraphs), ("votes and recusals", votes)]


def peak_so_far(pid):
    """The process's high-water mark of resident memory (KiB), or None once
    it has exited. Read from /proc: the kernel's rusage would count the
    memory of the Python process it was forked from."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def measure(command):
    """Exit status, CPU seconds and peak resident memory (KiB) of the
    command itself. The peak is the last high-water mark read before it
    exits (read every few milliseconds; it only grows)."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        peak = 0
        while True:
            seen = peak_so_far(process.pid)
            if seen is not None:
                peak = max(peak, seen)
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.005)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode("utf-8", "replace")[-1000:]
    return process.returncode, usage.ru_utime + usage.ru_stime, peak, text


def main():
    referat = sys.argv[1]
    report = Report(detail_limit=2000)
    with tempfile.TemporaryDirectory() as work:
        for name, shape in SHAPES:
            figures = {}
            for scale in (1, 4, 16):
                config, present, body = shape(scale)
                project = os.path.join(work, f"{name}-{scale}".replace(" ", "-").replace(",", ""))
                os.makedirs(os.path.join(project, "meetings"))
                with open(os.path.join(project, "referat.yaml"), "w", encoding="utf-8") as f:
                    f.write(CONFIG.format(roster=config))
                text = FRONT.format(present=present) + body + END
                with open(os.path.join(project, "meetings", "m.md"), "w", encoding="utf-8") as f:
                    f.write(text)
                check = measure([referat, "check", project, "-q", "--format", "gcc"])
                build = measure([referat, "build", project, "-o", os.path.join(project, "site"), "-q",
                                 "--format", "gcc"])
                figures[scale] = (len(text), check, build)
            detail = "; ".join(f"{s}×: {figures[s][0] // 1024} KiB, check {figures[s][1][1]:.2f} s "
                               f"{figures[s][1][2] // 1024} MiB, build {figures[s][2][1]:.2f} s "
                               f"{figures[s][2][2] // 1024} MiB" for s in (1, 4, 16))
            print(f"# {name}: {detail}")
            ran = all(figures[s][1][0] in (0, 1) and figures[s][2][0] == 0 for s in (1, 4, 16))
            report(ran, f"{name}: checked and built at every size",
                   " / ".join(figures[s][2][3] for s in (1, 4, 16)))
            for stage, index in (("check", 1), ("build", 2)):
                small, large = figures[1][index], figures[16][index]
                # Below 50 ms and 8 MiB a ratio measures start-up (and the
                # sampling of the memory peak), not growth.
                time_ratio = large[1] / max(small[1], 0.05)
                memory_ratio = large[2] / max(small[2], 8192)
                report(time_ratio <= BOUND and memory_ratio <= BOUND,
                       f"{name}: {stage} at 16× the size: CPU ×{time_ratio:.1f}, memory ×{memory_ratio:.1f} "
                       f"(at most ×{BOUND})", detail)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
