#!/usr/bin/env python3
"""The archival PDFs, checked with poppler and qpdf as an archive would:

  - every case title, decision text and attendee name of every example
    meeting is in pdftotext's output exactly (æøå intact), the case titles
    in reading order;
  - qpdf --check passes; pdffonts shows every font embedded;
  - two builds give byte-identical PDFs;
  - no word lies outside the page's text area (pdftotext -bbox), for the
    examples and for a stress meeting (a 40-row table, a 300-character URL,
    a 2,000-word case, 60 attendees);
  - exempt content is absent from the public PDF.
With REFERAT_UPDATE_SCREENSHOTS=1 the first two pages of the SSU minutes are
rendered to examples/screenshots/pdf-page-1.png and -2.png.

Usage: pdf_test.py REFERAT ROOT   (skips, exit 77, without poppler and qpdf)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from tap import Report

PAGE_WIDTH, PAGE_HEIGHT = 595.276, 841.89
MARGIN_LEFT, MARGIN_RIGHT = 62.0, 62.0
TOLERANCE = 1.0


def run(*command, **kwargs):
    return subprocess.run(list(command), capture_output=True, text=True, timeout=300, **kwargs)


def normalise(text):
    return re.sub(r"\s+", " ", text).strip()


def plain(markdown):
    """The words a reader sees of a Markdown text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"<(https?://[^>]*)>", r"\1", text)
    text = re.sub(r"^\s*[-*+]\s+", "• ", text, flags=re.M)
    text = text.replace("**", "").replace("__", "").replace("`", "")
    text = re.sub(r"(?<!\w)[*_](\S[^*_]*)[*_](?!\w)", r"\1", text)
    return normalise(text)


def words_outside(pdf):
    """Words whose box leaves the text column or the page (header and footer included)."""
    out = run("pdftotext", "-bbox", pdf, "-").stdout
    problems = []
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out):
        x_min, y_min, x_max, y_max = map(float, match.groups()[:4])
        if (x_min < MARGIN_LEFT - TOLERANCE or x_max > PAGE_WIDTH - MARGIN_RIGHT + TOLERANCE
                or y_min < 20 or y_max > PAGE_HEIGHT - 20):
            problems.append(f"{match.group(5)!r} at x {x_min:.1f}–{x_max:.1f}, y {y_min:.1f}–{y_max:.1f}")
    return problems


