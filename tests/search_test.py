#!/usr/bin/env python3
"""The search index (compiler/emit_search.c, templates/search.js):

  - words are folded to one form: Tromsø/Tromso, Saaksbehandling/
    saksbehandling, æ→ae, accents and combining marks dropped, case folded;
    search.js folds a query the same way (when Node is here to run it);
  - OCR's g for ø: a rare word that is a frequent word with its g read as
    ø is found under the frequent word too (and only then);
  - on a generated project large enough that the most common words need
    several files: a one-word query loads at most 100 KB (its word file,
    then the files of the first 10 results' headings), the search page at
    most 50 KB before the first query; every word file stays within its
    budget; a split word's parts hold each of its cases once, in rank
    order (heading hits, then occurrences, then newest); the directory
    finds every word;
  - search.js (run by bench/search_bytes.mjs) finds a phrase in exactly
    the cases this test finds it in from the positions, and loads at most
    100 KB for a one-word query;
  - two builds give the same bytes.

The index is read here with a decoder of its own (the format in
emit_search.c's header comment), not with search.js.

Usage: search_test.py REFERAT ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from bisect import bisect_right

from tap import Report

report = Report(detail_limit=2000)
FINAL = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_"
FIRST_PAGE = 10
QUERY_BUDGET = 100 * 1000
PAGE_BUDGET = 50 * 1000


def load(path):
    """The data a referatSearch(name, data) file hands over."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head = text.index(",")
    assert text.startswith("referatSearch(") and text.endswith(");\n"), path
    return json.loads(text[head + 1:-3])


def numbers(text):
    at = 0
    while at < len(text):
        n = 0
        while text[at] in MORE:
            n = n * 32 + MORE.index(text[at])
            at += 1
        yield n * 32 + FINAL.index(text[at])
        at += 1


def decode(cases):
    """[(heading, count, id)] in the order written."""
    out, stream = [], numbers(cases)
    for header in stream:
        size, identifier = next(stream), 0
        for k in range(size):
            identifier = next(stream) if k == 0 else identifier - next(stream) - 1
            out.append((header & 1, header >> 1, identifier))
    return out


def build(referat, project, out):
    result = subprocess.run([referat, "build", project, "-o", out, "--no-pdf"], capture_output=True, text=True,
                            timeout=600)
    return result.returncode == 0, result.stdout + result.stderr


FOLDING = """---
body: ssu
kind: minutes
date: 2025-03-10
---

## Sak 01/25 Møte i Tromsø

Saaksbehandling av ÆRLIGE Ödegård-saker på Straße. Ein ålesund og e\u0301n a\u030apen sak.
"""


def one_meeting_site(referat, work, name, config, meeting, what):
    """Builds a project of one meeting file; its search folder, or None
    (reported) if the build failed."""
    project = os.path.join(work, name)
    os.makedirs(os.path.join(project, "meetings"))
    with open(os.path.join(project, "referat.yaml"), "w", encoding="utf-8") as f:
        f.write(config)
    with open(os.path.join(project, "meetings", "2025-03-10.md"), "w", encoding="utf-8") as f:
        f.write(meeting)
    out = os.path.join(work, name + "-site")
    ok, log = build(referat, project, out)
    report(ok, what, log)
    return os.path.join(out, "assets", "search") if ok else None


def word_entries(search):
    """Every entry of the word files (tN.js): [word, ...]."""
    return [entry for name in os.listdir(search) if name.startswith("t") for entry in load(os.path.join(search, name))]


