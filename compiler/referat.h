/* referat: the library face. One call reads, parses and checks a project
 * (compilation_run), one renders its diagnostics (compilation_report), one
 * gives the exit status. main.c, watch.c, the tests and the fuzz targets use
 * these instead of calling the stages one by one, so every command sees the
 * same pipeline: source → lex → parse → checks. */
#ifndef REFERAT_H
#define REFERAT_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

/* The documented exit statuses: 0 no errors, 1 errors (or warnings with
 * --werror), 2 usage or I/O error. */
enum { REFERAT_EXIT_OK = 0, REFERAT_EXIT_ERRORS = 1, REFERAT_EXIT_USAGE = 2 };

/* One compilation: the project read and checked, its memory in one arena. */
typedef struct {
    Arena arena;
    Diagnostics diagnostics;
    Project project;
    bool loaded; /* referat.yaml was found and read */
} Compilation;

/* Loads the project in `directory` (NULL: ".") with `jobs` threads and runs
 * every check. Always initialises *c: free it with compilation_free. */
void compilation_run(Compilation *c, const char *directory, unsigned jobs);
/* No errors, no I/O failure: what `build` needs. */
bool compilation_clean(const Compilation *c);
int compilation_exit_status(const Compilation *c, bool werror);
/* Sorts and prints the diagnostics. Paths are printed relative to where
 * referat was started: `directory` (as given on the command line) is put
 * before each project-relative path in the human, gcc and github formats;
 * JSON keeps paths relative to the project folder. */
void compilation_report(Compilation *c, FILE *out, DiagFormat format, bool colour, const char *directory);
/* The nearest folder above `path` (a file) that holds referat.yaml is
 * loaded and checked into *c; *meeting is the meeting of that file, or NULL
 * when its front matter could not be read. false (said on stderr) when the
 * file is in no project; *c is then not initialised. */
bool compilation_of_file(const char *path, Compilation *c, const Meeting **meeting);
void compilation_free(Compilation *c);
/* The project folder of a file given as an absolute path: the nearest
 * folder upwards that holds referat.yaml (in `arena`), or NULL. */
char *compilation_project_of(Arena *arena, const char *real);

/* -j's default: one thread per core, at most LIMIT_JOBS. */
unsigned compilation_default_jobs(void);

#endif
