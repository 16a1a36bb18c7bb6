/* main: the command line. Parses arguments, runs the pipeline
 * (project_load → check_project), renders the diagnostics and picks the
 * exit status: 0 success, 1 errors (or warnings with --werror), 2 usage or
 * I/O error. The only place that decides the process's fate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "diag.h"
#include "emit_json.h"
#include "emit_site.h"
#include "import.h"
#include "scaffold.h"
#include "format.h"
#include "fix.h"
#include "watch.h"
#include <signal.h>
#include "suggest.h"
#include <sys/stat.h>
#include <errno.h>
#include "config.h"
#include "parse.h"
#include "values.h"
#include "project.h"
#include "output.h"
#include "limits.h"

#ifndef REFERAT_VERSION
#define REFERAT_VERSION "0.0.0"
#endif

enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: referat check [DIR] [--format human|gcc|json|github] [--werror] [--fix] [-j N]\n"
    "       referat build [DIR] [-o OUT] [--internal] [--no-pdf] [--force] [--format F] [-j N]\n"
    "       referat dump [DIR] [--public]\n"
    "       referat new BODY DATE [DIR]\n"
    "       referat minutes NOTICE [-o FILE]\n"
    "       referat fmt [--check] FILE...\n"
    "       referat watch [DIR] [-o OUT] [--no-pdf] [-j N]\n"
    "       referat import FILE [--body ID] [-o OUT.md] [--report FILE] [--check] [DIR]\n"
    "       referat --version | --help\n"
    "\n"
    "  check    read every meeting of the project in DIR (default .) and report\n"
    "           structure, metadata, numbering and reference errors\n"
    "\n"
    "  --format  diagnostics as human (default; source line and caret),\n"
    "            gcc (one line each), json (an array) or github (workflow commands)\n"
    "  --werror  warnings fail the check too (exit status 1)\n"
    "  -j N      read and build with N threads (default: one per core); the\n"
    "            output does not depend on N\n"
    "  --fix     apply the fixes that are certain (renumbering a meeting's cases\n"
    "            and the file's references to them, a unique near-miss field key\n"
    "            or front-matter key, a unique roster name), each shown as a diff;\n"
    "            then check again\n"
    "\n"
    "  build    check, then write the site to OUT (default: site): a page, a PDF\n"
    "           and a JSON file per meeting, body pages, case register, search, feeds,\n"
    "           sitemap; nothing is written if the check finds errors, and OUT is\n"
    "           replaced only when the whole build succeeded\n"
    "  --internal  include exempt cases (marked) — never publish that build\n"
    "  --no-pdf    leave out the PDFs\n"
    "  --force     replace OUT even if referat did not build it\n"
    "\n"
    "  new      write the next notice of BODY for DATE (YYYY-MM-DD) as\n"
    "           meetings/BODY/DATE.md: the roster to sort, numbers continuing the\n"
    "           year, the standing cases of templates/new-BODY.md (or new.md) and\n"
    "           every case the body postponed; never overwrites a file\n"
    "  minutes  turn a notice into a minutes draft, in place or into FILE: each\n"
    "           proposal starts a decision; nothing else changes\n"
    "\n"
    "  fmt      rewrite meeting files in the canonical layout (front-matter key\n"
    "           order, keywords' canonical spelling, case numbers in the body's\n"
    "           form, one blank line between blocks, LF, a final newline); the\n"
    "           meaning never changes; --check changes nothing, shows the\n"
    "           difference and exits 1 if a file is not in that layout\n"
    "\n"
    "  watch    check and build on every save (inotify); prints only new\n"
    "           diagnostics; OUT stays the last good site; Ctrl-C stops\n"
    "\n"
    "  import   turn the text of an existing notice or minutes document (from\n"
    "           pdftotext -layout or pandoc -t plain) into a meeting file: on\n"
    "           stdout or in OUT.md; a report of what was read as structure and what\n"
    "           was placed without certainty goes to stderr or --report FILE;\n"
    "           --check runs the result through the checks; DIR's referat.yaml\n"
    "           gives the bodies and rosters to match against\n"
    "\n"
    "  dump     check, then print the typed model (meetings, cases, parts,\n"
    "           attendance, resolved references, quorum at every case) as JSON;\n"
    "           --public leaves out exempt cases' content, as publication does\n"
    "\n"
    "exit status: 0 no errors, 1 errors found, 2 usage or I/O error\n";

static int usage_error(const char *message, const char *argument) {
    fprintf(stderr, "referat: %s%s%s\n\n%s", message, argument ? " " : "", argument ? argument : "", usage_text);
    return EXIT_USAGE;
}

static bool want_colour(void) {
    const char *force = getenv("CLICOLOR_FORCE");
    if (force && strcmp(force, "0") != 0)
        return true;
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && no_colour[0])
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(STDOUT_FILENO);
}

/* One compilation: the project read and checked, its memory in one arena. */
typedef struct {
    Arena arena;
    Diagnostics diagnostics;
    Project project;
    bool loaded;
} Compilation;

