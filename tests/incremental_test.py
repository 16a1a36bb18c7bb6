#!/usr/bin/env python3
"""An incremental `referat build` gives the same site as a full one.

Between builds into the same folder the test edits, adds, renames and
deletes meeting files, moves a meeting that others refer to to another
date, edits an attachment, overrides a template, changes referat.yaml,
moves a follow-up between meetings and switches --internal on; after each step the folder must equal, byte for
byte and file for file, a full build into an empty folder, and the
diagnostics must equal the full build's. A build with nothing changed is
decided from the inputs' stat data: the test checks that it is taken when
nothing (or only a file's time) changed, and that a deleted, renamed or
rewritten meeting, referat.yaml or a template is seen — also a rewrite that
keeps the size and puts the mtime back. It also checks
that the incremental build rewrote only what changed: files whose bytes did
not change keep their identity (inode), so the other meetings' pages, PDFs
and JSON are untouched.

Usage: incremental_test.py REFERAT ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from tap import Report

report = Report(detail_limit=2000)


def run(referat, *args):
    result = subprocess.run([referat, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"referat {' '.join(args)} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result


def tree(folder):
    """relative path -> (bytes, inode) for every file below folder, but the
    record of the inputs' stat data (it describes this machine's files, not
    the site: it differs between two builds of the same site)."""
    files = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            if directory == folder and name == ".referat-inputs":
                continue
            path = os.path.join(directory, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = (f.read(), os.stat(path).st_ino)
    return files


def differences(incremental, full):
    problems = []
    for path in sorted(set(incremental) | set(full)):
        if path not in full:
            problems.append(f"only in the incremental build: {path}")
        elif path not in incremental:
            problems.append(f"missing from the incremental build: {path}")
        elif incremental[path][0] != full[path][0]:
            problems.append(f"differs: {path}")
    return problems


class Project:
    def __init__(self, referat, source, work, options):
        self.referat = referat
        self.root = os.path.join(work, os.path.basename(source) + "-project")
        shutil.copytree(source, self.root)
        self.out = os.path.join(work, os.path.basename(source) + "-incremental")
        self.full = os.path.join(work, os.path.basename(source) + "-full")
        self.options = list(options)
        self.before = {}

    def build(self, *extra):
        self.before = tree(self.out) if os.path.isdir(self.out) else {}
        self.last = run(self.referat, "build", self.root, "-o", self.out, *self.options, *extra)
        return tree(self.out)

    def step(self, name, expect_rewritten=None, expect_kept=None, expect_shortcut=None, extra=()):
        """Builds incrementally and in full, compares the sites and the
        diagnostics; optionally checks which files were rewritten (new
        inode) and which were kept, and whether the build saw that nothing
        had changed (the stat shortcut) or not."""
        try:
            incremental = self.build(*extra)
            shutil.rmtree(self.full, ignore_errors=True)
            full_run = run(self.referat, "build", self.root, "-o", self.full, *self.options)
            full = tree(self.full)
        except RuntimeError as error:
            report(False, name, error)
            return
        problems = differences(incremental, full)
        if self.last.stdout != full_run.stdout:
            problems.append(f"diagnostics differ:\n{self.last.stdout}\n-- full build:\n{full_run.stdout}")
        shortcut = "nothing changed" in self.last.stderr
        if expect_shortcut is not None and shortcut != expect_shortcut:
            problems.append("the build " + ("did not see" if expect_shortcut else "wrongly saw") +
                            " that nothing had changed: " + self.last.stderr.strip())
        rewritten = {path for path, (_, inode) in incremental.items()
                     if path not in self.before or self.before[path][1] != inode}
        if expect_kept is not None:
            for path in expect_kept:
                if path in rewritten:
                    problems.append(f"rewritten although unchanged: {path}")
        if expect_rewritten is not None:
            for path in rewritten:
                if path not in expect_rewritten and not any(path.startswith(p) for p in expect_rewritten if p.endswith("/")):
                    problems.append(f"rewritten although it did not change: {path}")
        report(not problems, name, "\n  ".join(problems[:20]))
        return rewritten

    def path(self, relative):
        return os.path.join(self.root, relative)


def meeting_files(root):
    found = []
    for directory, _, names in os.walk(os.path.join(root, "meetings")):
        found += [os.path.relpath(os.path.join(directory, n), root) for n in names if n.endswith(".md")]
    return sorted(found)


def output_base(relative):
    """meetings/BODY/DATE.md -> BODY/DATE (the generator names files by date)."""
    parts = relative.split("/")
    return f"{parts[1]}/{parts[2][:-3]}"


INDEX_PAGES = ["index.html", "saker.html", "sok.html", "sitemap.xml", "assets/search/", ".referat-site"]


def generated_project(referat, root, work):
    source = os.path.join(work, "generated")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), source, "40"], check=True,
                   capture_output=True)
    files = meeting_files(source)
    # Hold back the latest meeting of two bodies: added later (numbering
    # stays valid without a body's last meeting).
    by_body = {}
    for relative in files:
        by_body.setdefault(relative.split("/")[1], []).append(relative)
    bodies = sorted(b for b in by_body if len(by_body[b]) >= 3)
    held = os.path.join(work, "held")
    os.makedirs(held)
    add_later = by_body[bodies[0]][-1]
    shutil.move(os.path.join(source, add_later), os.path.join(held, "added.md"))
    project = Project(referat, source, work, ["--no-pdf"])
    files = meeting_files(project.root)

    first = project.build()
    report(bool(first), "generated project: first build")
    project.step("generated: rebuild without changes rewrites nothing but the manifest",
                 expect_rewritten={".referat-site"})

    # Edit one meeting's text.
    edited = by_body[bodies[1]][0]
    with open(project.path(edited), encoding="utf-8") as f:
        text = f.read()
    with open(project.path(edited), "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n\nEt tillegg skrevet etter møtet.\n")
    base = output_base(edited)
    others = [output_base(r) + ".html" for r in files if r != edited]
    project.step("generated: edit one meeting; only its files and the index pages are rewritten",
                 expect_rewritten={base + ".html", base + ".json", *INDEX_PAGES, f"{base.split('/')[0]}/"},
                 expect_kept=others)

    # Add a meeting. The meetings whose cases it follows up gain a forward
    # link ("Fulgt opp i sak …"): their pages change, the rest are kept.
    shutil.move(os.path.join(held, "added.md"), project.path(add_later))
    model = json.loads(run(referat, "dump", project.root).stdout)
    followed = {output_base(item["follows_up"]["resolved"]["file"]) + ".html"
                for meeting in model["meetings"] if meeting["file"] == add_later
                for item in meeting["items"] if item.get("follows_up") and item["follows_up"].get("resolved")}
    project.step("generated: add a meeting", expect_kept=[page for page in others if page not in followed])

    # Rename a meeting file (same content: its page is rebuilt from the new file).
    renamed = by_body[bodies[2]][1]
    new_name = renamed[:-3] + "-omdøpt.md"
    os.rename(project.path(renamed), project.path(new_name))
    project.step("generated: rename a meeting file")

    # Delete a body's last meeting.
    deleted = by_body[bodies[2]][-1]
    os.remove(project.path(deleted))
    project.step("generated: delete a meeting", expect_kept=[output_base(edited) + ".html"])

    # Move a meeting that another meeting refers to: the referring page's
    # links change although its own file did not.
    dump = json.loads(run(referat, "dump", project.root).stdout)
    moved = None
    for meeting in dump["meetings"]:
        for reference in meeting.get("references", []):
            resolved = reference.get("resolved")
            if resolved and resolved["file"] != meeting["file"]:
                moved = resolved["file"]
                break
        if moved:
            break
    report(moved is not None, "generated: some meeting refers to another", "no cross-meeting reference found")
    if moved:
        with open(project.path(moved), encoding="utf-8") as f:
            text = f.read()
        date = re.search(r"^date: (\d{4})-(\d\d)-(\d\d)$", text, re.M)
        year, month, day = date.group(1), date.group(2), int(date.group(3))
        new_day = day + 1 if day < 28 else day - 1
        # The date also stands in the cases' fields, as 10.02.2000.
        text = text.replace(f"{year}-{month}-{day:02d}", f"{year}-{month}-{new_day:02d}")
        text = text.replace(f"{day:02d}.{month}.{year}", f"{new_day:02d}.{month}.{year}")
        with open(project.path(moved), "w", encoding="utf-8") as f:
            f.write(text)
        project.step("generated: a referred-to meeting moves to another date")

    # A change to referat.yaml reaches every page.
    with open(project.path("referat.yaml"), encoding="utf-8") as f:
        config = f.read()
    with open(project.path("referat.yaml"), "w", encoding="utf-8") as f:
        f.write(re.sub(r"title: (.*)", r"title: \1 (arkiv)", config, count=1))
    project.step("generated: referat.yaml changes")

    project.options = ["--no-pdf", "--internal"]
    project.step("generated: --internal after a public build")
    project.options = ["--no-pdf"]
    project.step("generated: public again")
    project.options = ["--no-pdf", "--pretty"]
    project.step("generated: --pretty after a compact build (every JSON indented, none kept)")
    project.options = ["--no-pdf"]
    project.step("generated: compact again")

    # A manifest that is not ours, or points at missing files, means a full build.
    with open(os.path.join(project.out, ".referat-site"), "w") as f:
        f.write("referat\nmeeting zz nonsense\nfile ../../etc/passwd\nmeeting 00 " + files[0] + "\nfile nowhere.html\n"
                "page 0 ../../etc/passwd\npage zz\npage 1 /etc/passwd\n")
    project.step("generated: damaged manifest")
    # Nor is a file outside the output folder ever taken from it.
    with open(os.path.join(project.out, ".referat-site"), encoding="utf-8") as f:
        manifest = f.read()
    secret = os.path.join(work, "secret.html")
    with open(secret, "w") as f:
        f.write("hemmelig")
    first_file = re.search(r"^file (.*)$", manifest, re.M).group(0)
    escape = os.path.relpath(secret, project.out)
    with open(os.path.join(project.out, ".referat-site"), "w", encoding="utf-8") as f:
        f.write(manifest.replace(first_file, first_file + "\nfile " + escape, 1))
    secret_folder = os.path.join(work, "secret-copy")
    os.makedirs(secret_folder)
    shutil.copy(secret, os.path.join(secret_folder, "secret.html"))
    with open(os.path.join(project.out, ".referat-site"), "w", encoding="utf-8") as f:
        f.write(manifest.replace(first_file, first_file + "\nfile " + escape + "\nfile ../secret-copy/secret.html", 1))
    before = sorted(os.listdir(work)) + sorted(os.listdir(secret_folder))
    project.step("generated: a manifest naming a file outside the folder")
    after = sorted(os.listdir(work)) + sorted(os.listdir(secret_folder))
    report(before == after and os.stat(secret).st_nlink == 1, "generated: nothing outside the folder was linked or written",
           f"{before} -> {after}")
    os.remove(os.path.join(project.out, output_base(edited) + ".json"))
    project.step("generated: a file deleted from the output folder is written again")


def settle():
    """Files written within 2 s of a build are racy (their stat data are
    not trusted, manifest.c): wait so that the stat data alone decide."""
    time.sleep(2.2)


def same_size_rewrite(path, old, new):
    """Rewrites a file with the same size and puts its mtime back (ns), as a
    tool that preserves times would: only the ctime and the bytes differ."""
    assert len(old.encode()) == len(new.encode())
    before = os.stat(path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, old
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = os.stat(path)
    return after.st_size == before.st_size and after.st_mtime_ns == before.st_mtime_ns


def stat_shortcut(referat, root, work):
    """A build with nothing changed is decided from the inputs' stat data
    (manifest.c); whatever changed must still be seen, also when the stat
    data lie, and the site and diagnostics must equal a full build's."""
    source = os.path.join(work, "shortcut")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), source, "30"], check=True,
                   capture_output=True)
    project = Project(referat, source, work, ["--no-pdf"])
    files = meeting_files(project.root)
    project.build()
    settle()
    project.build()  # the stat data are recorded settled
    record = os.stat(os.path.join(project.out, ".referat-inputs"))
    unchanged = project.step("shortcut: nothing changed: no file is read or written", expect_rewritten=set(),
                             expect_shortcut=True)
    after = os.stat(os.path.join(project.out, ".referat-inputs"))
    report(unchanged == set() and (record.st_ino, record.st_mtime_ns) == (after.st_ino, after.st_mtime_ns),
           "shortcut: not even the manifest is rewritten", str(unchanged))

    touched = project.path(files[3])
    os.utime(touched, ns=(time.time_ns(), time.time_ns()))
    project.step("shortcut: a touched but unchanged meeting is no change", expect_rewritten=set(),
                 expect_shortcut=True)

    edited = files[5]
    report(same_size_rewrite(project.path(edited), "place: Teams", "place: Zoom!"),
           "shortcut: the rewrite kept size and mtime")
    project.step("shortcut: a same-size rewrite with the mtime put back is seen", expect_shortcut=False)
    with open(os.path.join(project.out, output_base(edited) + ".html"), encoding="utf-8") as f:
        report("Zoom!" in f.read(), "shortcut: the rewritten meeting's page shows the change")
    settle()
    project.build()
    report(same_size_rewrite(project.path(edited), "place: Zoom!", "place: Teams"),
           "shortcut: the second rewrite kept size and mtime")
    project.step("shortcut: a settled file rewritten with its stat data put back is seen", expect_shortcut=False)
    project.step("shortcut: right after a build, nothing changed (racy files are hashed)", expect_shortcut=True)

    os.remove(project.path(files[-1]))
    project.step("shortcut: a deleted meeting is seen", expect_shortcut=False)
    os.rename(project.path(files[4]), project.path(files[4][:-3] + "-ny.md"))
    project.step("shortcut: a renamed meeting is seen", expect_shortcut=False)

    with open(project.path("referat.yaml"), encoding="utf-8") as f:
        config = f.read()
    with open(project.path("referat.yaml"), "w", encoding="utf-8") as f:
        f.write(re.sub(r"title: (.*)", r"title: \1 (ny)", config, count=1))
    project.step("shortcut: an edited referat.yaml is seen", expect_shortcut=False)

    templates = project.path("templates")
    os.makedirs(templates, exist_ok=True)
    with open(os.path.join(root, "templates", "footer.html"), encoding="utf-8") as f:
        footer = f.read()
    with open(os.path.join(templates, "footer.html"), "w", encoding="utf-8") as f:
        f.write(footer + "<!-- lokal A -->\n")
    project.step("shortcut: an added template is seen", expect_shortcut=False)
    settle()
    project.build()
    report(same_size_rewrite(os.path.join(templates, "footer.html"), "lokal A", "lokal B"),
           "shortcut: the template rewrite kept size and mtime")
    project.step("shortcut: an edited template is seen", expect_shortcut=False)
    with open(os.path.join(project.out, output_base(files[0]) + ".html"), encoding="utf-8") as f:
        report("lokal B" in f.read(), "shortcut: the edited template reaches the pages")
    os.remove(os.path.join(templates, "footer.html"))
    project.step("shortcut: a removed template is seen", expect_shortcut=False)

    # The record is read, not trusted: damaged, it only means a build.
    record = os.path.join(project.out, ".referat-inputs")
    with open(record, encoding="utf-8") as f:
        recorded = f.read()
    settle()
    project.step("shortcut: settled again", expect_shortcut=True)
    with open(record, "w", encoding="utf-8") as f:
        f.write(recorded.replace("\ninput meeting ", "\ninput meeting 0", 1))
    project.step("shortcut: a damaged record means a build", expect_shortcut=False)
    with open(record, "w", encoding="utf-8") as f:
        f.write("\n".join(line for line in recorded.splitlines() if not line.startswith("input meeting")) + "\n")
    project.step("shortcut: a record missing the meetings means a build", expect_shortcut=False)
    os.remove(os.path.join(project.out, output_base(files[0]) + ".json"))
    project.step("shortcut: a file deleted from the site means a build", expect_shortcut=False)

    project.step("shortcut: --force builds everything", expect_shortcut=False, extra=("--force",))
    project.options = ["--no-pdf", "--internal"]
    project.step("shortcut: other options are a change", expect_shortcut=False)
    project.options = ["--no-pdf"]
    project.step("shortcut: and back", expect_shortcut=False)

    # With diagnostics, the check runs every time: they are printed again.
    with open(project.path(files[1]), encoding="utf-8") as f:
        text = f.read()
    with open(project.path(files[1]), "w", encoding="utf-8") as f:
        f.write(text.replace("\nplace:", "\nplasering: Teams\nplace:", 1))
    project.step("shortcut: a warning appears", expect_shortcut=False)
    result = project.last
    project.step("shortcut: a build with warnings is never skipped", expect_shortcut=False)
    report("W-META-KEY" in project.last.stdout and project.last.stdout == result.stdout,
           "shortcut: the warning is printed again", project.last.stdout[:300])
    # JSON diagnostics of a skipped build are those of a full one.
    with open(project.path(files[1]), "w", encoding="utf-8") as f:
        f.write(text)
    run(referat, "build", project.root, "-o", project.out, "--no-pdf")
    skipped = run(referat, "build", project.root, "-o", project.out, "--no-pdf", "--format", "json")
    shutil.rmtree(project.full, ignore_errors=True)
    full = run(referat, "build", project.root, "-o", project.full, "--no-pdf", "--format", "json")
    report(skipped.stdout == full.stdout and json.loads(full.stdout) == [],
           "shortcut: --format json prints what a full build prints", skipped.stdout + " vs " + full.stdout)


