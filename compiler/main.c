/* main: the command line, and only that: the table of commands with their
 * options (parsed by options.c), and per command a short function that
 * hands the parsed options to the library (referat.h and the stage
 * modules). Decides the process's exit status: 0 success, 1 errors (or
 * warnings with --werror), 2 usage or I/O error. */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit_json.h"
#include "build.h"
#include "fix.h"
#include "format.h"
#include "import.h"
#include "init.h"
#include "limits.h"
#include "options.h"
#include "present.h"
#include "referat.h"
#include "scaffold.h"
#include "suggest.h"
#include "values.h"
#include "watch.h"

#ifndef REFERAT_VERSION
#define REFERAT_VERSION "0.0.0"
#endif

static const char jobs_help[] = "read and build with N threads (default: one per core, at most 64); the output does not "
                                "depend on N";
static const char format_help[] = "diagnostics as human (default: source line and caret), gcc (one line each), json "
                                  "(an array) or github (workflow commands)";

/* ---- Values shared by several commands ----------------------------------- */

static const char *operand(const Arguments *arguments, int index) {
    return index < arguments->operand_count ? arguments->operands[index] : NULL;
}

static bool has(const Arguments *arguments, int index) {
    return arguments->values[index] != NULL;
}

/* ---- check ---------------------------------------------------------------- */

enum { CHECK_FORMAT, CHECK_WERROR, CHECK_FIX, CHECK_JOBS, CHECK_QUIET };
static const OptionSpec check_options[] = {
    {"format", 0, "F", format_help},
    {"werror", 0, NULL, "warnings fail the check too (exit status 1)"},
    {"fix", 0, NULL,
     "apply the fixes that are certain (renumbering a meeting's cases and the file's references to them, a unique "
     "near-miss key or roster name), each shown as a diff; then check again"},
    {"jobs", 'j', "N", jobs_help},
    {"quiet", 'q', NULL, "no summary line"},
    {0},
};

static int run_check(const Command *command, const Arguments *arguments) {
    DiagFormat format;
    unsigned jobs = options_jobs(command, arguments->values[CHECK_JOBS]);
    if (!jobs || !options_format(command, arguments->values[CHECK_FORMAT], &format))
        return REFERAT_EXIT_USAGE;
    const char *directory = operand(arguments, 0);
    Compilation c;
    compilation_run(&c, directory, jobs);
    if (has(arguments, CHECK_FIX)) {
        size_t fixed = fix_project(&c, directory, jobs, stdout);
        if (fixed)
            fprintf(stderr, "referat: %zu fix%s applied; the project as it is now:\n", fixed, fixed == 1 ? "" : "es");
    }
    compilation_report(&c, stdout, format, options_want_colour(), directory);
    const Diagnostics *d = &c.diagnostics;
    if (format == DIAG_FORMAT_HUMAN && !has(arguments, CHECK_QUIET))
        fprintf(stderr, "referat: %zu meeting%s checked: %zu error%s, %zu warning%s\n", c.project.meeting_count,
                c.project.meeting_count == 1 ? "" : "s", d->error_count, d->error_count == 1 ? "" : "s",
                d->warning_count, d->warning_count == 1 ? "" : "s");
    int status = compilation_exit_status(&c, has(arguments, CHECK_WERROR));
    compilation_free(&c);
    return status;
}

/* ---- build ---------------------------------------------------------------- */

enum { BUILD_OPTION_OUTPUT, BUILD_OPTION_INTERNAL, BUILD_OPTION_NO_PDF, BUILD_OPTION_ONLY, BUILD_OPTION_FORCE,
       BUILD_OPTION_FORMAT, BUILD_OPTION_JOBS, BUILD_OPTION_QUIET };
static const OptionSpec build_options[] = {
    {"output", 'o', "OUT", "the site's folder (default: site)"},
    {"internal", 0, NULL, "include exempt cases (marked) — never publish that build"},
    {"no-pdf", 0, NULL, "leave out the PDFs"},
    {"only", 0, "FORMS",
     "write only these forms of each meeting, comma-separated: html (the pages and the index site), pdf, json"},
    {"force", 0, NULL, "replace OUT even if referat did not build it"},
    {"format", 0, "F", format_help},
    {"jobs", 'j', "N", jobs_help},
    {"quiet", 'q', NULL, "no progress and no summary line (diagnostics still show)"},
    {0},
};

/* Progress on a terminal: one line, rewritten in place. Called from the
 * build's worker threads; the counter keeps the line from going back. */
static atomic_size_t progress_shown;

