#!/usr/bin/env python3
"""Makes the import's test corpus the way real documents are made: each
document in tests/import/ is laid out as a Word file (pandoc, DOCX) and as
a printed PDF (pandoc → HTML → chromium --headless --print-to-pdf), with
the attendance and other tab-separated runs as real two- or three-column
tables, and then extracted back to text as a user would:

  pdf-default   pdftotext          (the columns of a table come out as blocks)
  pdf-layout    pdftotext -layout  (columns side by side, padded with spaces)
  pdf-raw       pdftotext -raw     (content-stream order)
  docx-pandoc   pandoc -t plain
  docx2txt      docx2txt

The results are committed under tests/import/variants/ (rendering needs
chromium, which is too heavy for every test run); tests/import_score.py
scores the import on them and on copies with OCR-like noise it injects
itself. Run this again after changing a document in tests/import/:

    tests/import_variants.py tests/import tests/import/variants

Needs: pandoc, chromium, poppler-utils (pdftotext), docx2txt.
"""
import html
import os
import re
import subprocess
import sys
import tempfile

DOCUMENTS = ["ssu-2025-01-22", "fsu-bu-2023-05-12", "ssu-lvs-sak-26-2024", "flr-2024-05-29"]

# A generated meeting: the SSU document as a secretariat that marks case
# types would write it ("Tittel: … (B)"), with the types the hand
# conversion in examples/ gives. Long titles then wrap before their type
# in the PDF. Its text is kept as the variant "source".
TYPED = ("ssu-2025-01-22", "ssu-typed-2025-01-22",
         {"01/25": "B", "02/25": "B", "03/25": "B", "04/25": "O", "05/25": "B", "06/25": "O", "07/25": "R",
          "08/25": "O"})


def with_types(text, types):
    out, number = [], None
    for line in text.splitlines():
        match = re.match(r"Sak: (\d+/\d+)", line)
        if match:
            number = match.group(1)
        if line.startswith("Tittel:") and number in types:
            line = f"{line} ({types[number]})"
        out.append(line)
    return "\n".join(out) + "\n"

STYLE = """<style>
@page { size: A4; margin: 2cm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; max-width: none; }
table { border-collapse: collapse; width: 100%; }
td:first-child { width: 32%; }
table.cells td { border: none; line-height: 1.25; }
table.cells td:first-child { width: 38%; }
table.cells td + td { font-size: 9pt; line-height: 1.6; }
td, th { vertical-align: top; padding: 2pt 6pt; border: 0.5pt solid #999; text-align: left; }
</style>"""


def cell(text):
    return text.strip().replace("|", "\\|") or " "


def to_markdown(text, cells=False):
    """The document as Markdown for pandoc: runs of tab-separated lines
    become pipe tables (as the Word tables they were), each line its own
    paragraph (as in Word); the rest stays. With cells, a run is one table
    row whose cells hold a whole column, lines broken by <br> — the other
    way Word users lay out an attendance list, which a PDF gives back as a
    block of names followed by a block of roles."""
    out, run = [], []

    def flush():
        if not run:
            return
        if cells:
            columns = max(len(r) for r in run)
            out.append("")
            out.append('<table class="cells"><tr>')
            for c in range(columns):
                lines = [html.escape(r[c].strip()) if c < len(r) else "" for r in run]
                out.append("<td>" + "<br>".join(lines) + "</td>")
            out.append("</tr></table>")
            out.append("")
            run.clear()
            return
        columns = max(len(r) for r in run)
        out.append("")
        out.append("|" + "|".join(" " for _ in range(columns)) + "|")
        out.append("|" + "|".join("---" for _ in range(columns)) + "|")
        for row in run:
            row = row + [""] * (columns - len(row))
            out.append("|" + "|".join(cell(c) for c in row) + "|")
        out.append("")
        run.clear()

    for line in text.splitlines():
        if run and re.fullmatch(r"[-\s]+", line):
            continue  # a ruled line under a table
        if "\t" in line:
            run.append(line.split("\t"))
            continue
        flush()
        if line.strip() and out and out[-1].strip() and not (line.lstrip().startswith(("-", "*", "|", "#")) or
                                                               re.match(r"\s*\d+\. ", line)):
            out.append("")
        out.append(line)
    flush()
    return "\n".join(out) + "\n"


def run(command, **kwargs):
    return subprocess.run(command, check=True, capture_output=True, **kwargs)


def main():
    source, target = sys.argv[1], sys.argv[2]
    os.makedirs(target, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name in DOCUMENTS:
            with open(os.path.join(source, name + ".txt"), encoding="utf-8") as f:
                text = f.read()
            render(work, target, name, to_markdown(text), full=True)
            if "\t" in text:
                render(work, target, name, to_markdown(text, cells=True), full=False)
        source_name, name, types = TYPED
        with open(os.path.join(source, source_name + ".txt"), encoding="utf-8") as f:
            text = with_types(f.read(), types)
        with open(os.path.join(target, name + ".source.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        render(work, target, name, to_markdown(text), full=True)
    return 0


def render(work, target, name, markdown, full):
    md = os.path.join(work, name + ".md")
    with open(md, "w", encoding="utf-8") as f:
        f.write(markdown)
    page = os.path.join(work, name + ".html")
    docx = os.path.join(work, name + ".docx")
    pdf = os.path.join(work, name + ".pdf")
    # Raw HTML in the documents (<b>, <input>) is kept as the Word file had it.
    run(["pandoc", "-f", "markdown-smart", "-s", "--metadata", "title=" + html.escape(name),
         "-V", "pagetitle=" + name, "-H", "/dev/stdin", "-o", page, md], input=STYLE.encode())
    # The title block pandoc adds would be a line the document never had.
    with open(page, encoding="utf-8") as f:
        page_text = re.sub(r'<header id="title-block-header">.*?</header>', "", f.read(), flags=re.S)
    with open(page, "w", encoding="utf-8") as f:
        f.write(page_text)
    run(["pandoc", "-f", "markdown-smart", "-o", docx, md])
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--print-to-pdf=" + pdf, "file://" + page])
    variants = {
        "pdf-default": ["pdftotext", pdf, "-"],
        "pdf-layout": ["pdftotext", "-layout", pdf, "-"],
        "pdf-raw": ["pdftotext", "-raw", pdf, "-"],
        "docx-pandoc": ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", docx],
        "docx2txt": ["docx2txt", docx, "-"],
    } if full else {"pdf-cells": ["pdftotext", pdf, "-"]}
    for variant, command in variants.items():
        text = run(command).stdout.decode("utf-8")
        with open(os.path.join(target, f"{name}.{variant}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        print(f"{name}.{variant}.txt: {len(text.splitlines())} lines")


if __name__ == "__main__":
    sys.exit(main())