/* -j's default: every core. */
static unsigned default_jobs(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > LIMIT_JOBS ? LIMIT_JOBS : (unsigned)cores;
}

/* Reads `-j N`, `-jN`, `--jobs N` or `--jobs=N` at argv[*i]: 1 if it was
 * one (advancing *i past its value), 0 if not, -1 after a usage error. */
static int jobs_argument(int argc, char **argv, int *i, unsigned *jobs) {
    const char *argument = argv[*i], *value;
    if (strcmp(argument, "-j") == 0 || strcmp(argument, "--jobs") == 0)
        value = *i + 1 < argc ? argv[++*i] : NULL;
    else if (strncmp(argument, "--jobs=", 7) == 0)
        value = argument + 7;
    else if (strncmp(argument, "-j", 2) == 0)
        value = argument + 2;
    else
        return 0;
    char *end = NULL;
    long number = value ? strtol(value, &end, 10) : 0;
    if (!value || !*value || *end || number < 1 || number > LIMIT_JOBS) {
        usage_error("-j needs a number of threads from 1 to 64:", value ? value : "(none)");
        return -1;
    }
    *jobs = (unsigned)number;
    return 1;
}

static void compilation_run(Compilation *c, const char *directory, unsigned jobs) {
    arena_init(&c->arena);
    diag_init(&c->diagnostics, &c->arena);
    c->loaded = project_load(&c->arena, &c->diagnostics, directory ? directory : ".", &c->project, jobs);
    if (c->loaded)
        check_project(&c->diagnostics, &c->project);
}

static bool compilation_clean(const Compilation *c) {
    return c->loaded && !c->diagnostics.io_error && c->diagnostics.error_count == 0;
}

static void compilation_free(Compilation *c) {
    diag_dispose(&c->diagnostics);
    arena_free(&c->arena);
}

static int command_dump(int argc, char **argv) {
    const char *directory = NULL;
    EmitJsonOptions options = {true, LANGUAGE_NB};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--public") == 0)
            options.internal = false;
        else if (argv[i][0] == '-' && argv[i][1] != '\0')
            return usage_error("unknown option", argv[i]);
        else if (!directory)
            directory = argv[i];
        else
            return usage_error("more than one folder given:", argv[i]);
    }
    Compilation c;
    compilation_run(&c, directory, default_jobs());
    int status = compilation_clean(&c) ? EXIT_OK : (!c.loaded || c.diagnostics.io_error) ? EXIT_USAGE : EXIT_ERRORS;
    if (status == EXIT_OK) {
        options.language = c.project.language;
        emit_json_project(stdout, &c.project, options);
    } else {
        /* The model of a project with errors is partial: say why instead. */
        diag_sort(&c.diagnostics);
        DiagRenderOptions render = {DIAG_FORMAT_GCC, false};
        diag_render(&c.diagnostics, stderr, render);
    }
    compilation_free(&c);
    return status;
}