static void build_progress(size_t done, size_t total) {
    size_t shown = atomic_load(&progress_shown);
    while (done > shown && !atomic_compare_exchange_weak(&progress_shown, &shown, done))
        ;
    if (done <= shown)
        return;
    fprintf(stderr, "\rreferat: building %zu/%zu meetings", done, total);
    if (done == total)
        fputs("\r\033[K", stderr);
}

static int run_build(const Command *command, const Arguments *arguments) {
    DiagFormat format;
    unsigned jobs = options_jobs(command, arguments->values[BUILD_OPTION_JOBS]);
    unsigned outputs = BUILD_ALL;
    if (!jobs || !options_format(command, arguments->values[BUILD_OPTION_FORMAT], &format) ||
        !options_outputs(command, arguments->values[BUILD_OPTION_ONLY], &outputs))
        return REFERAT_EXIT_USAGE;
    if (has(arguments, BUILD_OPTION_NO_PDF))
        outputs &= ~(unsigned)BUILD_PDF;
    if (!outputs)
        return options_usage_error(command, "%s", "--only pdf and --no-pdf leave nothing to build");
    const char *directory = operand(arguments, 0);
    const char *out = has(arguments, BUILD_OPTION_OUTPUT) ? arguments->values[BUILD_OPTION_OUTPUT] : "site";
    bool quiet = has(arguments, BUILD_OPTION_QUIET);
    BuildOptions options = {has(arguments, BUILD_OPTION_INTERNAL), has(arguments, BUILD_OPTION_FORCE), outputs, jobs,
                            NULL};
    if (!quiet && format == DIAG_FORMAT_HUMAN && isatty(STDERR_FILENO))
        options.progress = build_progress;
    Compilation c;
    compilation_run(&c, directory, jobs);
    bool built = compilation_clean(&c) && build_site(&c.arena, &c.diagnostics, &c.project, out, options);
    compilation_report(&c, stdout, format, options_want_colour(), directory);
    if (format == DIAG_FORMAT_HUMAN && !quiet && built)
        fprintf(stderr, "referat: %zu meeting%s built into %s/ (open %s/index.html)%s\n", c.project.meeting_count,
                c.project.meeting_count == 1 ? "" : "s", out, out, options.internal ? " — INTERNAL: do not publish" : "");
    else if (format == DIAG_FORMAT_HUMAN && !built)
        fprintf(stderr, "referat: nothing was written to %s/\n", out);
    int status = built ? REFERAT_EXIT_OK : compilation_exit_status(&c, false);
    if (!built && status == REFERAT_EXIT_OK)
        status = REFERAT_EXIT_USAGE; /* the site could not be written */
    compilation_free(&c);
    return status;
}

/* ---- dump ----------------------------------------------------------------- */

enum { DUMP_PUBLIC };
static const OptionSpec dump_options[] = {
    {"public", 0, NULL, "leave out exempt cases' content, as publication does"},
    {0},
};

static int run_dump(const Command *command, const Arguments *arguments) {
    (void)command;
    const char *directory = operand(arguments, 0);
    Compilation c;
    compilation_run(&c, directory, compilation_default_jobs());
    int status = compilation_exit_status(&c, false);
    if (status == REFERAT_EXIT_OK) {
        Presentation presentation;
        if (presentation_init(&presentation, &c.arena, &c.diagnostics, &c.project,
                              has(arguments, DUMP_PUBLIC) ? PUBLICATION_PUBLIC : PUBLICATION_INTERNAL))
            emit_json_project(stdout, &c.project, &presentation, &c.arena);
        else
            status = compilation_exit_status(&c, false) == REFERAT_EXIT_OK ? REFERAT_EXIT_USAGE
                                                                          : compilation_exit_status(&c, false);
    } else {
        /* The model of a project with errors is partial: say why instead. */
        compilation_report(&c, stderr, DIAG_FORMAT_GCC, false, directory);
    }
    compilation_free(&c);
    return status;
}

/* ---- init, new, minutes, fmt, import --------------------------------------- */

enum { INIT_FORCE };
static const OptionSpec init_options[] = {
    {"force", 0, NULL, "replace files referat init writes if they exist"},
    {0},
};

static int run_init(const Command *command, const Arguments *arguments) {
    (void)command;
    return init_project(operand(arguments, 0) ? operand(arguments, 0) : ".", has(arguments, INIT_FORCE));
}

static int run_new(const Command *command, const Arguments *arguments) {
    Date date;
    if (date_parse_iso(slice_from_cstring(arguments->operands[1]), &date) != VALUE_OK)
        return options_usage_error(command, "DATE must be YYYY-MM-DD, not '%s'", arguments->operands[1]);
    const char *directory = operand(arguments, 2) ? operand(arguments, 2) : ".";
    return scaffold_new(directory, arguments->operands[0], date);
}

