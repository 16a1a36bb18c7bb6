#!/usr/bin/env python3
"""Scores `referat import` on documents made the way real ones are made
(tests/import_variants.py: the documents of tests/import/ laid out as PDF
and DOCX and extracted back with pdftotext in its default, -layout and
-raw modes, with pandoc and with docx2txt, committed under
tests/import/variants/), each also with OCR-like noise injected here
(seeded, so every run injects the same slips: ø read as g or go, å as a,
Ø as @, æ as ae, fi as the ligature ﬁ).

Measured against hand-checked expectations per document
(tests/import/expected/*.json, written from reading the documents, not
from the importer's output): case numbers, titles, types, proposals,
decisions, attendees in the right category, words of the input missing
from both the output and the report, and the disagreements between the
document's agenda and its cases, which must be reported as W-IMPORT-AGENDA.

Fails unless, on every variant: all case numbers, titles, types,
proposals and decisions are recovered, at least 95 % of attendees are in
the right category, no word is lost and every agenda disagreement is
reported. Prints the score table.

Usage: import_score.py REFERAT ROOT
"""
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from import_test import normalise, parse, words  # noqa: E402
from tap import Report  # noqa: E402

BODIES = {"ssu-2025-01-22": "ssu", "fsu-bu-2023-05-12": "fsu-bu", "ssu-lvs-sak-26-2024": "ssu-lvs",
          "flr-2024-05-29": "flr", "ssu-typed-2025-01-22": "ssu"}
ATTENDEE_THRESHOLD = 0.95

# The slips, and how often each happens where it can.
SLIPS = [("ø", "g", 0.3), ("ø", "go", 0.05), ("å", "a", 0.3), ("Ø", "@", 0.5), ("æ", "ae", 0.3), ("fi", "\ufb01", 0.3)]


def add_noise(text, seed):
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(text):
        for read, slip, rate in SLIPS:
            if text.startswith(read, i) and rng.random() < rate:
                out.append(slip)
                i += len(read)
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def plain(text):
    """Normalised, without list numbers (Word's automatic numbering is
    lost by docx2txt and pdftotext alike: layout, not the import's)."""
    return " ".join(w for w in normalise(text).split() if not (w.isdigit() and len(w) <= 2))


def slip_fold(name):
    """The name with the letters the injected slips confuse made one."""
    for read, slip in (("\ufb01", "fi"), ("æ", "ae"), ("Æ", "Ae"), ("go", "g"), ("ø", "g"), ("Ø", "g"), ("@", "g"),
                       ("å", "a"), ("Å", "A")):
        name = name.replace(read, slip)
    return name.lower()


def case_key(number):
    match = re.match(r"(\d+)[/-](\d+)", number)
    return f"{int(match.group(1)):02d}/{match.group(2)[-2:]}" if match else number


def agenda_found(expected, diagnostics, input_lines):
    """Each expected disagreement matched by a W-IMPORT-AGENDA diagnostic on
    a line of the input that holds the agenda entry's number."""
    found = 0
    for item in expected:
        patterns = {"twice": rf"lists {re.escape(item['number'])} twice",
                    "title": rf"titles {re.escape(item['number'])} ",
                    "numbered": rf"' {re.escape(item['number'])}, its case heading {re.escape(item.get('case', ''))}"}
        for line, message in diagnostics:
            if re.search(patterns[item["kind"]], message) and 0 < line <= len(input_lines) and \
                    item["number"] in input_lines[line - 1]:
                found += 1
                break
    return found