def folding(referat, work):
    search = one_meeting_site(referat, work, "folding",
                              "site:\n  title: Søk\n  language: nb\nbodies:\n  ssu:\n"
                              "    name: Strategisk samarbeidsutvalg\n    short: SSU\n    seats: 3\n",
                              FOLDING, "a project with Norwegian letters builds")
    if not search:
        return
    words = {entry[0] for entry in word_entries(search)}
    expected = {"mote", "tromso", "saksbehandling", "av", "aerlige", "odegard", "saker", "pa", "strasse", "ein",
                "alesund", "og", "en", "apen", "sak", "01", "25", "i"}
    report(words == expected, "the index holds each word folded (ø→o, aa→a, æ→ae, accents and case dropped)",
           f"extra {sorted(words - expected)}, missing {sorted(expected - words)}")
    node = shutil.which("node")
    if not node:
        print("# node is not installed: search.js's folding is checked by the browser test only")
        return
    script = ("const vm=require('vm'),fs=require('fs');const c={document:{querySelector:()=>null,getElementById:()=>null,"
              "createElement:()=>({}),head:{appendChild(){}}},Promise,Map,URLSearchParams,unescape,encodeURIComponent};"
              "c.window=c;vm.createContext(c);vm.runInContext(fs.readFileSync(process.argv[1],'utf8'),c);"
              "process.stdout.write(JSON.stringify(process.argv.slice(2).map(q=>c.referatSearchFold(q))));")
    queries = ["Tromsø Tromso TROMSØ", "Saaksbehandling saksbehandling", "ærlige AERLIGE", "Ödegård odegard",
               "a\u030apen åpen apen aapen", "Straße", "ålesund Aalesund"]
    result = subprocess.run([node, "-e", script, os.path.join(os.path.dirname(search), "search.js"), *queries],
                            capture_output=True, text=True, timeout=60)
    folded = json.loads(result.stdout) if result.returncode == 0 else result.stderr
    report(folded == ["tromso tromso tromso", "saksbehandling saksbehandling", "aerlige aerlige", "odegard odegard",
                      "apen apen apen apen", "strasse", "alesund alesund"],
           "search.js folds a query as the index does", folded)


OCR_CASES = ["Lønnum la fram saken.", "Lønnum orienterte.", "Saken ble lagt fram av Lønnum.",
             "Lønnum svarte på spørsmål om møte.", "Merethe Saga Lgnnum la fram. Neste mgte avtales.",
             "Bygget og glasset er nytt."]


def ocr_forms(referat, work):
    """OCR's g for ø: a rare word that is a frequent one with its g read as
    ø is also found under the frequent one — only then."""
    text = "---\nbody: ssu\nkind: minutes\ndate: 2025-03-10\n---\n"
    for number, sentence in enumerate(OCR_CASES, 1):
        text += f"\n## Sak {number:02d}/25 Sak nummer {number}\n\n{sentence}\n\n### Vedtak\n\nTatt til orientering.\n"
    search = one_meeting_site(referat, work, "ocr",
                              "site:\n  title: OCR\n  language: nb\nbodies:\n  ssu:\n    name: SSU\n    short: SSU\n"
                              "    seats: 3\n", text, "a project with OCR forms builds")
    if not search:
        return
    cases = {entry[0]: sorted(hit[2] for hit in decode(entry[2])) for entry in word_entries(search)}
    report(cases.get("lonnum") == [0, 1, 2, 3, 4] and cases.get("lgnnum") == [4],
           "'Lønnum' (in 4 cases) also finds the OCR form 'Lgnnum'; 'Lgnnum' finds itself",
           f"lonnum {cases.get('lonnum')}, lgnnum {cases.get('lgnnum')}")
    report(cases.get("mote") == [3] and cases.get("mgte") == [4] and cases.get("bygget") == [5],
           "a g is read as ø only when the word with ø is much more frequent ('møte' is in one case: not 'mgte')",
           f"mote {cases.get('mote')}, mgte {cases.get('mgte')}")


