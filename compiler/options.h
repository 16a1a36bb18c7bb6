/* options: the command line's grammar — each command's description and
 * option table, one parser for all of them (`--name value`, `--name=value`,
 * `-x value`, `-xvalue`, `--`), the help they print and the one-line
 * usage errors. main.c holds the table of commands. */
#ifndef REFERAT_OPTIONS_H
#define REFERAT_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

typedef struct {
    const char *name;       /* long name without "--" */
    char letter;            /* short name, or 0 */
    const char *value_name; /* NULL: a flag */
    const char *help;
} OptionSpec;

enum { OPTIONS_MAX_OPERANDS = 64, OPTIONS_MAX = 12 };

/* What the parser found: each option's value ("" for a flag present, NULL
 * for absent), in the order of the command's table, and the operands. */
typedef struct {
    const char *values[OPTIONS_MAX];
    const char *operands[OPTIONS_MAX_OPERANDS];
    int operand_count;
} Arguments;

typedef struct Command Command;
struct Command {
    const char *name;
    const char *usage;       /* "NAME OPERANDS [OPTIONS]" */
    const char *summary;     /* one line, for `referat --help` */
    const char *description; /* paragraphs for `referat NAME --help` */
    const OptionSpec *options;
    int min_operands, max_operands;
    int (*run)(const Command *command, const Arguments *arguments);
};

/* Parses argv (after the command name) against the command's table.
 * Returns -1 when it printed the command's help (exit 0), 2 after a
 * one-line usage error on stderr, 0 when *arguments is ready. */
int options_parse(const Command *command, int argc, char **argv, Arguments *arguments);
/* The command's usage, description and options, wrapped to 80 columns. */
void options_help(const Command *command, FILE *out);
/* "referat: CMD: <format with argument>" and where help is, on stderr;
 * NULL command: the program's. Returns the exit status 2. */
int options_usage_error(const Command *command, const char *format, const char *argument);

/* The values several commands share; each false (0) after a usage error. */
/* Colour in the human format: a terminal, unless NO_COLOR or TERM=dumb;
 * CLICOLOR_FORCE forces it. */
bool options_want_colour(void);
/* -j N: 1 to LIMIT_JOBS; NULL gives one per core. 0 after a usage error. */
unsigned options_jobs(const Command *command, const char *value);
/* --format human|gcc|json|github; NULL gives human. */
bool options_format(const Command *command, const char *value, DiagFormat *format);
/* --only html,pdf,json: BUILD_* bits; NULL leaves *outputs. */
bool options_outputs(const Command *command, const char *value, unsigned *outputs);

#endif
