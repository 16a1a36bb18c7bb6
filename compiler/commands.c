/* commands: what each command of the command line does — its options
 * (the tables options.c parses against) and a short function that hands
 * them to the library (referat.h and the stage modules) and returns the
 * exit status. main.c lists the commands and dispatches to these. */
#include "commands.h"

#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "emit_json.h"
#include "export.h"
#include "fix.h"
#include "format.h"
#include "import.h"
#include "init.h"
#include "lsp.h"
#include "present.h"
#include "project_index.h"
#include "referat.h"
#include "scaffold.h"
#include "trace.h"
#include "values.h"
#include "watch.h"

/* Help texts several options share. */
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
const OptionSpec check_options[] = {
    {"format", 0, "F", format_help},
    {"werror", 0, NULL, "warnings fail the check too (exit status 1)"},
    {"fix", 0, NULL,
     "apply the fixes that are certain (renumbering a meeting's cases and the file's references to them, a unique "
     "near-miss key or roster name), each shown as a diff; then check again"},
    {"jobs", 'j', "N", jobs_help},
    {"quiet", 'q', NULL, "no summary line"},
    {0},
};

int run_check(const Command *command, const Arguments *arguments) {
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
       BUILD_OPTION_FORMAT, BUILD_OPTION_JOBS, BUILD_OPTION_QUIET, BUILD_OPTION_PRETTY };
const OptionSpec build_options[] = {
    {"output", 'o', "OUT", "the site's folder (default: site)"},
    {"internal", 0, NULL, "include exempt cases (marked) — never publish that build"},
    {"no-pdf", 0, NULL, "leave out the PDFs"},
    {"only", 0, "FORMS",
     "write only these forms of each meeting, comma-separated: html (the pages and the index site), pdf, json"},
    {"force", 0, NULL, "replace OUT even if referat did not build it, and build everything again"},
    {"format", 0, "F", format_help},
    {"jobs", 'j', "N", jobs_help},
    {"quiet", 'q', NULL, "no progress and no summary line (diagnostics still show)"},
    {"pretty", 0, NULL, "indent the meetings' JSON, one member per line (default: compact)"},
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

int run_build(const Command *command, const Arguments *arguments) {
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
                            NULL, has(arguments, BUILD_OPTION_PRETTY)};
    if (!quiet && format == DIAG_FORMAT_HUMAN && isatty(STDERR_FILENO))
        options.progress = build_progress;
    Compilation c;
    size_t unchanged = 0;
    trace_phase("start");
    bool nothing_changed = build_unchanged(directory ? directory : ".", out, options, &unchanged);
    trace_phase("inputs-compared");
    if (nothing_changed) {
        /* Nothing to read, check or write; the diagnostics (none) are
         * printed as a full build prints them. */
        memset(&c, 0, sizeof c);
        arena_init(&c.arena);
        diag_init(&c.diagnostics, &c.arena);
        compilation_report(&c, stdout, format, options_want_colour(), directory);
        if (format == DIAG_FORMAT_HUMAN && !quiet)
            fprintf(stderr, "referat: nothing changed since the last build: %zu meeting%s in %s/ (open %s/index.html)%s\n",
                    unchanged, unchanged == 1 ? "" : "s", out, out, options.internal ? " — INTERNAL: do not publish" : "");
        compilation_free(&c);
        return REFERAT_EXIT_OK;
    }
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
    trace_phase("report-and-free");
    return status;
}

/* ---- dump ----------------------------------------------------------------- */

enum { DUMP_PUBLIC };
const OptionSpec dump_options[] = {
    {"public", 0, NULL, "leave out exempt cases' content, as publication does"},
    {0},
};