def thread_counts(referat, root, work):
    """The number of threads changes neither the site nor the diagnostics."""
    source = os.path.join(work, "threads")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), source, "30"], check=True,
                   capture_output=True)
    sites = []
    for jobs in ("1", "4"):
        out = os.path.join(work, f"threads-site-{jobs}")
        run(referat, "build", source, "-o", out, "-j", jobs)
        sites.append(tree(out))
    problems = differences(sites[0], sites[1])
    report(not problems, "-j 1 and -j 4 build the same site", "\n  ".join(problems[:20]))
    # Break a few files: the same diagnostics, in the same order.
    files = meeting_files(source)
    for relative in files[::7]:
        with open(os.path.join(source, relative), encoding="utf-8") as f:
            text = f.read()
        with open(os.path.join(source, relative), "w", encoding="utf-8") as f:
            f.write(text.replace("## Sak", "## Sak 999/99 ", 1).replace("date:", "date: 2025-13-40\nx:", 1))
    outputs = [subprocess.run([referat, "check", source, "-j", jobs, "--format", "json"], capture_output=True,
                              text=True) for jobs in ("1", "4")]
    same = outputs[0].stdout == outputs[1].stdout and outputs[0].returncode == outputs[1].returncode == 1
    report(same and len(json.loads(outputs[0].stdout)) > 5, "-j 1 and -j 4 report the same diagnostics",
           outputs[0].stdout[:500])