enum { MINUTES_OUTPUT, MINUTES_FORCE };
static const OptionSpec minutes_options[] = {
    {"output", 'o', "FILE", "write the draft to FILE instead of changing NOTICE"},
    {"force", 0, NULL, "replace FILE if it exists"},
    {0},
};

static int run_minutes(const Command *command, const Arguments *arguments) {
    (void)command;
    return scaffold_minutes_file(arguments->operands[0], arguments->values[MINUTES_OUTPUT],
                                 has(arguments, MINUTES_FORCE));
}

enum { FMT_CHECK };
static const OptionSpec fmt_options[] = {
    {"check", 0, NULL, "change nothing; show the difference and exit 1 if a file is not in the canonical layout"},
    {0},
};

static int run_fmt(const Command *command, const Arguments *arguments) {
    (void)command;
    int status = REFERAT_EXIT_OK;
    for (int i = 0; i < arguments->operand_count; i++) {
        int file_status = format_file(arguments->operands[i], has(arguments, FMT_CHECK), stdout);
        if (file_status > status)
            status = file_status;
    }
    return status;
}

enum { IMPORT_BODY, IMPORT_OUTPUT, IMPORT_REPORT, IMPORT_CHECK, IMPORT_FORCE };
static const OptionSpec import_options[] = {
    {"body", 0, "ID", "the body the document belongs to (default: guessed from its text)"},
    {"output", 'o', "OUT.md", "write the meeting file there (default: stdout)"},
    {"report", 0, "FILE", "write the report there (default: stderr)"},
    {"check", 0, NULL, "run the result through the checks"},
    {"force", 0, NULL, "replace OUT.md or FILE if they exist (never referat.yaml)"},
    {0},
};

static int run_import(const Command *command, const Arguments *arguments) {
    (void)command;
    ImportCommand import = {arguments->operands[0],        operand(arguments, 1),
                            arguments->values[IMPORT_OUTPUT], arguments->values[IMPORT_REPORT],
                            arguments->values[IMPORT_BODY],   has(arguments, IMPORT_CHECK),
                            has(arguments, IMPORT_FORCE)};
    return import_command(&import);
}

/* ---- watch ---------------------------------------------------------------- */

enum { WATCH_OUTPUT, WATCH_NO_PDF, WATCH_JOBS };
static const OptionSpec watch_options[] = {
    {"output", 'o', "OUT", "the site's folder (default: site)"},
    {"no-pdf", 0, NULL, "leave out the PDFs"},
    {"jobs", 'j', "N", jobs_help},
    {0},
};

static volatile sig_atomic_t watch_stop = 0;

static void watch_signal(int signal_number) {
    (void)signal_number;
    watch_stop = 1;
}

static int run_watch(const Command *command, const Arguments *arguments) {
    unsigned jobs = options_jobs(command, arguments->values[WATCH_JOBS]);
    if (!jobs)
        return REFERAT_EXIT_USAGE;
    BuildOptions options = {false, false, has(arguments, WATCH_NO_PDF) ? BUILD_HTML | BUILD_JSON : BUILD_ALL, jobs, NULL};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = watch_signal;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    const char *directory = operand(arguments, 0) ? operand(arguments, 0) : ".";
    const char *out = has(arguments, WATCH_OUTPUT) ? arguments->values[WATCH_OUTPUT] : "site";
    return watch_run(directory, out, options, &watch_stop);
}

/* ---- The command table ------------------------------------------------------ */

static int run_help(const Command *command, const Arguments *arguments);