static int command_build(int argc, char **argv) {
    const char *directory = NULL, *out = "site";
    DiagFormat format = DIAG_FORMAT_HUMAN;
    SiteOptions options = {false, false, true, default_jobs()};
    for (int i = 0; i < argc; i++) {
        const char *argument = argv[i];
        int jobs = jobs_argument(argc, argv, &i, &options.jobs);
        if (jobs < 0)
            return EXIT_USAGE;
        if (jobs > 0)
            continue;
        if (strcmp(argument, "--internal") == 0) {
            options.internal = true;
        } else if (strcmp(argument, "--force") == 0) {
            options.force = true;
        } else if (strcmp(argument, "--no-pdf") == 0) {
            options.pdf = false;
        } else if (strcmp(argument, "-o") == 0 || strcmp(argument, "--output") == 0) {
            if (i + 1 >= argc)
                return usage_error("-o needs a folder", NULL);
            out = argv[++i];
        } else if (strcmp(argument, "--format") == 0) {
            if (i + 1 >= argc || !diag_format_parse(argv[i + 1], &format))
                return usage_error("--format needs human, gcc, json or github", NULL);
            i++;
        } else if (argument[0] == '-' && argument[1] != '\0') {
            return usage_error("unknown option", argument);
        } else if (!directory) {
            directory = argument;
        } else {
            return usage_error("more than one folder given:", argument);
        }
    }
    Compilation c;
    compilation_run(&c, directory, options.jobs);
    bool built = compilation_clean(&c) && site_build(&c.arena, &c.diagnostics, &c.project, out, options);
    diag_sort(&c.diagnostics);
    DiagRenderOptions render = {format, format == DIAG_FORMAT_HUMAN && want_colour()};
    diag_render(&c.diagnostics, stdout, render);
    if (format == DIAG_FORMAT_HUMAN && built)
        fprintf(stderr, "referat: %zu meeting%s built into %s/ (open %s/index.html)%s\n", c.project.meeting_count,
                c.project.meeting_count == 1 ? "" : "s", out, out, options.internal ? " — INTERNAL: do not publish" : "");
    else if (format == DIAG_FORMAT_HUMAN)
        fprintf(stderr, "referat: nothing was written to %s/\n", out);
    int status = built ? EXIT_OK : (!c.loaded || c.diagnostics.io_error) ? EXIT_USAGE : EXIT_ERRORS;
    compilation_free(&c);
    return status;
}

static bool write_file_atomically(const char *path, const char *data, size_t length) {
    size_t temporary_length = strlen(path) + 32;
    char *temporary = malloc(temporary_length);
    if (!temporary)
        abort();
    snprintf(temporary, temporary_length, "%s.referat-tmp-%ld", path, (long)getpid());
    FILE *file = fopen(temporary, "wb");
    bool ok = file && fwrite(data, 1, length, file) == length;
    if (file && fclose(file) != 0)
        ok = false;
    ok = ok && rename(temporary, path) == 0;
    if (!ok)
        remove(temporary);
    free(temporary);
    return ok;
}