def main():
    referat, root = sys.argv[1], sys.argv[2]
    if not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "qpdf", "pdftoppm")):
        if os.environ.get("CI") == "true":
            print("not ok - the PDF tests need poppler-utils and qpdf\n0 passed, 1 failed")
            return 1
        print("SKIPPED: the PDF tests need poppler-utils and qpdf (.ci/run installs them)")
        return 77
    report = Report()

    with tempfile.TemporaryDirectory() as work:
        first, second = os.path.join(work, "a"), os.path.join(work, "b")
        examples = os.path.join(root, "examples")
        for out in (first, second):
            result = run(referat, "build", examples, "-o", out)
            report(result.returncode == 0, f"examples build ({os.path.basename(out)})", result.stdout + result.stderr)
        model = json.loads(run(referat, "dump", examples, "--public").stdout)
        model_body_names = {body["id"]: body["name"] for body in model["bodies"]}
        for meeting in model["meetings"]:
            name = meeting["file"]
            pdf = os.path.join(first, meeting["body"], meeting["date"] + ".pdf")
            raw_text = run("pdftotext", pdf, "-").stdout
            # Page furniture (the header, "Side X av Y") interrupts text that
            # runs across a page break; a reader skips it, and so does this.
            header = raw_text.splitlines()[0]
            raw_text = re.sub(r"Side \d+ av \d+", " ", raw_text.replace(header, " "))
            text = normalise(raw_text)
            missing, positions = [], []
            for item in meeting["items"]:
                if item["kind"] != "case":
                    continue
                title = normalise(item["title"])
                at = text.find(title)
                positions.append(at)
                if at < 0:
                    missing.append("title: " + title)
                if item.get("decision"):
                    decision = plain(item["decision"]["text"])
                    if decision not in text:
                        missing.append("decision: " + decision[:80])
            for group in meeting["attendance"].values():
                for person in group:
                    if normalise(person["name"]) not in text:
                        missing.append("name: " + person["name"])
            report(not missing, f"{name}: every title, decision and name is in the text", "\n  ".join(missing[:10]))
            report(all(a < b for a, b in zip(positions, positions[1:])), f"{name}: the cases are in reading order")
            check = run("qpdf", "--check", pdf)
            report(check.returncode == 0, f"{name}: qpdf --check passes", check.stdout[-300:])
            fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
            report(fonts and all(line.split()[-5] == "yes" for line in fonts), f"{name}: every font is embedded",
                   "\n".join(fonts))
            outside = words_outside(pdf)
            report(not outside, f"{name}: no text outside the margins", "\n  ".join(outside[:10]))
            cases = [item for item in meeting["items"] if item["kind"] == "case"]
            outlines = json.loads(run("qpdf", "--json=2", "--json-key=outlines", pdf).stdout)["outlines"]
            report(len(outlines) == len(cases) and all(o["title"].startswith("Sak ") for o in outlines),
                   f"{name}: a bookmark per case", str([o["title"] for o in outlines]))
            expanded = os.path.join(work, "expanded.pdf")
            run("qpdf", "--qdf", "--object-streams=disable", pdf, expanded)
            with open(expanded, "rb") as f:
                objects = f.read()
            report(objects.count(b"/Subtype /Link") >= len(cases) and objects.count(b"/Dest ") >= len(cases),
                   f"{name}: the saksliste links to every case")
            info = run("pdfinfo", pdf).stdout
            date = meeting["approved"] or meeting["date"]
            year, month, day = map(int, date.split("-"))
            report(f"Author:          {model_body_names[meeting['body']]}" in info and "Title:" in info
                   and f" {day} 00:00:00 {year}" in info.replace("  ", " "),
                   f"{name}: document information from the meeting", info)
            with open(pdf, "rb") as a, open(os.path.join(second, meeting["body"], meeting["date"] + ".pdf"), "rb") as b:
                report(a.read() == b.read(), f"{name}: two builds give the same bytes")

        stress = os.path.join(work, "stress")
        result = run(referat, "build", os.path.join(root, "tests", "pdf", "stress"), "-o", stress)
        pdf = os.path.join(stress, "ssu", "2026-02-10.pdf")
        report(result.returncode == 0 and os.path.exists(pdf), "the stress meeting builds", result.stdout + result.stderr)
        outside = words_outside(pdf)
        report(not outside, "stress meeting: a 40-row table, a 300-character URL, 2,000 words and 60 attendees stay inside",
               "\n  ".join(outside[:10]))
        text = run("pdftotext", pdf, "-").stdout
        report(text.count("helsefellesskapet.no") >= 2 and "Tabellen tas til orientering." in text,
               "stress meeting: its text is all there")

        public = os.path.join(work, "public")
        run(referat, "build", os.path.join(root, "tests", "site", "exempt"), "-o", public)
        text = run("pdftotext", os.path.join(public, "ssu", "2025-03-10.pdf"), "-").stdout
        with open(os.path.join(public, "ssu", "2025-03-10.pdf"), "rb") as f:
            raw = f.read()
        report("LEKKASJE7F3A9C" not in text and b"LEKKASJE7F3A9C" not in raw and "Personalsak" in text,
               "the public PDF has the exempt case's public title and none of its content")

        if os.environ.get("REFERAT_UPDATE_SCREENSHOTS") == "1":
            shots = os.path.join(root, "examples", "screenshots")
            run("pdftoppm", "-r", "70", "-f", "1", "-l", "2", "-png", os.path.join(first, "ssu", "2025-01-22.pdf"),
                os.path.join(shots, "pdf-page"))
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