def generated(referat, root, work):
    project = os.path.join(work, "generated")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), project, "5000"], check=True,
                   capture_output=True)
    out = os.path.join(work, "generated-site")
    ok, log = build(referat, project, out)
    report(ok, "a 5,000-meeting project builds", log[-2000:])
    if not ok:
        return
    search = os.path.join(out, "assets", "search")
    directory = load(os.path.join(search, "index.js"))
    firsts, per_file = directory["words"], directory["per_file"]
    size = lambda name: os.path.getsize(os.path.join(search, name))

    page = os.path.getsize(os.path.join(out, "sok.html")) + os.path.getsize(os.path.join(out, "assets", "search.js")) \
        + size("index.js")
    report(page <= PAGE_BUDGET, f"the search page loads {page} bytes before the first query (at most {PAGE_BUDGET})")

    words = {}  # word -> [(file number, entry)]
    where = {}  # (word, file number) -> the entry's index in the file
    for number in range(len(firsts)):
        for index, entry in enumerate(load(os.path.join(search, f"t{number}.js"))):
            words.setdefault(entry[0], []).append((number, entry))
            where[entry[0], number] = index
    over = [f"t{n}.js" for n in range(len(firsts)) if size(f"t{n}.js") > 33 * 1024]
    report(not over, "every word file stays within its budget", over)

    split = {word: parts for word, parts in words.items() if len(parts) > 1}
    report(bool(split), "the most common words are split into parts", f"{len(words)} words, none split")
    problems = []
    for word, parts in words.items():
        hits = [hit for _, entry in parts for hit in decode(entry[2])]
        if len(hits) != parts[0][1][1] or len({h[2] for h in hits}) != len(hits):
            problems.append(f"{word}: {len(hits)} cases decoded, {parts[0][1][1]} in the index")
        if hits != sorted(hits, key=lambda h: (-h[0], -h[1], -h[2])):
            problems.append(f"{word}: not in rank order")
        for number, _ in parts:
            at = bisect_right(firsts, word) - 1
            if not (firsts[number] <= word and (number == at or firsts[number] == word)):
                problems.append(f"{word}: the directory does not lead to t{number}.js")
    report(not problems, "each word's cases are all there once, ranked, and the directory finds them", problems[:10])

    loads = {}
    for word, parts in words.items():
        number, entry = parts[0]  # a one-word query reads the first part only
        first = [hit[2] for hit in decode(entry[2])[:FIRST_PAGE]]
        loads[word] = size(f"t{number}.js") + sum(size(f"d{n}.js") for n in {i // per_file for i in first})
    worst = max(loads, key=loads.get)
    report(loads[worst] <= QUERY_BUDGET,
           f"every one-word query loads at most {QUERY_BUDGET} bytes (the most: '{worst}', {loads[worst]})")

    def positions(word):
        """case -> its positions of word, from the pN.js files."""
        found = {}
        for number, entry in words.get(word, []):
            stream = numbers(load(os.path.join(search, f"p{number}.js"))[where[word, number]])
            for _, count, identifier in decode(entry[2]):
                at, mine = 0, []
                for k in range(count):
                    at = next(stream) if k == 0 else at + next(stream) + 1
                    mine.append(at)
                found[identifier] = set(mine)
        return found

    def phrase_cases(phrase):
        lists = [positions(word) for word in phrase.split()]
        return sum(1 for case, first in lists[0].items()
                   if any(all(case in later and start + k in later[case] for k, later in enumerate(lists))
                          for start in first))

    node = shutil.which("node")
    if node:
        phrases = ["saken folger opp sak", "opp sak", "sak opp", "digital innspill"]
        common = sorted(words, key=lambda w: -words[w][0][1][1])[:3]
        queries = [f'"{p}"' for p in phrases] + common + ["tiltak", "personalsak"]
        result = subprocess.run([node, os.path.join(root, "bench", "search_bytes.mjs"), out, *queries],
                                capture_output=True, text=True, timeout=600)
        if result.returncode == 0:
            measured = {q["query"]: q for q in json.loads(result.stdout)["queries"]}
            wrong = [(p, measured[f'"{p}"']["total"], phrase_cases(p)) for p in phrases
                     if measured[f'"{p}"']["total"] != phrase_cases(p)]
            report(not wrong and phrase_cases("sak opp") == 0 < phrase_cases("opp sak"),
                   "search.js finds a phrase in exactly the cases that have its words in a row", wrong)
            heavy = {q: measured[q]["bytes"] for q in common + ["tiltak", "personalsak"]}
            report(max(heavy.values()) <= QUERY_BUDGET and all(measured[q]["total"] > 0 for q in heavy),
                   "search.js, run on the site, loads at most 100 KB for one word", heavy)
        else:
            report(False, "search.js runs on the generated site", result.stderr[-1000:])
    else:
        print("# node is not installed: search.js on the generated site is checked by the browser test only")

    again = os.path.join(work, "generated-again")
    build(referat, project, again)
    differ = [name for name in sorted(os.listdir(search))
              if not os.path.exists(os.path.join(again, "assets", "search", name))
              or open(os.path.join(search, name), "rb").read()
              != open(os.path.join(again, "assets", "search", name), "rb").read()]
    report(not differ and len(os.listdir(search)) == len(os.listdir(os.path.join(again, "assets", "search"))),
           "two builds write the same search files", differ[:5])


def main():
    referat, root = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        folding(referat, work)
        ocr_forms(referat, work)
        generated(referat, root, work)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
