#!/usr/bin/env python3
"""Hostile input: each input is written as the one meeting file of a fresh
project and checked. referat must exit 0, 1 or 2, report the expected code,
finish (a generous time-out guards against hangs; it is not a speed
assertion) and, under ASan/UBSan, print no sanitizer report.

Usage: hostile_test.py REFERAT
"""
import json
import os
import random
import subprocess
import sys
import tempfile

CONFIG = b"site:\n  title: T\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n"
FRONT = b"---\nbody: ssu\ndate: 2025-01-10\n---\n\n"
CASE = b"## Sak %d/25 Tittel (B)\n\nTekst.\n\n### Vedtak\n\nVedtatt.\n\n"


def big_valid(size):
    chunk = b"Tekst med \xc3\xa6\xc3\xb8\xc3\xa5 og en referanse til sak 01/25. " * 20 + b"\n\n"
    body = FRONT + CASE % 1
    return body + chunk * (size // len(chunk))


def cases():
    rng = random.Random(20251210)
    yield "empty file", b"", "E-FRONT-MATTER", 1
    yield "only ---", b"---\n", "E-FRONT-MATTER", 1
    yield "only --- twice", b"---\n---\n", "E-META-REQUIRED", 1
    yield "unterminated front matter", b"---\nbody: ssu\ndate: 2025-01-10\n\n## Sak 01/25 X (B)\n", "E-FRONT-MATTER", 1
    yield "binary garbage", bytes(rng.randrange(256) for _ in range(65536)), "E-NUL", 1
    yield "binary garbage without NUL", bytes(rng.randrange(1, 256) for _ in range(65536)), "E-UTF8", 1
    yield "NUL byte in body", FRONT + b"Tekst\x00.\n", "E-NUL", 1
    yield "invalid UTF-8 in front matter", b"---\nbody: ssu\ndate: 2025-01-10\nplace: Troms\xf8\n---\n", "E-UTF8", 1
    yield "invalid UTF-8 in body", FRONT + b"M\xf8te\n", "E-UTF8", 1
    yield "overlong UTF-8", FRONT + b"\xc0\xaf\xe0\x80\xaf\n", "E-UTF8", 1
    yield "lone surrogate", FRONT + b"\xed\xa0\x80\n", "E-UTF8", 1
    yield "above U+10FFFF", FRONT + b"\xf4\x90\x80\x80\n", "E-UTF8", 1
    yield "truncated sequence at end", FRONT + b"\xe2\x82", "E-UTF8", 1
    yield "10,000 # characters", FRONT + b"#" * 10000 + b"\n", None, 0
    yield "10,000 # lines", FRONT + b"## \n" * 10000, None, 0
    yield "a single 10 MB line", FRONT + b"x" * (10 * 1024 * 1024), None, 0
    yield "a 50 MB file", big_valid(50 * 1024 * 1024), None, 0
    yield "a 100 MB file", big_valid(100 * 1024 * 1024), "E-LIMIT", 1
    yield "100,000 cases", FRONT + b"".join(b"## Sak %d/25 T (B)\n" % (i % 999 + 1) for i in range(100000)), "E-LIMIT", 1
    yield "YAML alias bomb", (b"---\nbody: ssu\ndate: 2025-01-10\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                              b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n"), "E-YAML-ALIAS", 1
    yield "self-referencing alias", b"---\nbody: ssu\ndate: 2025-01-10\nx: &a [*a]\n---\n", "E-YAML-ALIAS", 1
    yield "1,000-deep flow nesting", b"---\nx: " + b"[" * 1000 + b"]" * 1000 + b"\n---\n", "E-LIMIT", 1
    yield "40,000-deep flow nesting", b"---\nx: " + b"[" * 40000 + b"\n---\n", "E-LIMIT", 1
    yield "1,000-deep block nesting", b"---\n" + b"".join(b" " * i + b"a:\n" for i in range(1000)) + b"---\n", "E-LIMIT", 1
    yield "20-digit case number", FRONT + b"## Sak 99999999999999999999/25 T (B)\n", "E-CASE-HEADING", 1
    yield "20-digit year", FRONT + b"## Sak 1/99999999999999999999 T (B)\n", "E-CASE-HEADING", 1
    yield "case number zero", FRONT + b"## Sak 0/25 T (B)\n", "E-CASE-HEADING", 1
    yield "2025-02-29", b"---\nbody: ssu\ndate: 2025-02-29\n---\n", "E-DATE", 1
    yield "2024-02-29 is a date", b"---\nbody: ssu\ndate: 2024-02-29\n---\n", None, 0
    yield "0000-00-00", b"---\nbody: ssu\ndate: 0000-00-00\n---\n", "E-DATE", 1
    yield "time 24:01", b"---\nbody: ssu\ndate: 2025-01-10\ntime: '24:01'\n---\n", "E-TIME", 1
    yield "huge front matter", b"---\nbody: ssu\ndate: 2025-01-10\n" + b"# comment\n" * 200000 + b"---\n", "E-LIMIT", 1
    yield "CRLF and BOM", b"\xef\xbb\xbf" + (FRONT + CASE % 1).replace(b"\n", b"\r\n"), None, 0
    yield "lone CR line ends", (FRONT + CASE % 1).replace(b"\n", b"\r"), "E-FRONT-MATTER", 1
    yield "unclosed code fence", FRONT + CASE % 1 + b"```\n## Sak 02/25 Not a case (B)\n", None, 0
    yield "unclosed HTML comment", FRONT + CASE % 1 + b"<!--\n## Sak 02/25 Not a case (B)\n", None, 0
    yield "quadratic cmark pattern", FRONT + CASE % 1 + b"![[]()" * 20000 + b"\n", None, 0
    # Markdown nesting: a line may open at most 256 block quotes and list
    # items (E-LIMIT); deeper nesting through indentation, and deep inline
    # nesting, must build (the emitters walk iteratively).
    yield "50,000 '> ' on one line", FRONT + CASE % 1 + b"> " * 50000 + b"x\n", "E-LIMIT", 1
    yield "50,000 '>' on one line", FRONT + CASE % 1 + b">" * 50000 + b"x\n", "E-LIMIT", 1
    yield "50,000 '- ' on one line", FRONT + CASE % 1 + b"- " * 50000 + b"x\n", "E-LIMIT", 1
    yield "256 block quotes on one line", FRONT + CASE % 1 + b"> " * 256 + b"x\n", None, 0
    yield "3,000 lists nested by indentation", FRONT + CASE % 1 + b"\n".join(b"  " * i + b"- x" for i in range(3000)) + b"\n", None, 0
    yield "50,000-deep emphasis", FRONT + CASE % 1 + b"*" * 50000 + b"a" + b"*" * 50000 + b"\n", None, 0
    yield "a 100,000-character word", FRONT + CASE % 1 + b"[" * 50000 + b"a" + b"]" * 50000 + b"\n", None, 0
    yield "a 5,000-column table", FRONT + CASE % 1 + b"|" + b"|".join(b"k" for _ in range(5000)) + b"|\n|" + \
        b"|".join(b"-" for _ in range(5000)) + b"|\n", "E-LIMIT", 1
    yield "a 200-column table", FRONT + CASE % 1 + b"|" + b"|".join(b"k" for _ in range(200)) + b"|\n|" + \
        b"|".join(b"-" for _ in range(200)) + b"|\n", None, 0
    yield "a 1 MB case title", FRONT + b"## Sak 1/25 " + b"T" * (1024 * 1024) + b" (B)\n", "E-LIMIT", 1
    yield "a 4 MB word", FRONT + CASE % 1 + b"x" * (4 * 1024 * 1024) + b"\n", None, 0
    yield "attachment ../../etc/passwd", FRONT + b"## Sak 1/25 T (B)\n\nVedlegg: [p](../../etc/passwd)\n\n### Vedtak\n\nJa.\n", "E-ATTACHMENT", 1
    yield "attachment absolute", FRONT + b"## Sak 1/25 T (B)\n\nVedlegg: [p](/etc/passwd)\n\n### Vedtak\n\nJa.\n", "E-ATTACHMENT", 1


# What check accepts, build must build: these are built too, PDF included.
BUILT = {"a 200-column table", "a 4 MB word", "a single 10 MB line", "256 block quotes on one line", "3,000 lists nested by indentation", "50,000-deep emphasis",
         "a 100,000-character word", "10,000 # characters", "10,000 # lines", "quadratic cmark pattern",
         "unclosed code fence", "unclosed HTML comment", "CRLF and BOM"}


def check(referat, project):
    result = subprocess.run([referat, "check", project, "--format", "json"], capture_output=True, timeout=300)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


def main():
    referat = sys.argv[1]
    passed = failed = 0

    def report(ok, name, detail):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok - {name}")
        else:
            failed += 1
            print(f"not ok - {name}\n  {detail}")

    for name, content, code, status in cases():
        with tempfile.TemporaryDirectory() as project:
            with open(os.path.join(project, "referat.yaml"), "wb") as f:
                f.write(CONFIG)
            with open(os.path.join(project, "meeting.md"), "wb") as f:
                f.write(content)
            try:
                exit_status, out, err = check(referat, project)
            except subprocess.TimeoutExpired:
                report(False, name, "did not finish within 300 s")
                continue
            built = None
            if name in BUILT:
                try:
                    built = subprocess.run([referat, "build", project, "-o", os.path.join(project, "site"), "-q"],
                                           capture_output=True, timeout=600)
                except subprocess.TimeoutExpired:
                    report(False, name + ": build", "did not finish within 600 s")
        problems = []
        if exit_status not in (0, 1, 2):
            problems.append(f"exit status {exit_status} (crash?)")
        if status is not None and exit_status != status:
            problems.append(f"exit status {exit_status}, expected {status}")
        if "Sanitizer" in err or "runtime error" in err:
            problems.append(err[:2000])
        try:
            codes = [d["code"] for d in json.loads(out)]
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            codes = []
            problems.append(f"output is not JSON: {error}")
        if code and code not in codes:
            problems.append(f"expected {code}, got {codes[:10]}")
        if code is None and status == 0 and codes:
            problems.append(f"expected no diagnostic, got {codes[:10]}")
        report(not problems, name, "\n  ".join(problems))
        if built is not None:
            build_err = built.stderr.decode("utf-8", "replace") + built.stdout.decode("utf-8", "replace")
            report(exit_status == 0 and built.returncode == 0 and "Sanitizer" not in build_err
                   and "runtime error" not in build_err, name + ": check accepts it, and build builds it",
                   f"check {exit_status}, build {built.returncode}: {build_err[:1500]}")

    # Things that are not file contents.
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        os.mkdir(os.path.join(project, "meeting.md"))
        exit_status, out, err = check(referat, project)
        report(exit_status == 2 and "E-FILE" in out.decode(), "a meeting file that is a folder", out[:500])
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        os.mkfifo(os.path.join(project, "meeting.md"))  # unreadable as a file, even for root
        exit_status, out, err = check(referat, project)
        report(exit_status == 2 and "E-FILE" in out.decode(), "a meeting file that cannot be read (a FIFO)", out[:500])
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        os.symlink(os.path.join(project, "nowhere.md"), os.path.join(project, "meeting.md"))
        exit_status, out, err = check(referat, project)
        report(exit_status == 2 and "E-FILE" in out.decode(), "a meeting file that is a link to nothing", out[:500])
    if os.geteuid() != 0:
        with tempfile.TemporaryDirectory() as project:
            with open(os.path.join(project, "referat.yaml"), "wb") as f:
                f.write(CONFIG)
            path = os.path.join(project, "meeting.md")
            with open(path, "wb") as f:
                f.write(FRONT)
            os.chmod(path, 0)
            exit_status, out, err = check(referat, project)
            report(exit_status == 2 and "E-FILE" in out.decode(), "a meeting file without read permission", out[:500])
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        with open(os.path.join(project, "a.md"), "wb") as f:
            f.write(FRONT + CASE % 1)
        with open(os.path.join(project, "b.md"), "wb") as f:
            f.write(FRONT + CASE % 2)
        exit_status, out, err = check(referat, project)
        report(exit_status == 1 and "E-MEETING-DUP" in out.decode(), "two files for one meeting", out[:500])
    with tempfile.TemporaryDirectory() as outside, tempfile.TemporaryDirectory() as project:
        with open(os.path.join(outside, "secret.txt"), "w") as f:
            f.write("secret\n")
        os.symlink(os.path.join(outside, "secret.txt"), os.path.join(project, "link.txt"))
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        with open(os.path.join(project, "a.md"), "wb") as f:
            f.write(FRONT + b"## Sak 1/25 T (B)\n\nVedlegg: [l](link.txt)\n\n### Vedtak\n\nJa.\n")
        exit_status, out, err = check(referat, project)
        report(exit_status == 1 and "E-ATTACHMENT" in out.decode(), "attachment through a symbolic link out of the project", out[:500])
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        os.makedirs(os.path.join(project, "vedlegg", "mappe"))
        os.makedirs(os.path.join(project, "meetings"))
        with open(os.path.join(project, "meetings", "a.md"), "wb") as f:
            f.write(FRONT + b"## Sak 1/25 T (B)\n\nVedlegg: [x](../vedlegg/mappe)\n\n### Vedtak\n\nJa.\n")
        exit_status, out, err = check(referat, project)
        report(exit_status == 1 and "E-ATTACHMENT" in out.decode(), "a folder as attachment", out[:500])
    with tempfile.TemporaryDirectory() as project:
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        deep = os.path.join(project, *(["d"] * 70))
        os.makedirs(deep)
        with open(os.path.join(deep, "a.md"), "wb") as f:
            f.write(FRONT + CASE % 1)
        exit_status, out, err = check(referat, project)
        report(exit_status == 1 and "E-LIMIT" in out.decode(), "a meeting 70 folders deep is not skipped silently",
               out[:500])
    with tempfile.TemporaryDirectory() as project:
        exit_status, out, err = check(referat, project)
        report(exit_status == 2 and "E-FILE" in out.decode(), "a project without referat.yaml", out[:500])
    with tempfile.TemporaryDirectory() as project:
        os.symlink(project, os.path.join(project, "loop"))
        with open(os.path.join(project, "referat.yaml"), "wb") as f:
            f.write(CONFIG)
        exit_status, out, err = check(referat, project)
        report(exit_status == 0, "a symbolic link loop is not followed", out[:500])
    result = subprocess.run([referat, "check", "--format", "xml"], capture_output=True)
    report(result.returncode == 2, "an unknown format is a usage error", result.stderr[:300])
    result = subprocess.run([referat, "frobnicate"], capture_output=True)
    report(result.returncode == 2, "an unknown command is a usage error", result.stderr[:300])

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