def score(referat, root, project, work, name, variant, text, expected):
    source = os.path.join(work, f"{name}.{variant}.txt")
    with open(source, "w", encoding="utf-8") as f:
        f.write(text)
    out, report_path = source + ".md", source + ".report"
    result = subprocess.run([referat, "import", source, "--body", BODIES[name], "-o", out, "--report", report_path,
                             "--force", project], capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        return None, result.stderr[-800:]
    with open(out, encoding="utf-8") as f:
        imported = f.read()
    with open(report_path, encoding="utf-8") as f:
        report_text = f.read()
    cases, people = parse(imported)
    got = {case_key(number): case for number, case in cases.items()}
    # Words a slip made into other words (far for får) are left as read
    # and named in the report; such a pair counts as the same word, and
    # how many the parts needed is shown (column "flagged").
    flagged = set(re.findall(r"OCR: '(\w+)' left as read, but may be '(\w+)'", report_text))

    def same_words(text):
        return " ".join(next((v for v, w in flagged if w == word), word) for word in text.split())

    row = {"cases": 0, "titles": 0, "types": 0, "proposals": 0, "decisions": 0, "flagged": 0}
    misses = []
    for case in expected["cases"]:
        have = got.get(case_key(case["number"]))
        if not have:
            misses.append(f"case {case['number']} missing")
            continue
        row["cases"] += 1
        if normalise(have["title"]) == normalise(case["title"]):
            row["titles"] += 1
        else:
            misses.append(f"{case['number']} title {normalise(have['title'])[:60]!r}")
        if have["type"] == case["type"]:
            row["types"] += 1
        else:
            misses.append(f"{case['number']} type {have['type']}")
        for part, key in (("proposal", "proposals"), ("decision", "decisions")):
            want, text_got = case[part], plain(have[part])
            want = plain(want) if want is not None else None
            # PDF text loses paragraph breaks, so what follows a part may
            # join it: the part must hold the expected text.
            if (want is None and not text_got) or (want is not None and want in text_got):
                row[key] += 1
            elif want is not None and same_words(want) in same_words(text_got):
                row[key] += 1
                row["flagged"] += 1
            else:
                misses.append(f"{case['number']} {part} {text_got[:60]!r}")
    total = len(expected["cases"])
    for key in ("cases", "titles", "types", "proposals", "decisions"):
        row[key] = row[key] / total if total else 1.0
    # The category is what is scored; a name is found under the OCR
    # slips a word list cannot repair (a surname no list holds), and such
    # names are counted (column "names").
    by_name, spelt = {}, {}
    for group, person, _ in people:
        person = " ".join(person.split())
        by_name.setdefault(slip_fold(person), set()).add(group)
        spelt.setdefault(slip_fold(person), set()).add(person)
    right = sum(1 for a in expected["attendees"] if a["category"] in by_name.get(slip_fold(a["name"]), set()))
    row["attendees"] = right / len(expected["attendees"]) if expected["attendees"] else None
    row["names"] = sum(1 for a in expected["attendees"]
                       if slip_fold(a["name"]) in spelt and a["name"] not in spelt[slip_fold(a["name"])])
    wrong = [a["name"] for a in expected["attendees"] if a["category"] not in by_name.get(slip_fold(a["name"]), set())]
    if wrong:
        misses.append(f"attendees: {wrong[:6]}")
    kept = set(words(imported + report_text))
    lost = sorted(set(words(text)) - kept)
    row["lost"] = len(lost)
    if lost:
        misses.append(f"lost: {lost[:10]}")
    diagnostics = [(int(m.group(1)), m.group(2)) for m in
                   re.finditer(r"^[^\n]*?:(\d+):\d+: warning\[W-IMPORT-AGENDA\]: (.*)$", result.stderr, re.M)]
    row["agenda"] = (agenda_found(expected["agenda"], diagnostics, text.splitlines()), len(expected["agenda"]))
    if row["agenda"][0] < row["agenda"][1]:
        misses.append(f"agenda: {row['agenda'][0]} of {row['agenda'][1]} reported")
    return row, "; ".join(misses)


def passes(row):
    return (all(row[k] == 1.0 for k in ("cases", "titles", "types", "proposals", "decisions")) and
            (row["attendees"] is None or row["attendees"] >= ATTENDEE_THRESHOLD) and row["lost"] == 0 and
            row["agenda"][0] == row["agenda"][1])


def main():
    referat, root = sys.argv[1], sys.argv[2]
    report = Report()
    project = os.path.join(root, "tests", "import", "project")
    table = []
    with tempfile.TemporaryDirectory() as work:
        for name in BODIES:
            with open(os.path.join(root, "tests", "import", "expected", name + ".json"), encoding="utf-8") as f:
                expected = json.load(f)
            # The documents themselves, and a generated one's text (variant "source").
            original = os.path.join(root, "tests", "import", name + ".txt")
            inputs = [("original", original)] if os.path.exists(original) else []
            inputs += [(os.path.basename(p)[len(name) + 1:-4], p)
                       for p in sorted(glob.glob(os.path.join(root, "tests", "import", "variants", name + ".*.txt")))]
            for variant, path in inputs:
                with open(path, encoding="utf-8") as f:
                    clean = f.read()
                for noisy in (False, True):
                    label = variant + ("+ocr" if noisy else "")
                    text = add_noise(clean, f"{name}.{variant}") if noisy else clean
                    row, misses = score(referat, root, project, work, name, label, text, expected)
                    if row is None:
                        report(False, f"{name} {label}: imported", misses)
                        continue
                    table.append((name, label, row))
                    report(passes(row), f"{name} {label}: meets the thresholds", misses)
    print("# document             variant            cases titles types  props  decis  attend  lost agenda"
          " flagged names")
    for name, label, row in table:
        attendees = "   -  " if row["attendees"] is None else f"{row['attendees'] * 100:5.1f}%"
        print(f"# {name:20} {label:18} " + " ".join(f"{row[k] * 100:5.1f}%" for k in
                                                     ("cases", "titles", "types", "proposals", "decisions")) +
              f" {attendees} {row['lost']:5d} {row['agenda'][0]}/{row['agenda'][1]:<5} {row['flagged']:5d}"
              f" {row['names']:5d}")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
