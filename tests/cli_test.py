#!/usr/bin/env python3
"""The command line as a newcomer meets it: help and usage errors, exit
statuses, init → check → new → build, new continuing from archive_from,
nothing overwritten without --force, paths relative to where referat runs,
what fmt and --fix say, progress only on a terminal, and `meson install`.

Usage: cli_test.py REFERAT ROOT BUILD_DIR
"""
import os
import pty
import select
import shutil
import subprocess
import sys
import tempfile

from tap import Report

COMMANDS = ["init", "check", "build", "new", "minutes", "fmt", "watch", "import", "dump", "help"]

ARCHIVE_CONFIG = """site:
  title: T
bodies:
  ssu:
    name: Strategisk samarbeidsutvalg
    short: SSU
    seats: 10
    archive_from: 60/25
"""

STANDING = """## Innkalling og dagsorden (B)

### Forslag til vedtak

Godkjent.
"""

UNFORMATTED = """---
date: 2025-02-10
body: ssu
kind: minutes
---
## Sak 61/25 Sak (B)
### Vedtak
Vedtatt.
"""


def main():
    referat = os.path.abspath(sys.argv[1])
    root, build = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    report = Report(detail_limit=2000)
    environment = dict(os.environ, NO_COLOR="1")

    def run(*arguments, cwd=None):
        return subprocess.run([referat, *arguments], capture_output=True, text=True, timeout=300, cwd=cwd,
                              env=environment)

    # ---- help, version, usage errors -------------------------------------
    result = run("--help")
    report(result.returncode == 0 and all(f"  {c} " in result.stdout for c in COMMANDS),
           "--help lists every command", result.stdout)
    result = run()
    report(result.returncode == 2 and "usage: referat COMMAND" in result.stderr, "no command: the overview, exit 2",
           result.stderr)
    for flag in ("--version", "-V"):
        result = run(flag)
        report(result.returncode == 0 and result.stdout.startswith("referat ") and result.stdout.count("\n") == 1,
               f"{flag} prints the version", result.stdout)
    for command in COMMANDS:
        result = run(command, "--help")
        short = run(command, "-h")
        by_help = run("help", command)
        report(result.returncode == 0 and result.stdout.startswith(f"usage: referat {command}")
               and "--help" in result.stdout and short.stdout == result.stdout and by_help.stdout == result.stdout,
               f"{command} --help, -h and help {command} show the command's help", result.stdout + result.stderr)
    usage_errors = [
        (["check", "--bogus"], "check: unknown option '--bogus'", "Try 'referat check --help'."),
        (["build", "-j", "0"], "build: -j needs a number of threads from 1 to 64, not '0'", "Try 'referat build --help'."),
        (["build", "--format", "xml"], "build: --format is human, gcc, json or github, not 'xml'", "Try 'referat build --help'."),
        (["check", "a", "b"], "check: unexpected argument 'b'", "Try 'referat check --help'."),
        (["new", "ssu"], "new: missing arguments (usage: referat new BODY DATE [DIR])", "Try 'referat new --help'."),
        (["new", "ssu", "2025-13-01"], "new: DATE must be YYYY-MM-DD, not '2025-13-01'", "Try 'referat new --help'."),
        (["fmt"], "fmt: missing arguments", "Try 'referat fmt --help'."),
        (["dump", "--public=yes"], "dump: option '--public=yes' takes no value", "Try 'referat dump --help'."),
        (["chek"], "unknown command 'chek' (did you mean 'check'?)", "Try 'referat --help'."),
    ]
    for arguments, first, second in usage_errors:
        result = run(*arguments)
        lines = result.stderr.splitlines()
        report(result.returncode == 2 and len(lines) == 2 and first in lines[0] and lines[1] == second,
               f"referat {' '.join(arguments)}: one line and where help is, exit 2", result.stderr)
    result = run("build", "--jobs=2", "--no-pdf", "-o", os.devnull + "/x", os.path.join(root, "examples"))
    report(result.returncode == 2 and "unknown option" not in result.stderr,
           "--name=value and -o VALUE are read (an unwritable OUT is an I/O error, exit 2)", result.stderr)

    with tempfile.TemporaryDirectory() as work:
        # ---- init → check → new → build ----------------------------------
        project = os.path.join(work, "minutes")
        result = run("init", project)
        files = ["referat.yaml", ".gitignore", ".github/workflows/referat.yml", ".gitlab-ci.yml"]
        report(result.returncode == 0 and all(os.path.isfile(os.path.join(project, f)) for f in files)
               and os.path.isdir(os.path.join(project, "meetings", "styret")), "init writes a project", result.stderr)
        with open(os.path.join(project, ".github", "workflows", "referat.yml"), encoding="utf-8") as f:
            github = f.read()
        with open(os.path.join(project, ".gitlab-ci.yml"), encoding="utf-8") as f:
            gitlab = f.read()
        report("referat check --format github" in github and "referat fmt --check" in github
               and "referat check --format gcc" in gitlab and "referat fmt --check" in gitlab,
               "the CI workflows run check and fmt --check", github + gitlab)
        try:
            import yaml
        except ImportError:
            yaml = None
        if yaml:
            report(yaml.safe_load(github)["jobs"]["check"]["container"] == "debian:12"
                   and "script" in yaml.safe_load(gitlab)["referat"], "the CI workflows are YAML")
        with open(os.path.join(project, ".gitignore"), encoding="utf-8") as f:
            report("/site/" in f.read(), ".gitignore leaves out the built site")
        result = run("check", cwd=project)
        report(result.returncode == 0 and "0 errors, 0 warnings" in result.stderr, "the new project checks clean",
               result.stdout + result.stderr)
        result = run("build", "--no-pdf", cwd=project)
        report(result.returncode == 0 and os.path.isfile(os.path.join(project, "site", "index.html")),
               "the new project builds", result.stdout + result.stderr)
        before = open(os.path.join(project, "referat.yaml"), encoding="utf-8").read()
        with open(os.path.join(project, "referat.yaml"), "a", encoding="utf-8") as f:
            f.write("# mine\n")
        result = run("init", project)
        report(result.returncode == 2 and open(os.path.join(project, "referat.yaml"), encoding="utf-8").read()
               == before + "# mine\n", "init again overwrites nothing (exit 2)", result.stderr)
        result = run("init", "--force", project)
        report(result.returncode == 0 and open(os.path.join(project, "referat.yaml"), encoding="utf-8").read() == before,
               "init --force writes its files again", result.stderr)
        result = run("new", "styret", "2026-12-10", cwd=project)
        notice = os.path.join(project, "meetings", "styret", "2026-12-10.md")
        report(result.returncode == 0 and os.path.isfile(notice), "new writes the first notice", result.stderr)
        result = run("check", cwd=project)
        report(result.returncode == 0, "the notice checks", result.stdout + result.stderr)
        result = run("build", cwd=project)
        report(result.returncode == 0 and os.path.isfile(os.path.join(project, "site", "styret", "2026-12-10.html"))
               and os.path.isfile(os.path.join(project, "site", "styret", "2026-12-10.pdf")),
               "the project with its notice builds, page and PDF", result.stdout + result.stderr)
        text = open(notice, encoding="utf-8").read()
        result = run("new", "styret", "2026-12-10", project)
        report(result.returncode == 2 and open(notice, encoding="utf-8").read() == text and "exists" in result.stderr,
               "new on an existing file changes nothing (exit 2)", result.stderr)
        result = run("new", "styre", "2026-12-11", project)
        report(result.returncode == 2 and "did you mean 'styret'" in result.stderr, "new with a misspelt body",
               result.stderr)

        # ---- minutes: -o FILE is new unless --force ----------------------
        target = os.path.join(work, "draft.md")
        with open(target, "w", encoding="utf-8") as f:
            f.write("mine\n")
        result = run("minutes", notice, "-o", target)
        report(result.returncode == 2 and open(target, encoding="utf-8").read() == "mine\n",
               "minutes -o an existing file: refused (exit 2)", result.stderr)
        result = run("minutes", notice, "-o", target, "--force")
        report(result.returncode == 0 and "kind: minutes" in open(target, encoding="utf-8").read()
               and open(notice, encoding="utf-8").read() == text, "minutes -o FILE --force writes FILE only",
               result.stderr)
        run("minutes", notice)
        result = run("minutes", notice)
        report(result.returncode == 2 and "already minutes" in result.stderr, "minutes on minutes: exit 2",
               result.stderr)

        # ---- new continues from archive_from ------------------------------
        archive = os.path.join(work, "archive")
        os.makedirs(os.path.join(archive, "templates"))
        with open(os.path.join(archive, "referat.yaml"), "w", encoding="utf-8") as f:
            f.write(ARCHIVE_CONFIG)
        with open(os.path.join(archive, "templates", "new.md"), "w", encoding="utf-8") as f:
            f.write(STANDING)
        result = run("new", "ssu", "2025-11-14", archive)
        written = os.path.join(archive, "meetings", "ssu", "2025-11-14.md")
        text = open(written, encoding="utf-8").read() if os.path.exists(written) else ""
        report(result.returncode == 0 and "## Sak 60/25 Innkalling og dagsorden (B)" in text,
               "new in the year of archive_from: 60/25", text + result.stderr)
        report(run("check", archive).returncode == 0, "and it checks")
        with open(written, "w", encoding="utf-8") as f:
            f.write(text.replace("Sak 60/25", "Sak 01/25"))
        result = run("check", archive, "--format", "gcc")
        report(result.returncode == 1 and "E-NUM-ORDER" in result.stdout and "60/25" in result.stdout,
               "check: a case below archive_from is an error", result.stdout)
        os.remove(written)
        result = run("new", "ssu", "2026-01-14", archive)
        text = open(os.path.join(archive, "meetings", "ssu", "2026-01-14.md"), encoding="utf-8").read()
        report(result.returncode == 0 and "## Sak 01/26" in text, "a year after archive_from starts at 01", text)

        # ---- import: nothing overwritten without --force ------------------
        source = os.path.join(root, "tests", "import", "ssu-2025-01-22.txt")
        config = os.path.join(root, "tests", "import", "project")
        imported = os.path.join(work, "imported.md")
        with open(imported, "w", encoding="utf-8") as f:
            f.write("mine\n")
        result = run("import", source, config, "-o", imported)
        report(result.returncode == 2 and open(imported, encoding="utf-8").read() == "mine\n",
               "import -o an existing file: refused (exit 2)", result.stderr)
        result = run("import", source, config, "-o", imported, "--force", "--report", os.path.join(work, "r.txt"))
        report(result.returncode == 0 and open(imported, encoding="utf-8").read().startswith("---\n"),
               "import -o FILE --force replaces it", result.stderr)
        yaml_copy = os.path.join(work, "copy")
        shutil.copytree(config, yaml_copy)
        before = open(os.path.join(yaml_copy, "referat.yaml"), encoding="utf-8").read()
        for extra in ([], ["--force"]):
            result = run("import", source, "-o", os.path.join(yaml_copy, "referat.yaml"), *extra)
            report(result.returncode == 2 and open(os.path.join(yaml_copy, "referat.yaml"), encoding="utf-8").read()
                   == before, f"import never writes over referat.yaml {' '.join(extra)}", result.stderr)
        result = run("import", source, "-o", yaml_copy, "--report", os.path.join(yaml_copy, "referat.yaml"), "--force")
        report(result.returncode == 2 and open(os.path.join(yaml_copy, "referat.yaml"), encoding="utf-8").read() == before,
               "import -o FOLDER --report referat.yaml: refused, and nothing is written", result.stderr)
        result = run("import", source, "-o", os.path.join(work, "same"), "--report", os.path.join(work, "same"))
        report(result.returncode == 2 and not os.path.exists(os.path.join(work, "same")),
               "import: one file for both meeting and report is refused", result.stderr)

        # ---- paths relative to where referat runs -------------------------
        repository = os.path.join(work, "repository")
        shutil.copytree(os.path.join(root, "tests", "cases", "e-num-dup"), os.path.join(repository, "sub", "project"))
        for given in ("sub/project", "./sub/project/"):
            gcc = run("check", given, "--format", "gcc", cwd=repository)
            paths = [line.split(":")[0] for line in gcc.stdout.splitlines() if ": error" in line or ": note" in line]
            report(gcc.returncode == 1 and paths and all(p.startswith("sub/project/meetings/") and
                                                         os.path.isfile(os.path.join(repository, p)) for p in paths),
                   f"gcc paths open from where referat ran ({given})", gcc.stdout)
        github = run("check", "sub/project", "--format", "github", cwd=repository)
        report("::error file=sub/project/meetings/ssu/2025-02-10.md,line=7" in github.stdout,
               "github annotations name the file from the repository's root", github.stdout)
        human = run("check", "sub/project", cwd=repository)
        report("sub/project/meetings/ssu/2025-02-10.md:7:8: error[E-NUM-DUP]" in human.stdout,
               "human paths too", human.stdout)
        json_output = run("check", "sub/project", "--format", "json", cwd=repository)
        report('"file": "meetings/ssu/2025-02-10.md"' in json_output.stdout, "JSON keeps project-relative paths",
               json_output.stdout)
        inside = run("check", "--format", "gcc", cwd=os.path.join(repository, "sub", "project"))
        report(inside.stdout.startswith("meetings/ssu/"), "inside the project, paths start there", inside.stdout)

        # ---- fmt says what it changed --------------------------------------
        meeting = os.path.join(archive, "meetings", "ssu", "2025-02-10.md")
        with open(meeting, "w", encoding="utf-8") as f:
            f.write(UNFORMATTED)
        result = run("fmt", "--check", meeting)
        report(result.returncode == 1 and open(meeting, encoding="utf-8").read() == UNFORMATTED
               and "+date: 2025-02-10" in result.stdout,
               "fmt --check shows the difference, changes nothing, exit 1", result.stdout + result.stderr)
        result = run("fmt", meeting)
        report(result.returncode == 0 and result.stderr.strip() == f"referat: formatted {meeting}"
               and open(meeting, encoding="utf-8").read() != UNFORMATTED, "fmt names the file it rewrote",
               result.stderr)
        result = run("fmt", meeting)
        report(result.returncode == 0 and result.stderr == "", "fmt on a formatted file says nothing", result.stderr)

        # ---- build --only: one emitter without the site ----------------------
        examples = os.path.join(root, "examples")

        def files_of(folder):
            return sorted(os.path.relpath(os.path.join(d, n), folder) for d, _, names in os.walk(folder)
                          for n in names if not n.startswith("."))

        only_pdf = os.path.join(work, "only-pdf")
        result = run("build", examples, "--only", "pdf", "-o", only_pdf)
        built = files_of(only_pdf)
        report(result.returncode == 0 and built and all(name.endswith(".pdf") for name in built) and len(built) == 4,
               "build --only pdf: the four PDFs and nothing else", "\n".join(built) + result.stderr)
        full = os.path.join(work, "full")
        run("build", examples, "-o", full)
        report(all(open(os.path.join(only_pdf, name), "rb").read() == open(os.path.join(full, name), "rb").read()
                   for name in built), "the PDFs are those of the whole build, byte for byte")
        only_json = os.path.join(work, "only-json")
        result = run("build", examples, "--only=json", "-o", only_json)
        built = files_of(only_json)
        report(result.returncode == 0 and len(built) == 4 and all(name.endswith(".json") for name in built),
               "build --only=json: the meetings' JSON only", "\n".join(built))
        pages = os.path.join(work, "pages")
        result = run("build", examples, "--only", "html,json", "-o", pages)
        page = open(os.path.join(pages, "ssu", "2025-01-22.html"), encoding="utf-8").read()
        report(result.returncode == 0 and not any(n.endswith(".pdf") for n in files_of(pages))
               and 'href="2025-01-22.pdf"' not in page and 'href="2025-01-22.json"' in page
               and os.path.isfile(os.path.join(pages, "saker.html")),
               "build --only html,json: the site without PDFs, and no link to them", result.stderr)
        result = run("build", examples, "--only", "pdf", "--no-pdf", "-o", os.path.join(work, "nothing"))
        report(result.returncode == 2 and "leave nothing to build" in result.stderr, "--only pdf --no-pdf: usage error",
               result.stderr)
        result = run("build", examples, "--only", "epub", "-o", os.path.join(work, "nothing"))
        report(result.returncode == 2 and "not 'epub'" in result.stderr, "--only epub: usage error", result.stderr)

        # ---- progress: on a terminal only, never with --quiet ---------------
        result = run("build", examples, "--no-pdf", "-o", os.path.join(work, "piped"))
        report(result.returncode == 0 and "building" not in result.stderr and "meetings built" in result.stderr,
               "piped: no progress, the summary line", result.stderr)
        try:
            on_terminal = terminal_stderr([referat, "build", examples, "--no-pdf", "-o", os.path.join(work, "tty")])
            quiet = terminal_stderr([referat, "build", examples, "--no-pdf", "--quiet", "-o",
                                     os.path.join(work, "quiet")])
        except OSError as error:
            # A chroot with /dev but not /dev/pts has no pseudo-terminals:
            # nothing can be a terminal there, so there is nothing to test.
            print(f"ok - progress on a terminal # SKIP no pseudo-terminal here: {error}")
        else:
            report("building 4/4 meetings" in on_terminal and "4 meetings built" in on_terminal,
                   "on a terminal: progress (meetings done of all)", on_terminal)
            report(quiet == "" and os.path.isfile(os.path.join(work, "quiet", "index.html")),
                   "--quiet on a terminal: nothing", quiet)

        # ---- meson install ---------------------------------------------------
        destination = os.path.join(work, "installed")
        meson = shutil.which("meson")
        result = subprocess.run([meson, "install", "-C", build, "--no-rebuild", "--destdir", destination],
                                capture_output=True, text=True, timeout=300) if meson else None
        installed = {}
        for folder, _, names in os.walk(destination):
            for name in names:
                installed[os.path.relpath(os.path.join(folder, name), destination)] = os.path.join(folder, name)
        binary = next((path for rel, path in installed.items() if rel.endswith("bin/referat")), None)
        report(result is not None and result.returncode == 0 and binary
               and any(rel.endswith("man/man1/referat.1") for rel in installed)
               and any(rel.endswith("bash-completion/completions/referat") for rel in installed)
               and any(rel.endswith("zsh/vendor-completions/_referat") for rel in installed),
               "meson install: the binary, the man page, bash and zsh completion",
               (result.stdout + result.stderr if result else "no meson") + "\n" + "\n".join(installed))
        if binary:
            version = subprocess.run([binary, "--version"], capture_output=True, text=True, cwd="/")
            site = os.path.join(work, "from-installed")
            built = subprocess.run([binary, "build", examples, "-o", site], capture_output=True, text=True, cwd="/",
                                   timeout=300)
            report(version.returncode == 0 and version.stdout.startswith("referat ")
                   and built.returncode == 0 and os.path.isfile(os.path.join(site, "ssu", "2025-01-22.pdf"))
                   and os.path.isfile(os.path.join(site, "index.html")),
                   "the installed referat runs from anywhere and builds the examples (templates built in)",
                   version.stderr + built.stderr)
        if shutil.which("bash"):
            completion = next((p for rel, p in installed.items() if rel.endswith("completions/referat")), None)
            words = subprocess.run(["bash", "-c", f'source "{completion}"; COMP_WORDS=(referat bu); COMP_CWORD=1; '
                                    '_referat; echo "${COMPREPLY[@]}"; COMP_WORDS=(referat check --f); COMP_CWORD=2; '
                                    '_referat; echo "${COMPREPLY[@]}"'], capture_output=True, text=True) \
                if completion else None
            report(words is not None and words.stdout.split("\n")[:2] == ["build", "--format --fix"],
                   "bash completion completes commands and options", words.stdout + words.stderr if words else "")
        zsh_file = next((p for rel, p in installed.items() if rel.endswith("_referat")), None)
        report(zsh_file is not None and open(zsh_file, encoding="utf-8").readline().strip() == "#compdef referat",
               "zsh completion is a #compdef file")
    return report.finish()


def terminal_stderr(command):
    """Runs `command` with stderr on a pseudo-terminal (stdout piped) and
    returns what it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=follower, stdin=subprocess.DEVNULL,
                               env=dict(os.environ, NO_COLOR="1"))
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 300)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=300)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


if __name__ == "__main__":
    sys.exit(main())