int run_dump(const Command *command, const Arguments *arguments) {
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

/* ---- export ----------------------------------------------------------------- */

enum { EXPORT_OUTPUT, EXPORT_FORCE };
const OptionSpec export_options[] = {
    {"output", 'o', "OUT", "where to write: a folder for noark5 (default: noark5), a file for einnsyn (default: "
                           "einnsyn.json)"},
    {"force", 0, NULL, "replace OUT even if referat did not write it"},
    {0},
};

int run_export(const Command *command, const Arguments *arguments) {
    const char *format = arguments->operands[0];
    bool noark5 = strcmp(format, "noark5") == 0;
    if (!noark5 && strcmp(format, "einnsyn") != 0)
        return options_usage_error(command, "FORMAT is noark5 or einnsyn, not '%s'", format);
    const char *directory = operand(arguments, 1);
    const char *out = has(arguments, EXPORT_OUTPUT) ? arguments->values[EXPORT_OUTPUT] : noark5 ? "noark5" : "einnsyn.json";
    Compilation c;
    compilation_run(&c, directory, compilation_default_jobs());
    /* Nothing check has errors on leaves referat. */
    bool written = compilation_clean(&c) &&
                   (noark5 ? export_noark5(&c.arena, &c.diagnostics, &c.project, out, has(arguments, EXPORT_FORCE))
                           : export_einnsyn(&c.arena, &c.diagnostics, &c.project, out, has(arguments, EXPORT_FORCE)));
    compilation_report(&c, stdout, DIAG_FORMAT_HUMAN, options_want_colour(), directory);
    if (written)
        fprintf(stderr, "referat: %zu meeting%s exported to %s%s\n", c.project.index->meeting_count,
                c.project.index->meeting_count == 1 ? "" : "s", out, noark5 ? "/" : "");
    else
        fprintf(stderr, "referat: nothing was written to %s\n", out);
    int status = written ? REFERAT_EXIT_OK : compilation_exit_status(&c, false);
    if (!written && status == REFERAT_EXIT_OK)
        status = REFERAT_EXIT_USAGE;
    compilation_free(&c);
    return status;
}

/* ---- lsp -------------------------------------------------------------------- */

int run_lsp(const Command *command, const Arguments *arguments) {
    (void)command;
    (void)arguments;
    return lsp_serve(stdin, stdout);
}

/* ---- init, new, minutes, fmt, import --------------------------------------- */

enum { INIT_FORCE };
const OptionSpec init_options[] = {
    {"force", 0, NULL, "replace files referat init writes if they exist"},
    {0},
};

int run_init(const Command *command, const Arguments *arguments) {
    (void)command;
    return init_project(operand(arguments, 0) ? operand(arguments, 0) : ".", has(arguments, INIT_FORCE));
}

int run_new(const Command *command, const Arguments *arguments) {
    Date date;
    if (date_parse_iso(slice_from_cstring(arguments->operands[1]), &date) != VALUE_OK)
        return options_usage_error(command, "DATE must be YYYY-MM-DD, not '%s'", arguments->operands[1]);
    const char *directory = operand(arguments, 2) ? operand(arguments, 2) : ".";
    return scaffold_new(directory, arguments->operands[0], date);
}

enum { MINUTES_OUTPUT, MINUTES_FORCE };
const OptionSpec minutes_options[] = {
    {"output", 'o', "FILE", "write the draft to FILE instead of changing NOTICE"},
    {"force", 0, NULL, "replace FILE if it exists"},
    {0},
};

int run_minutes(const Command *command, const Arguments *arguments) {
    (void)command;
    return scaffold_minutes_file(arguments->operands[0], arguments->values[MINUTES_OUTPUT],
                                 has(arguments, MINUTES_FORCE));
}

enum { FMT_CHECK };
const OptionSpec fmt_options[] = {
    {"check", 0, NULL, "change nothing; show the difference and exit 1 if a file is not in the canonical layout"},
    {0},
};

int run_fmt(const Command *command, const Arguments *arguments) {
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
const OptionSpec import_options[] = {
    {"body", 0, "ID", "the body the document belongs to (default: guessed from its text)"},
    {"output", 'o', "OUT.md", "write the meeting file there (default: stdout)"},
    {"report", 0, "FILE", "write the report there (default: stderr)"},
    {"check", 0, NULL, "run the result through the checks"},
    {"force", 0, NULL, "replace OUT.md or FILE if they exist (never referat.yaml)"},
    {0},
};

int run_import(const Command *command, const Arguments *arguments) {
    (void)command;
    ImportCommand import = {arguments->operands[0],        operand(arguments, 1),
                            arguments->values[IMPORT_OUTPUT], arguments->values[IMPORT_REPORT],
                            arguments->values[IMPORT_BODY],   has(arguments, IMPORT_CHECK),
                            has(arguments, IMPORT_FORCE)};
    return import_command(&import);
}

/* ---- watch ---------------------------------------------------------------- */

enum { WATCH_OUTPUT, WATCH_NO_PDF, WATCH_JOBS };
const OptionSpec watch_options[] = {
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

int run_watch(const Command *command, const Arguments *arguments) {
    unsigned jobs = options_jobs(command, arguments->values[WATCH_JOBS]);
    if (!jobs)
        return REFERAT_EXIT_USAGE;
    BuildOptions options = {false, false, has(arguments, WATCH_NO_PDF) ? BUILD_HTML | BUILD_JSON : BUILD_ALL, jobs, NULL, false};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = watch_signal;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    const char *directory = operand(arguments, 0) ? operand(arguments, 0) : ".";
    const char *out = has(arguments, WATCH_OUTPUT) ? arguments->values[WATCH_OUTPUT] : "site";
    return watch_run(directory, out, options, &watch_stop);
}