static int command_import(int argc, char **argv) {
    const char *input = NULL, *directory = NULL, *out = NULL, *report = NULL, *body = NULL;
    bool check = false;
    for (int i = 0; i < argc; i++) {
        const char *argument = argv[i];
        if ((strcmp(argument, "-o") == 0 || strcmp(argument, "--report") == 0 || strcmp(argument, "--body") == 0)) {
            if (i + 1 >= argc)
                return usage_error("missing value after", argument);
            const char **slot = argument[1] == 'o' ? &out : argument[2] == 'r' ? &report : &body;
            *slot = argv[++i];
        } else if (strcmp(argument, "--check") == 0) {
            check = true;
        } else if (argument[0] == '-' && argument[1] != '\0') {
            return usage_error("unknown option", argument);
        } else if (!input) {
            input = argument;
        } else if (!directory) {
            directory = argument;
        } else {
            return usage_error("too many arguments:", argument);
        }
    }
    if (!input)
        return usage_error("import needs a FILE", NULL);
    Compilation c;
    memset(&c, 0, sizeof c);
    arena_init(&c.arena);
    diag_init(&c.diagnostics, &c.arena);
    if (directory) {
        compilation_run(&c, directory, default_jobs());
        if (!c.loaded) {
            diag_sort(&c.diagnostics);
            DiagRenderOptions render = {DIAG_FORMAT_HUMAN, false};
            diag_render(&c.diagnostics, stderr, render);
            compilation_free(&c);
            return EXIT_USAGE;
        }
        /* Problems of the project itself are not the import's. */
        diag_dispose(&c.diagnostics);
        diag_init(&c.diagnostics, &c.arena);
    }
    const char *slash = strrchr(input, '/');
    char *folder = slash ? arena_strndup(&c.arena, input, (size_t)(slash - input)) : arena_strdup(&c.arena, ".");
    if (slash && !*folder)
        folder = arena_strdup(&c.arena, "/");
    SourceFile *file = source_load(&c.arena, &c.diagnostics, folder, slash ? slash + 1 : input);
    int status = EXIT_OK;
    if (!file) {
        diag_sort(&c.diagnostics);
        DiagRenderOptions render = {DIAG_FORMAT_HUMAN, false};
        diag_render(&c.diagnostics, stderr, render);
        compilation_free(&c);
        return c.diagnostics.io_error ? EXIT_USAGE : EXIT_ERRORS;
    }
    ImportOptions options = {body, directory ? &c.project : NULL};
    ImportResult result;
    import_text(&c.arena, file, &options, &result);
    if (result.error) {
        fprintf(stderr, "referat: %s: nothing imported: %s\n", input, result.error);
        import_result_free(&result);
        compilation_free(&c);
        return EXIT_ERRORS;
    }
    if (out) {
        if (!write_file_atomically(out, result.meeting.data, result.meeting.length)) {
            fprintf(stderr, "referat: cannot write %s\n", out);
            status = EXIT_USAGE;
        }
    } else {
        fwrite(result.meeting.data, 1, result.meeting.length, stdout);
    }
    if (report) {
        if (!write_file_atomically(report, result.report.data, result.report.length))
            status = EXIT_USAGE;
    } else {
        fwrite(result.report.data, 1, result.report.length, stderr);
    }
    fprintf(stderr, "referat: imported %s; %zu placement%s to review (marked '?' in the report)\n", input,
            result.uncertain, result.uncertain == 1 ? "" : "s");
    if (check) {
        /* The imported meeting through the normal front end, beside the
         * project's meetings when DIR is given. */
        Project *project = &c.project;
        if (!directory) {
            Slice id = slice_from_cstring("imported");
            const char *marker = strstr(result.meeting.data, "\nbody: ");
            if (marker) {
                const char *end = strchr(marker + 7, '\n');
                id = slice_make(marker + 7, (size_t)(end - marker - 7));
            }
            char *config = arena_printf(&c.arena, "bodies:\n  %.*s:\n    seats: 99\n", (int)id.length, id.data);
            project->root = ".";
            config_read(&c.arena, &c.diagnostics, project,
                        source_from_memory(&c.arena, &c.diagnostics, "(imported body)", config, strlen(config)));
        }
        SourceFile *imported = source_from_memory(&c.arena, &c.diagnostics, out ? out : "(imported)",
                                                  result.meeting.data, result.meeting.length);
        if (imported) {
            Meeting **meetings = arena_alloc_array(&c.arena, project->meeting_count + 1, sizeof *meetings);
            if (project->meeting_count)
                memcpy(meetings, project->meetings, project->meeting_count * sizeof *meetings);
            meetings[project->meeting_count] = parse_meeting(&c.arena, &c.diagnostics, project, imported);
            project->meetings = meetings;
            project->meeting_count++;
            /* Numbering forms are what the document uses, whatever the body says. */
            check_project(&c.diagnostics, project);
        }
        diag_sort(&c.diagnostics);
        DiagRenderOptions render = {DIAG_FORMAT_HUMAN, false};
        diag_render(&c.diagnostics, stderr, render);
        fprintf(stderr, "referat: the imported document has %zu error%s and %zu warning%s\n", c.diagnostics.error_count,
                c.diagnostics.error_count == 1 ? "" : "s", c.diagnostics.warning_count,
                c.diagnostics.warning_count == 1 ? "" : "s");
        if (c.diagnostics.error_count && status == EXIT_OK)
            status = EXIT_ERRORS;
    }
    import_result_free(&result);
    compilation_free(&c);
    return status;
}