static const Command commands[] = {
    {"init", "init [DIR]", "start a project: referat.yaml, meetings/, .gitignore, CI workflows",
     "Writes a new project into DIR (default: the current folder): a commented referat.yaml with one body and\n"
     "its roster to edit, meetings/BODY/, a .gitignore for the built site, and CI workflows for GitHub Actions\n"
     "(.github/workflows/referat.yml) and GitLab CI (.gitlab-ci.yml) that run `referat check` and\n"
     "`referat fmt --check` on every push. Never overwrites a file without --force.",
     init_options, 0, 1, run_init},
    {"check", "check [DIR] [options]", "read every meeting of the project and report what is wrong",
     "Reads every meeting of the project in DIR (default: .) and reports structure, metadata, numbering,\n"
     "quorum, roster and reference errors. Paths are printed relative to the current folder.",
     check_options, 0, 1, run_check},
    {"build", "build [DIR] [options]", "check, then write the site: pages, PDFs, JSON, indexes, feeds",
     "Checks, then writes the site to OUT: a page, a PDF and a JSON file per meeting, body pages, the case\n"
     "register, search, feeds and sitemap. Nothing is written if the check finds errors, and OUT is replaced\n"
     "only when the whole build succeeded. On a terminal it shows its progress.",
     build_options, 0, 1, run_build},
    {"new", "new BODY DATE [DIR]", "write the next notice of BODY for DATE",
     "Writes the next notice of BODY for DATE (YYYY-MM-DD) as meetings/BODY/DATE.md: the roster to sort,\n"
     "numbers continuing the year (or the body's archive_from), the standing cases of templates/new-BODY.md\n"
     "(or templates/new.md) and every case the body postponed. Never overwrites a file (exit status 2).",
     NULL, 2, 3, run_new},
    {"minutes", "minutes NOTICE [-o FILE] [--force]", "turn a notice into a minutes draft",
     "Turns a notice into a minutes draft, in place or into FILE: each proposal starts a decision; nothing\n"
     "else changes. A file that is already minutes is refused (exit status 2).",
     minutes_options, 1, 1, run_minutes},
    {"fmt", "fmt [--check] FILE...", "rewrite meeting files in the canonical layout",
     "Rewrites meeting files in the canonical layout (front-matter key order, keywords' canonical spelling,\n"
     "case numbers in the body's form, one blank line between blocks, LF, a final newline) and says which\n"
     "files it changed. The meaning never changes.",
     fmt_options, 1, OPTIONS_MAX_OPERANDS, run_fmt},
    {"watch", "watch [DIR] [options]", "check and build on every save",
     "Checks and builds on every save (inotify); prints only new diagnostics; OUT stays the last good\n"
     "site. Ctrl-C stops.",
     watch_options, 0, 1, run_watch},
    {"import", "import FILE [DIR] [options]", "turn an existing notice or minutes document into a meeting file",
     "Turns the text of an existing notice or minutes document (from pdftotext -layout or pandoc -t plain)\n"
     "into a meeting file. A report of what was read as structure and what was placed without certainty\n"
     "goes to stderr or --report FILE. DIR's referat.yaml gives the bodies and rosters to match against.\n"
     "Existing files are not replaced without --force; referat.yaml never is.",
     import_options, 1, 2, run_import},
    {"dump", "dump [DIR] [--public]", "print the checked model as JSON",
     "Checks, then prints the typed model (meetings, cases, parts, attendance, resolved references, quorum\n"
     "at every case) as JSON.",
     dump_options, 0, 1, run_dump},
    {"help", "help [COMMAND]", "show the help of a command", "Shows the help of COMMAND, or the list of commands.", NULL,
     0, 1, run_help},
};

enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static void overview(FILE *out) {
    fputs("usage: referat COMMAND [options]\n\ncommands:\n", out);
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\nreferat COMMAND --help shows a command's options.\n"
          "exit status: 0 no errors, 1 errors found (or warnings with --werror), 2 usage or I/O error\n",
          out);
}

static const Command *command_find(const char *name) {
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int run_help(const Command *command, const Arguments *arguments) {
    const char *name = operand(arguments, 0);
    if (!name) {
        overview(stdout);
        return REFERAT_EXIT_OK;
    }
    const Command *topic = command_find(name);
    if (!topic)
        return options_usage_error(command, "no command '%s'", name);
    options_help(topic, stdout);
    return REFERAT_EXIT_OK;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        overview(stderr);
        return REFERAT_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("referat %s\n", REFERAT_VERSION);
        return REFERAT_EXIT_OK;
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        overview(stdout);
        return REFERAT_EXIT_OK;
    }
    const Command *command = command_find(name);
    if (!command) {
        const char *names[COMMAND_COUNT];
        for (size_t i = 0; i < COMMAND_COUNT; i++)
            names[i] = commands[i].name;
        const char *nearest = suggest_nearest(slice_from_cstring(name), names, COMMAND_COUNT, 2);
        if (nearest && name[0] != '-')
            fprintf(stderr, "referat: unknown command '%s' (did you mean '%s'?)\nTry 'referat --help'.\n", name, nearest);
        else
            options_usage_error(NULL, name[0] == '-' ? "unknown option '%s'" : "unknown command '%s'", name);
        return REFERAT_EXIT_USAGE;
    }
    Arguments arguments;
    int parsed = options_parse(command, argc - 2, argv + 2, &arguments);
    if (parsed < 0)
        return REFERAT_EXIT_OK;
    if (parsed > 0)
        return parsed;
    return command->run(command, &arguments);
}
