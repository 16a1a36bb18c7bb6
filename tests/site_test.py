#!/usr/bin/env python3
"""referat build: the site as a reader and a publisher need it.

  - the examples build; every relative link and anchor on every page
    resolves; feeds and sitemap are XML, meeting data is JSON; every page
    has a lang and a title;
  - exempt content (a unique marker in the title, fields, text, parts, an
    attachment's name) is in no byte and no file name of the public build,
    and is in the --internal build;
  - hostile text (raw HTML, javascript: links, markup in titles) is inert;
  - a build with check errors writes nothing and leaves the old site; a
    folder referat did not build is not replaced without --force.

Usage: site_test.py REFERAT ROOT
"""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

from tap import Report

MARKER = "LEKKASJE7F3A9C"


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.lang, self.title = [], set(), None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "title":
            self.title = True
        for name in ("href", "src"):
            if name in attrs and attrs[name] is not None:
                self.links.append(attrs[name])


def parse(path):
    parser = PageParser()
    with open(path, encoding="utf-8") as f:
        parser.feed(f.read())
    return parser


def search_words(site):
    """The (folded) words of a site's search index: assets/search/t*.js."""
    folder, found = os.path.join(site, "assets", "search"), set()
    for name in os.listdir(folder) if os.path.isdir(folder) else []:
        if name.startswith("t"):
            text = open(os.path.join(folder, name), encoding="utf-8").read()
            found.update(entry[0] for entry in json.loads(text[text.index(",") + 1:-3]))
    return found


def build(referat, project, out, *arguments):
    return subprocess.run([referat, "build", project, "-o", out, *arguments], capture_output=True, text=True, timeout=300)


ICALENDAR_READER = """
import json, sys
import icalendar
result = []
for path in sys.argv[1:]:
    calendar = icalendar.Calendar.from_ical(open(path, "rb").read())
    result.append(sorted(str(event["UID"]) for event in calendar.walk("VEVENT")))
print(json.dumps(result))
"""


def strict_calendar_uids(paths):
    """Each calendar's event UIDs (in the order of paths) as
    python3-icalendar reads them, or None when no python3 here has it."""
    for python in ("/usr/bin/python3", sys.executable):
        if not os.path.exists(python):
            continue
        result = subprocess.run([python, "-c", ICALENDAR_READER, *paths], capture_output=True, text=True, timeout=120)
        if result.returncode == 0:
            return json.loads(result.stdout)
        if "No module named" not in result.stderr:
            return [["error: " + result.stderr[-300:]]]
    return None