static int command_new(int argc, char **argv) {
    if (argc < 2 || argc > 3)
        return usage_error("new needs BODY and DATE (and optionally DIR)", NULL);
    const char *directory = argc == 3 ? argv[2] : ".";
    Date date;
    if (date_parse_iso(slice_from_cstring(argv[1]), &date) != VALUE_OK)
        return usage_error("DATE must be YYYY-MM-DD, not", argv[1]);
    Compilation c;
    compilation_run(&c, directory, default_jobs());
    if (!c.loaded) {
        diag_sort(&c.diagnostics);
        DiagRenderOptions render = {DIAG_FORMAT_HUMAN, false};
        diag_render(&c.diagnostics, stderr, render);
        compilation_free(&c);
        return EXIT_USAGE;
    }
    const Body *body = project_find_body(&c.project, slice_from_cstring(argv[0]));
    if (!body) {
        const char *candidates[256];
        size_t count = 0;
        for (size_t i = 0; i < c.project.body_count && count < 256; i++)
            candidates[count++] = c.project.bodies[i].id.data;
        const char *suggestion = suggest_nearest(slice_from_cstring(argv[0]), candidates, count, 2);
        fprintf(stderr, "referat: no body '%s' in referat.yaml%s%s%s\n", argv[0], suggestion ? " (did you mean '" : "",
                suggestion ? suggestion : "", suggestion ? "'?)" : "");
        compilation_free(&c);
        return EXIT_USAGE;
    }
    char *path = arena_printf(&c.arena, "%s/meetings/%s/%s.md", directory, body->id.data, argv[1]);
    if (access(path, F_OK) == 0) {
        fprintf(stderr, "referat: %s exists; referat new never overwrites a file\n", path);
        compilation_free(&c);
        return EXIT_ERRORS;
    }
    Slice standing = slice_make("", 0);
    const char *names[] = {arena_printf(&c.arena, "templates/new-%s.md", body->id.data), "templates/new.md"};
    for (size_t i = 0; i < 2 && !standing.length; i++) {
        char *full = arena_printf(&c.arena, "%s/%s", directory, names[i]);
        if (access(full, F_OK) == 0) {
            SourceFile *file = source_load(&c.arena, &c.diagnostics, directory, names[i]);
            if (file)
                standing = slice_make(file->text, file->length);
        }
    }
    StringBuffer text = {0};
    scaffold_notice(&c.arena, &c.project, body, date, standing, &text);
    int status = EXIT_OK;
    if (!output_make_folders(path) || !write_file_atomically(path, text.data, text.length)) {
        fprintf(stderr, "referat: cannot write %s\n", path);
        status = EXIT_USAGE;
    } else {
        fprintf(stderr, "referat: wrote %s — sort the roster into present/absent, then write the cases\n", path);
    }
    buffer_free(&text);
    compilation_free(&c);
    return status;
}

/* The project folder of a file (given as a real path): the nearest folder
 * upwards that holds referat.yaml. */
static char *project_of(Arena *arena, const char *real) {
    char *folder = arena_strdup(arena, real);
    char *slash;
    while ((slash = strrchr(folder, '/')) != NULL && slash != folder) {
        *slash = '\0';
        if (access(arena_printf(arena, "%s/referat.yaml", folder), F_OK) == 0)
            return folder;
    }
    return NULL;
}

/* The meeting in file `path`: the project around it (the nearest folder
 * upwards with referat.yaml) is loaded and checked into *c. Returns false
 * (reported) when the file is in no project; *meeting is NULL when the
 * project holds no readable meeting there. Free *c with compilation_free. */
static bool meeting_of_file(const char *path, Compilation *c, const Meeting **meeting) {
    *meeting = NULL;
    char *real = realpath(path, NULL);
    Arena scratch;
    arena_init(&scratch);
    char *folder = real ? project_of(&scratch, real) : NULL;
    if (!folder) {
        fprintf(stderr, "referat: %s is not a file in a project (no referat.yaml above it)\n", path);
        free(real);
        arena_free(&scratch);
        return false;
    }
    compilation_run(c, folder, default_jobs());
    const char *relative = real + strlen(folder) + 1;
    for (size_t i = 0; c->loaded && i < c->project.meeting_count; i++)
        if (strcmp(c->project.meetings[i]->file->path, relative) == 0 && c->project.meetings[i]->front_matter_read)
            *meeting = c->project.meetings[i];
    free(real);
    arena_free(&scratch);
    return true;
}

static int command_minutes(int argc, char **argv) {
    const char *notice = NULL, *out = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (argv[i][0] == '-')
            return usage_error("unknown option", argv[i]);
        else if (!notice)
            notice = argv[i];
        else
            return usage_error("too many arguments:", argv[i]);
    }
    if (!notice)
        return usage_error("minutes needs a NOTICE file", NULL);
    Compilation c;
    const Meeting *meeting;
    if (!meeting_of_file(notice, &c, &meeting))
        return EXIT_USAGE;
    int status = EXIT_OK;
    if (!meeting) {
        fprintf(stderr, "referat: %s could not be read as a meeting; run referat check\n", notice);
        status = EXIT_ERRORS;
    } else if (meeting->kind != MEETING_NOTICE) {
        fprintf(stderr, "referat: %s is already minutes (kind: minutes)\n", notice);
        status = EXIT_ERRORS;
    } else {
        StringBuffer text = {0};
        scaffold_minutes(meeting, c.project.language, &text);
        const char *target = out ? out : notice;
        if (!write_file_atomically(target, text.data, text.length)) {
            fprintf(stderr, "referat: cannot write %s\n", target);
            status = EXIT_USAGE;
        } else {
            fprintf(stderr, "referat: %s is now a minutes draft: fill in attendance and edit the decisions\n", target);
        }
        buffer_free(&text);
    }
    compilation_free(&c);
    return status;
}

