/* main: the command line's entry — the list of commands with what `help`
 * says of them, and the dispatch: options.c parses a command's arguments,
 * commands.c runs it. The process's exit status is what the command
 * returns: 0 success, 1 errors (or warnings with --werror), 2 usage or I/O
 * error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "options.h"
#include "referat.h"
#include "suggest.h"

#ifndef REFERAT_VERSION
#define REFERAT_VERSION "0.0.0"
#endif

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
    {"export", "export FORMAT [DIR] [-o OUT] [--force]", "write the archive exports: a Noark 5 deposit or eInnsyn JSON",
     "Checks, then writes FORMAT: noark5 is a deposit folder (arkivstruktur.xml, arkivuttrekk.xml and each\n"
     "meeting's PDF/A under dokumenter/ with its SHA-256; exempt and closed cases in full, marked with their\n"
     "skjerming); einnsyn is a JSON file of the meetings as eInnsyn's Moetemappe, Moetesak, Vedtak and\n"
     "Votering, from the public edition only. Nothing is written if the check finds errors.",
     export_options, 1, 2, run_export},
    {"lsp", "lsp", "serve the language server protocol on stdin/stdout (for editors)",
     "Serves the Language Server Protocol (3.17) on stdin and stdout for an editor: diagnostics of every\n"
     "file of the project while you type (open documents' unsaved text included), hover, definition and\n"
     "references on cases, formatting (fmt), check --fix as a code action, completion of roster names and\n"
     "field keys. Logs to stderr.",
     NULL, 0, 0, run_lsp},
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
    const char *name = arguments->operand_count ? arguments->operands[0] : NULL;
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