def main():
    referat, root = sys.argv[1], sys.argv[2]
    report = Report()

    with tempfile.TemporaryDirectory() as work:
        site = os.path.join(work, "site")
        result = build(referat, os.path.join(root, "examples"), site)
        report(result.returncode == 0, "examples build", result.stdout + result.stderr)
        pages = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f.endswith(".html")]
        report(len(pages) >= 10, f"the site has its pages ({len(pages)})")
        parsed = {os.path.realpath(p): parse(p) for p in pages}
        broken, checked = [], 0
        for page, parser in parsed.items():
            for link in parser.links:
                url = urlparse(link)
                if url.scheme or link.startswith("//"):
                    continue
                checked += 1
                target = os.path.realpath(os.path.join(os.path.dirname(page), unquote(url.path))) if url.path else page
                if not target.startswith(os.path.realpath(site)) or not os.path.exists(target):
                    broken.append(f"{os.path.relpath(page, site)}: {link}")
                elif url.fragment and target.endswith(".html") and url.fragment not in parsed[target].ids:
                    broken.append(f"{os.path.relpath(page, site)}: {link} (no such anchor)")
        report(not broken and checked > 100, f"no broken relative link ({checked} checked)", "\n  ".join(broken[:20]))
        report(all(p.lang == "nb" and p.title for p in parsed.values()), "every page has lang and a title")
        feeds = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f.endswith(".xml")]
        try:
            for feed in feeds:
                ElementTree.parse(feed)
            report(len(feeds) == 5, f"feeds and sitemap are XML ({len(feeds)})")
        except ElementTree.ParseError as error:
            report(False, "feeds and sitemap are XML", str(error))
        # Calendars: one per body and one for the site, RFC 5545 as
        # calendar programs read it.
        calendars = sorted(os.path.relpath(os.path.join(d, f), site) for d, _, files in os.walk(site)
                           for f in files if f.endswith(".ics"))
        report(calendars == ["flr/moter.ics", "fsu-bu/moter.ics", "moter.ics", "ssu-lvs/moter.ics", "ssu/moter.ics"],
               "a meeting calendar per body and one for the site", str(calendars))
        problems = []
        for name in calendars:
            raw = open(os.path.join(site, name), "rb").read()
            lines = raw.split(b"\r\n")
            if lines[-1] != b"" or b"\n" in raw.replace(b"\r\n", b""):
                problems.append(f"{name}: lines must end in CRLF")
            if any(len(line) > 75 for line in lines):
                problems.append(f"{name}: a line over 75 octets")
            text = raw.decode("utf-8").replace("\r\n ", "")  # unfold
            begins = re.findall(r"^BEGIN:(\w+)", text, re.M)
            ends = re.findall(r"^END:(\w+)", text, re.M)
            if sorted(begins) != sorted(ends) or begins[0] != "VCALENDAR":
                problems.append(f"{name}: BEGIN/END do not match")
            uids = re.findall(r"^UID:(.*)$", text, re.M)
            if len(uids) != len(set(uids)) or len(uids) != text.count("BEGIN:VEVENT"):
                problems.append(f"{name}: every event needs its own UID")
        site_calendar = open(os.path.join(site, "moter.ics"), encoding="utf-8").read().replace("\r\n ", "")
        report(not problems and site_calendar.count("BEGIN:VEVENT") == 4
               and "DTSTART;TZID=Europe/Oslo:20250122T130000" in site_calendar
               and "URL:https://www.helsefellesskapet.no/referat/ssu/2025-01-22.html" in site_calendar,
               "the calendars are well-formed: CRLF, folded at 75 octets, balanced, unique UIDs, local times",
               "; ".join(problems))
        # A strict parser as calendar programs use one: Debian's
        # python3-icalendar (run with Debian's python3, which has it).
        strict = strict_calendar_uids([os.path.join(site, name) for name in calendars])
        if strict is None and os.environ.get("CI") != "true":
            print("# python3-icalendar is not installed: the strict calendar parse is left out")
        else:
            again = os.path.join(work, "site-again")
            build(referat, os.path.join(root, "examples"), again)
            second = strict_calendar_uids([os.path.join(again, name) for name in calendars]) if strict else None
            report(strict is not None and all(strict) and strict == second,
                   "python3-icalendar reads every calendar, and a meeting's UID is the same in a second build",
                   str(strict))
        # The register says what became of a case: the example minutes are
        # not approved yet, so nothing in them reads as decided.
        register = open(os.path.join(site, "saker.html"), encoding="utf-8").read()
        report("utkast – ikke godkjent" in register and ">vedtatt<" not in register,
               "the register does not call cases of unapproved minutes decided")
        datas = [os.path.join(d, f) for d, _, files in os.walk(site) for f in files if f.endswith(".json")]
        try:
            models = [json.load(open(d, encoding="utf-8")) for d in datas]
            report(len(models) == 4 and all(m["items"] for m in models), "every meeting has its JSON model")
        except ValueError as error:
            models = []
            report(False, "meeting JSON parses", str(error))
        # Compact by default (one line, no whitespace between tokens);
        # --pretty indents the same model.
        texts = [open(d, encoding="utf-8").read() for d in datas]
        report(texts and all(t.count("\n") == 1 and t.endswith("}\n") and '": ' not in t and ', "' not in t
                             for t in texts), "the meetings' JSON is compact by default")
        pretty = os.path.join(work, "site-pretty")
        result = build(referat, os.path.join(root, "examples"), pretty, "--pretty", "--no-pdf")
        pretty_texts = {os.path.relpath(d, site): None for d in datas}
        for relative in pretty_texts:
            path = os.path.join(pretty, relative)
            pretty_texts[relative] = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
        try:
            same = all(json.loads(pretty_texts[os.path.relpath(d, site)]) == m for d, m in zip(datas, models))
        except ValueError:
            same = False
        report(result.returncode == 0 and models and same and
               all(t.count("\n") > 20 and '\n  "items": [' in t for t in pretty_texts.values()),
               "build --pretty indents the meetings' JSON, the same model", result.stderr)
        headings = "".join(open(os.path.join(site, "assets", "search", n), encoding="utf-8").read()
                           for n in os.listdir(os.path.join(site, "assets", "search")) if n.startswith("d"))
        report("handlingsplan" in search_words(site) and "Handlingsplan" in headings,
               "the search index has the cases' words (folded) and headings")

        # Exempt content.
        exempt = os.path.join(root, "tests", "site", "exempt")
        public, internal = os.path.join(work, "public"), os.path.join(work, "internal")
        result = build(referat, exempt, public)
        report(result.returncode == 0, "the exempt project builds", result.stdout + result.stderr)
        leaks = []
        for directory, _, files in os.walk(public):
            for name in files:
                path = os.path.join(directory, name)
                if MARKER in path:
                    leaks.append(f"file name {path}")
                with open(path, "rb") as f:
                    if MARKER.encode() in f.read():
                        leaks.append(os.path.relpath(path, public))
        report(not leaks, "exempt content is in no byte and no file name of the public build", ", ".join(leaks))
        result = build(referat, exempt, internal, "--internal")
        found = []
        for directory, _, files in os.walk(internal):
            for name in files:
                with open(os.path.join(directory, name), "rb") as f:
                    if MARKER.encode() in f.read():
                        found.append(name)
        report(result.returncode == 0 and "2025-03-10.html" in found and "2025-03-10.json" in found,
               "the --internal build has the exempt content", str(found))
        # The index holds words folded to lower case: the marker's folded form.
        report(MARKER.lower() not in search_words(public) and MARKER.lower() in search_words(internal),
               "an exempt case's words are in the search index of the --internal build only")
        # A closed case (koml. § 11-5) that is not exempt: its title stays,
        # its content, votes, recusal and recording leave the public build.
        closed = os.path.join(root, "tests", "site", "closed")
        closed_public, closed_internal = os.path.join(work, "closed-public"), os.path.join(work, "closed-internal")
        result = build(referat, closed, closed_public)
        report(result.returncode == 0, "the closed-case project builds", result.stdout + result.stderr)
        closed_marker = b"LUKKETD00R5"
        leaks = []
        for directory, _, files in os.walk(closed_public):
            for name in files:
                with open(os.path.join(directory, name), "rb") as f:
                    if closed_marker in f.read():
                        leaks.append(os.path.relpath(os.path.join(directory, name), closed_public))
        # The PDF's streams are compressed: read its text as a reader would.
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", os.path.join(closed_public, "ks", "2026-02-01.pdf"), "-"],
                                  capture_output=True).stdout
            if closed_marker in text or b"Fjordbygg" not in text:
                leaks.append("ks/2026-02-01.pdf (its text)")
        report(not leaks, "a closed case's content is in no byte of the public build", ", ".join(leaks))
        with open(os.path.join(closed_public, "ks", "2026-02-01.html"), encoding="utf-8") as f:
            page = f.read()
        report("Oppsigelse av leieavtale med Fjordbygg AS" in page and "koml. § 11-5 andre ledd bokstav b" in page
               and "Ola Hansen" in page, "the public page shows a closed case's title, basis and attendance")
        with open(os.path.join(closed_public, "personer", "ola-hansen.html"), encoding="utf-8") as f:
            person = f.read()
        report("Ola Hansen" in person and "recused-heading" not in person and "02/26" not in person,
               "a member's page in the public build says nothing of a closed case (not even the recusal)")
        result = build(referat, closed, closed_internal, "--internal")
        with open(os.path.join(closed_internal, "ks", "2026-02-01.html"), encoding="utf-8") as f:
            page = f.read()
        report(result.returncode == 0 and page.count("LUKKETD00R5") >= 4 and "Eva Vara tiltrådte for Ola Hansen" in page,
               "the --internal build has the closed case's content, votes and recusal")
        with open(os.path.join(closed_internal, "personer", "ola-hansen.html"), encoding="utf-8") as f:
            person = f.read()
        report("recused-heading" in person and "Sak 02/26" in person,
               "the internal build's member page lists the recusal")
        report("lukketd00r5" not in search_words(closed_public) and "lukketd00r5" in search_words(closed_internal),
               "a closed case's words are in the search index of the --internal build only")
        # "Godkjent 19.03.2026" links to the approving meeting's case with
        # approved_in, and to the body's meeting of that date without it.
        council = os.path.join(work, "council")
        shutil.copytree(os.path.join(root, "examples", "kommunestyre"), council)
        council_site = os.path.join(work, "council-site")
        build(referat, council, council_site)
        with open(os.path.join(council_site, "ks", "2026-02-12.html"), encoding="utf-8") as f:
            with_case = f.read()
        minutes = os.path.join(council, "meetings", "ks", "2026-02-12.md")
        with open(minutes, encoding="utf-8") as f:
            text = f.read()
        with open(minutes, "w", encoding="utf-8") as f:
            f.write(text.replace("approved_in: KS 08/26\n", "", 1))
        build(referat, council, council_site)
        with open(os.path.join(council_site, "ks", "2026-02-12.html"), encoding="utf-8") as f:
            without_case = f.read()
        report('godkjent i sak <a href="../ks/2026-03-19.html#sak-8-2026">08/26</a>' in with_case
               and '<dd><a href="../ks/2026-03-19.html">19.03.2026</a></dd>' in without_case,
               "the approval links to the case (approved_in) or else to the meeting of that date")
        with open(os.path.join(public, "ssu", "2025-03-10.html"), encoding="utf-8") as f:
            page = f.read()
        report("Personalsak" in page and "Offl. § 13" in page, "the public page shows the public title and legal basis")
        report("<script>alert" not in page and "<b>rå HTML</b>" not in page and "javascript:" not in page
               and "<img src=x" not in page, "raw HTML and javascript: links never reach the page")
        report("&lt;img src=x onerror=alert(1)&gt; &quot;Tittel&quot; &amp; &#39;sitat&#39;" in page,
               "markup in a title is escaped")
        live = []
        for directory, _, files in os.walk(public):
            for name in files:
                path = os.path.join(directory, name)
                with open(path, "rb") as f:
                    content = f.read().decode("utf-8", "replace")
                if name.endswith((".html", ".xml")) and ("<script>alert" in content or "<img src=x" in content
                                                          or "<b>Tromsø" in content or "</td><script" in content):
                    live.append(name)
                if directory.endswith("search") and ("<script" in content or "</script" in content or "<img" in content):
                    live.append(name)
        report(not live, "hostile names, places, roles and field values are inert in every page, feed and script",
               ", ".join(live))
        report("Eva &quot;&lt;img src=x onerror=alert(3)&gt;&quot; Strand" in page and "&lt;b&gt;Tromsø&lt;/b&gt;" in page,
               "hostile names and places are shown escaped")
        report('href="https://example.org/"' in page, "a safe link stays a link")
        report('<p class="word-diff">Innkalling og dagsorden <del>godkjennes.</del> <ins>godkjennes med endringer.</ins></p>'
               in page, "a decision that differs from its proposal is marked, word by word")
        report('<a href="#sak-1-2025">sak 01/25</a>' in page, "a case reference in the text is a link")

        # Failure and safety of the output folder.
        broken_project = os.path.join(work, "broken")
        shutil.copytree(exempt, broken_project)
        with open(os.path.join(broken_project, "meetings", "2025-03-10.md"), "a", encoding="utf-8") as f:
            f.write("\n## Sak 01/25 Duplikat (B)\n\n### Vedtak\n\nJa.\n")
        before = sorted(os.listdir(public))
        result = build(referat, broken_project, public)
        report(result.returncode == 1 and sorted(os.listdir(public)) == before and "E-NUM-DUP" in result.stdout,
               "a build with check errors leaves the previous site as it was", result.stdout[-500:])
        leftovers = [n for n in os.listdir(work) if "referat-tmp" in n or "referat-old" in n]
        report(not leftovers, "no staging folder is left behind", str(leftovers))
        foreign = os.path.join(work, "foreign")
        os.mkdir(foreign)
        with open(os.path.join(foreign, "viktig.txt"), "w") as f:
            f.write("ikke slett meg\n")
        result = build(referat, exempt, foreign)
        report(result.returncode == 2 and os.path.exists(os.path.join(foreign, "viktig.txt")),
               "a folder referat did not build is left alone", result.stdout)
        result = build(referat, exempt, foreign, "--force")
        report(result.returncode == 0 and not os.path.exists(os.path.join(foreign, "viktig.txt")),
               "--force replaces it", result.stdout)
        disguised = os.path.join(work, "disguised")
        os.mkdir(disguised)
        open(os.path.join(disguised, ".referat-site"), "w").close()
        with open(os.path.join(disguised, "viktig.txt"), "w") as f:
            f.write("ikke slett meg\n")
        result = build(referat, exempt, disguised)
        report(result.returncode == 2 and os.path.exists(os.path.join(disguised, "viktig.txt")),
               "an empty .referat-site does not make a folder referat's", result.stdout)
        sources = os.path.join(work, "sources")
        shutil.copytree(exempt, sources)
        for out, why in ((sources, "is the project folder"), (work, "holds the project folder"),
                         (os.path.join(sources, "meetings"), "meetings/ folder"),
                         (os.path.join(sources, "meetings", "site"), "lies inside the project's meetings/ folder")):
            result = build(referat, sources, out, "--force")
            report(result.returncode == 2 and why in result.stderr + result.stdout
                   and os.path.exists(os.path.join(sources, "meetings", "2025-03-10.md")),
                   f"-o {os.path.relpath(out, work)} --force: refused ({why})", result.stdout + result.stderr)
        # A folder that does not exist yet, several levels deep, is made;
        # one under the meetings/ folder is still refused.
        nested = os.path.join(work, "not", "yet", "site")
        result = build(referat, sources, nested)
        report(result.returncode == 0 and os.path.exists(os.path.join(nested, "index.html")),
               "-o not/yet/site: the missing folders are made", result.stdout + result.stderr)
        inside = os.path.join(sources, "meetings", "new", "site")
        result = build(referat, sources, inside)
        report(result.returncode == 2 and "meetings/ folder" in result.stderr + result.stdout
               and not os.path.exists(os.path.join(sources, "meetings", "new")),
               "-o meetings/new/site (missing): refused", result.stdout + result.stderr)
        result = build(referat, sources, os.path.join(sources, "missing", "..", "meetings", "site"))
        report(result.returncode == 2 and not os.path.exists(os.path.join(sources, "meetings", "site"))
               and not os.path.exists(os.path.join(sources, "missing")),
               "-o missing/../meetings/site: refused, nothing made", result.stdout + result.stderr)
        elsewhere = os.path.join(work, "elsewhere")
        shutil.copytree(exempt, elsewhere)
        os.rename(os.path.join(elsewhere, "meetings"), os.path.join(elsewhere, "arkiv"))
        result = build(referat, elsewhere, os.path.join(elsewhere, "arkiv"), "--force")
        report(result.returncode == 2 and "holds meeting files" in result.stdout + result.stderr
               and os.path.exists(os.path.join(elsewhere, "arkiv", "2025-03-10.md")),
               "-o a folder of meeting files --force: refused", result.stdout + result.stderr)

        # The site speaks the project's language.
        for language, word in (("nn", "Saksregister"), ("en", "Case register")):
            project = os.path.join(work, "lang-" + language)
            shutil.copytree(exempt, project)
            config = os.path.join(project, "referat.yaml")
            with open(config, encoding="utf-8") as f:
                text = f.read().replace("language: nb", "language: " + language)
            with open(config, "w", encoding="utf-8") as f:
                f.write(text)
            if language == "en":
                meeting = os.path.join(project, "meetings", "2025-03-10.md")
                with open(meeting, encoding="utf-8") as f:
                    text = f.read()
                for nb, en in (("## Sak", "## Case"), ("Unntatt offentlighet:", "Exempt:"), ("Offentlig tittel:", "Public title:"),
                               ("Saksbehandler:", "Case officer:"), ("Vedlegg:", "Attachment:"), ("Oppfølging av:", "Follows up:"),
                               ("### Forslag til vedtak", "### Proposal"), ("### Vedtak", "### Decision"), ("sak 0", "case 0")):
                    text = text.replace(nb, en)
                with open(meeting, "w", encoding="utf-8") as f:
                    f.write(text)
            out = os.path.join(work, "lang-site-" + language)
            result = build(referat, project, out)
            with open(os.path.join(out, "saker.html"), encoding="utf-8") as f:
                page = f.read() if result.returncode == 0 else ""
            report(f'<html lang="{language}">' in page and word in page, f"a site in {language} has its language and labels",
                   result.stdout)

        # A project's templates/ overrides a built-in template.
        custom = os.path.join(work, "custom")
        shutil.copytree(exempt, custom)
        os.makedirs(os.path.join(custom, "templates"))
        with open(os.path.join(custom, "templates", "404.html"), "w", encoding="utf-8") as f:
            f.write("{{> header}}<h1>Egen feilside for {{site.title}}</h1>{{> footer}}")
        result = build(referat, custom, os.path.join(work, "custom-site"))
        with open(os.path.join(work, "custom-site", "404.html"), encoding="utf-8") as f:
            report(result.returncode == 0 and "Egen feilside for Lekkasjetest" in f.read(),
                   "a template in the project's templates/ overrides the built-in one")
        with open(os.path.join(custom, "templates", "404.html"), "w", encoding="utf-8") as f:
            f.write("{{#open}} never closed")
        result = build(referat, custom, os.path.join(work, "custom-broken"))
        report(result.returncode == 1 and "E-TEMPLATE" in result.stdout and "templates/404.html:1:1" in result.stdout
               and not os.path.exists(os.path.join(work, "custom-broken")),
               "a broken template is E-TEMPLATE at its position, and nothing is written", result.stdout)

    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