static int command_fmt(int argc, char **argv) {
    bool check = false;
    int files = 0, status = EXIT_OK;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--check") == 0) {
            check = true;
            continue;
        }
        if (argv[i][0] == '-')
            return usage_error("unknown option", argv[i]);
        files++;
    }
    if (!files)
        return usage_error("fmt needs FILE...", NULL);
    for (int i = 0; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        const char *path = argv[i];
        Compilation c;
        const Meeting *meeting;
        if (!meeting_of_file(path, &c, &meeting)) {
            status = EXIT_USAGE;
            continue;
        }
        if (!meeting) {
            fprintf(stderr, "referat: %s: its front matter has errors; run referat check first\n", path);
            if (status == EXIT_OK)
                status = EXIT_ERRORS;
        } else {
            StringBuffer text = {0};
            format_meeting(meeting, c.project.language, &text);
            /* Compare with the file as it is on disk, BOM and all. */
            FILE *stream = fopen(path, "rb");
            StringBuffer original = {0};
            char chunk[65536];
            size_t n;
            while (stream && (n = fread(chunk, 1, sizeof chunk, stream)) > 0)
                buffer_append(&original, chunk, n);
            if (stream)
                fclose(stream);
            bool same = original.length == text.length && memcmp(original.data, text.data, text.length) == 0;
            if (!same && check) {
                StringBuffer diff = {0};
                format_diff(path, slice_make(original.data ? original.data : "", original.length),
                            slice_make(text.data ? text.data : "", text.length), &diff);
                fwrite(diff.data, 1, diff.length, stdout);
                buffer_free(&diff);
                if (status == EXIT_OK)
                    status = EXIT_ERRORS;
            } else if (!same && !write_file_atomically(path, text.data, text.length)) {
                fprintf(stderr, "referat: cannot write %s\n", path);
                status = EXIT_USAGE;
            }
            buffer_free(&original);
            buffer_free(&text);
        }
        compilation_free(&c);
    }
    return status;
}

static volatile sig_atomic_t watch_stop = 0;

static void watch_signal(int signal_number) {
    (void)signal_number;
    watch_stop = 1;
}