def example_project(referat, root, work):
    project = Project(referat, os.path.join(root, "examples"), work, [])
    project.build()
    project.step("examples with PDFs: rebuild without changes rewrites nothing but the manifest",
                 expect_rewritten={".referat-site"})
    attachment = project.path("vedlegg/ssu/2025-01-22-menti.md")
    with open(attachment, "a", encoding="utf-8") as f:
        f.write("\nEtterskrift.\n")
    project.step("examples: an attachment changes", expect_rewritten={"files/vedlegg/ssu/2025-01-22-menti.md",
                                                                      ".referat-site", "ssu/2025-01-22.html",
                                                                      "ssu/2025-01-22.json", "ssu/2025-01-22.pdf"},
                 expect_kept=["fsu-bu/2023-05-12.pdf", "flr/2024-05-29.pdf"])
    meeting = project.path("meetings/flr/2024-05-29.md")
    with open(meeting, encoding="utf-8") as f:
        text = f.read()
    with open(meeting, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n\nEt tillegg skrevet etter møtet.\n")
    project.step("examples: a meeting's text changes: its PDF is rebuilt, the others kept",
                 expect_kept=["fsu-bu/2023-05-12.pdf", "ssu/2025-01-22.pdf", "ssu-lvs/2024-12-04.pdf"])
    templates = project.path("templates")
    os.makedirs(templates, exist_ok=True)
    with open(os.path.join(root, "templates", "meeting.html"), encoding="utf-8") as f:
        template = f.read()
    with open(os.path.join(templates, "meeting.html"), "w", encoding="utf-8") as f:
        f.write(template.replace("</main>", "<p>Lokal mal.</p></main>", 1))
    project.step("examples: a template override reaches every meeting page")


def council_project(referat, root, work):
    """Forward links and a case's history read other meetings: a follow-up
    added or removed in a later meeting must reach the earlier one's page."""
    project = Project(referat, os.path.join(root, "examples", "kommunestyre"), work, [])
    project.build()
    later = project.path("meetings/ks/2026-03-19.md")
    with open(later, encoding="utf-8") as f:
        text = f.read()
    with open(later, "w", encoding="utf-8") as f:
        f.write(text.replace("Oppfølging av: KS 05/26\n", "", 1))
    project.step("council: a follow-up removed from a later meeting reaches the earlier meeting's page")
    with open(later, "w", encoding="utf-8") as f:
        f.write(text.replace("Oppfølging av: KS 05/26", "Oppfølging av: KS 04/26", 1))
    project.step("council: the follow-up moved to another case")
    approved = project.path("meetings/ks/2026-02-12.md")
    with open(later, "w", encoding="utf-8") as f:
        f.write(text.replace("date: 2026-03-19", "date: 2026-03-20", 1))
    with open(approved, encoding="utf-8") as f:
        earlier = f.read()
    with open(approved, "w", encoding="utf-8") as f:
        f.write(earlier.replace("approved: 2026-03-19", "approved: 2026-03-20", 1))
    project.step("council: the meeting that approved the minutes moves; the approval link follows")

    # A case's history is kept while none of the meetings of its cases
    # changed (manifest_page_kept): a decision edited in a later meeting
    # rebuilds the histories that show one of that meeting's cases, and
    # only those. The comparison with a full build proves they are right.
    with open(later, "w", encoding="utf-8") as f:
        f.write(text.replace("dekket av disposisjonsfondet, jf. budsjettjusteringen i sak 05/26.\n\n## Sak 11/26",
                             "dekket av disposisjonsfondet og spillemidler.\n\n## Sak 11/26", 1))
    rewritten = project.step("council: a decision in a case's history changes")
    report(rewritten is not None and "saker/ks-5-2026.html" in rewritten,
           "council: the history showing the edited decision is rebuilt", f"rewritten: {sorted(rewritten or ())}")


def kept_histories(referat, root, work):
    """A case's history whose meetings did not change is not rendered
    again, only linked from the previous site: a mark put into the old
    copy of such a page survives the next build, while the histories
    showing a case of the edited meeting are rendered (their mark is gone).
    (A page of OUT edited in place is not seen: OUT is referat's.)"""
    source = os.path.join(work, "histories")
    subprocess.run([sys.executable, os.path.join(root, "bench", "generate.py"), source, "40"], check=True,
                   capture_output=True)
    project = Project(referat, source, work, ["--no-pdf"])
    project.build()
    edited = meeting_files(project.root)[5]
    page = output_base(edited) + ".html"
    histories = sorted(p for p in tree(project.out) if p.startswith("saker/"))
    showing, others = [], []
    for path in histories:
        with open(os.path.join(project.out, path), encoding="utf-8") as f:
            (showing if f'"../{page}' in f.read() else others).append(path)
    report(showing and others, "histories: some show the edited meeting's cases, some do not",
           f"{len(showing)} showing, {len(others)} not")
    mark = "<!-- mark -->"
    for path in histories:
        full = os.path.join(project.out, path)
        with open(full, encoding="utf-8") as f:
            data = f.read()
        os.remove(full)  # a new file: the previous site's copy of it, not a shared link
        with open(full, "w", encoding="utf-8") as f:
            f.write(data + mark)
    with open(project.path(edited), encoding="utf-8") as f:
        text = f.read()
    with open(project.path(edited), "w", encoding="utf-8") as f:
        f.write(text.replace("### Vedtak\n\n", "### Vedtak\n\nEndret etter møtet. ", 1))
    project.build()
    marked = set()
    for path in histories:
        with open(os.path.join(project.out, path), encoding="utf-8") as f:
            if f.read().endswith(mark):
                marked.add(path)
    report(set(others) <= marked, "histories: the ones not showing the edited meeting are kept, not rendered",
           f"rendered again: {sorted(set(others) - marked)[:5]}")
    report(not (set(showing) & marked), "histories: the ones showing the edited meeting are rendered",
           f"kept: {sorted(set(showing) & marked)[:5]}")

    # A history's decision that names a case of a meeting outside the
    # history ("jf. sak 03/00") links that meeting's page: when that
    # meeting moves to another date, the history must follow although
    # none of its own meetings changed.
    project.build("--force")  # without the marks: a clean site to compare from
    for history in histories:
        body, number, year = re.match(r"saker/(.+)-(\d+)-(\d+)\.html$", history).groups()
        with open(os.path.join(project.out, history), encoding="utf-8") as f:
            steps = set(re.findall(r'href="\.\./([^"#]+)\.html#', f.read()))
        root_file = next((r for r in meeting_files(project.root)
                          if output_base(r) in steps and f"/{body}/" in f"/{r}"), None)
        others = [r for r in meeting_files(project.root) if r.split("/")[1] == body and output_base(r) not in steps
                  and r < (root_file or "")]
        if root_file and others:
            break
    report(bool(root_file and others), "histories: a history and an earlier meeting outside it",
           f"{history}: {root_file}, {len(others)} others")
    if not (root_file and others):
        return
    outside = others[-1]
    with open(project.path(outside), encoding="utf-8") as f:
        outside_text = f.read()
    named = re.search(r"^## Sak (\d+/\d+)", outside_text, re.M).group(1)
    with open(project.path(root_file), encoding="utf-8") as f:
        root_text = f.read()
    case = re.search(rf"^## Sak 0*{int(number)}/{int(year) % 100:02d}\b.*?^### Vedtak[^\n]*\n\n", root_text, re.M | re.S)
    report(case is not None, "histories: the history's first case has a decision", history)
    if not case:
        return
    with open(project.path(root_file), "w", encoding="utf-8") as f:
        f.write(root_text[:case.end()] + f"Jf. sak {named}. " + root_text[case.end():])
    project.step("histories: a decision names a case outside its history")
    date = re.search(r"^date: (\d{4})-(\d\d)-(\d\d)$", outside_text, re.M)
    y, m, d = date.group(1), date.group(2), int(date.group(3))
    new_day = d + 1 if d < 28 else d - 1
    moved = outside_text.replace(f"{y}-{m}-{d:02d}", f"{y}-{m}-{new_day:02d}").replace(
        f"{d:02d}.{m}.{y}", f"{new_day:02d}.{m}.{y}")
    with open(project.path(outside), "w", encoding="utf-8") as f:
        f.write(moved)
    rewritten = project.step("histories: the named case's meeting moves; the history's link follows")
    report(rewritten is not None and history in rewritten, "histories: the history naming it is rebuilt",
           f"{history} not among {len(rewritten or ())} rewritten")


def main():
    referat, root = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="referat-incremental-")
    try:
        generated_project(referat, root, work)
        stat_shortcut(referat, root, work)
        example_project(referat, root, work)
        council_project(referat, root, work)
        kept_histories(referat, root, work)
        thread_counts(referat, root, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