static int command_watch(int argc, char **argv) {
    const char *directory = ".", *out = "site";
    SiteOptions options = {false, false, true, default_jobs()};
    bool directory_given = false;
    for (int i = 0; i < argc; i++) {
        int jobs = jobs_argument(argc, argv, &i, &options.jobs);
        if (jobs < 0)
            return EXIT_USAGE;
        if (jobs > 0)
            continue;
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (strcmp(argv[i], "--no-pdf") == 0)
            options.pdf = false;
        else if (argv[i][0] == '-')
            return usage_error("unknown option", argv[i]);
        else if (!directory_given) {
            directory = argv[i];
            directory_given = true;
        } else
            return usage_error("too many arguments:", argv[i]);
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = watch_signal;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    return watch_run(directory, out, options, &watch_stop);
}

static int command_check(int argc, char **argv) {
    const char *directory = NULL;
    DiagFormat format = DIAG_FORMAT_HUMAN;
    bool werror = false, fix = false;
    unsigned jobs = default_jobs();
    for (int i = 0; i < argc; i++) {
        const char *argument = argv[i];
        int is_jobs = jobs_argument(argc, argv, &i, &jobs);
        if (is_jobs < 0)
            return EXIT_USAGE;
        if (is_jobs > 0)
            continue;
        if (strcmp(argument, "--werror") == 0) {
            werror = true;
        } else if (strcmp(argument, "--fix") == 0) {
            fix = true;
        } else if (strcmp(argument, "--format") == 0 || strncmp(argument, "--format=", 9) == 0) {
            const char *value = argument[8] == '=' ? argument + 9 : (i + 1 < argc ? argv[++i] : NULL);
            if (!value)
                return usage_error("--format needs a value", NULL);
            if (!diag_format_parse(value, &format))
                return usage_error("unknown format", value);
        } else if (argument[0] == '-' && argument[1] != '\0') {
            return usage_error("unknown option", argument);
        } else if (!directory) {
            directory = argument;
        } else {
            return usage_error("more than one folder given:", argument);
        }
    }
    Compilation c;
    compilation_run(&c, directory, jobs);
    if (fix && c.loaded) {
        /* One file at a time, in date order, checking again after each: a
         * meeting's numbers follow from the fixed meetings before it. */
        size_t fixed = 0;
        for (size_t round = 0; round <= c.project.meeting_count; round++) {
            size_t count;
            Meeting **sorted = check_sorted_meetings(&c.project, &count);
            bool changed = false;
            for (size_t i = 0; i < c.project.meeting_count && !changed; i++) {
                /* Meetings with a known date first, in date order; then the rest. */
                const Meeting *meeting = i < count ? sorted[i] : NULL;
                if (!meeting) {
                    for (size_t k = 0, seen = count; k < c.project.meeting_count; k++)
                        if (!c.project.meetings[k]->metadata_valid && seen++ == i)
                            meeting = c.project.meetings[k];
                }
                if (!meeting)
                    continue;
                StringBuffer text = {0};
                if (fix_meeting(&c.project, meeting, &c.diagnostics, &text)) {
                    StringBuffer diff = {0};
                    format_diff(meeting->file->path, slice_make(meeting->file->text, meeting->file->length),
                                slice_make(text.data, text.length), &diff);
                    fwrite(diff.data, 1, diff.length, stdout);
                    buffer_free(&diff);
                    char *path = arena_printf(&c.arena, "%s/%s", c.project.root, meeting->file->path);
                    if (write_file_atomically(path, text.data, text.length)) {
                        fixed++;
                        changed = true;
                    } else {
                        fprintf(stderr, "referat: cannot write %s\n", path);
                    }
                }
                buffer_free(&text);
            }
            free(sorted);
            if (!changed)
                break;
            compilation_free(&c);
            compilation_run(&c, directory, jobs);
        }
        if (fixed)
            fprintf(stderr, "referat: %zu fix%s applied; the project as it is now:\n", fixed, fixed == 1 ? "" : "es");
    }
    diag_sort(&c.diagnostics);
    DiagRenderOptions options = {format, want_colour()};
    diag_render(&c.diagnostics, stdout, options);
    const Diagnostics *d = &c.diagnostics;
    if (format == DIAG_FORMAT_HUMAN) {
        fprintf(stderr, "referat: %zu meeting%s checked: %zu error%s, %zu warning%s\n", c.project.meeting_count,
                c.project.meeting_count == 1 ? "" : "s", d->error_count, d->error_count == 1 ? "" : "s",
                d->warning_count, d->warning_count == 1 ? "" : "s");
    }
    int status = EXIT_OK;
    if (!c.loaded || d->io_error)
        status = EXIT_USAGE;
    else if (d->error_count || (werror && d->warning_count))
        status = EXIT_ERRORS;
    compilation_free(&c);
    return status;
}

int main(int argc, char **argv) {
    if (argc < 2)
        return usage_error("no command given", NULL);
    const char *command = argv[1];
    if (strcmp(command, "--version") == 0) {
        printf("referat %s\n", REFERAT_VERSION);
        return EXIT_OK;
    }
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 || strcmp(command, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(command, "check") == 0)
        return command_check(argc - 2, argv + 2);
    if (strcmp(command, "build") == 0)
        return command_build(argc - 2, argv + 2);
    if (strcmp(command, "new") == 0)
        return command_new(argc - 2, argv + 2);
    if (strcmp(command, "minutes") == 0)
        return command_minutes(argc - 2, argv + 2);
    if (strcmp(command, "fmt") == 0)
        return command_fmt(argc - 2, argv + 2);
    if (strcmp(command, "watch") == 0)
        return command_watch(argc - 2, argv + 2);
    if (strcmp(command, "import") == 0)
        return command_import(argc - 2, argv + 2);
    if (strcmp(command, "dump") == 0)
        return command_dump(argc - 2, argv + 2);
    return usage_error("unknown command", command);
}
