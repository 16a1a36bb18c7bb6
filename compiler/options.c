/* options: the command-line parser and its help (see options.h). */
#include "options.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "limits.h"
#include "referat.h"

/* Prints `text` from column `indent` on (the cursor is there already),
 * wrapped at word boundaries to fit 80 columns; a line break in `text` is
 * a space. */
static void text_wrapped(FILE *out, const char *text, int indent) {
    enum { WIDTH = 80 };
    int column = indent;
    while (*text) {
        int word = (int)strcspn(text, " \n");
        if (column > indent && column + 1 + word > WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            column = indent;
        }
        column += fprintf(out, "%s%.*s", column > indent ? " " : "", word, text);
        text += word;
        text += strspn(text, " \n");
    }
    fputc('\n', out);
}

void options_help(const Command *command, FILE *out) {
    fprintf(out, "usage: referat %s\n\n", command->usage);
    text_wrapped(out, command->description, 0);
    if (command->options && command->options[0].name)
        fputs("\noptions:\n", out);
    for (const OptionSpec *option = command->options; option && option->name; option++) {
        char left[64];
        if (option->letter)
            snprintf(left, sizeof left, "-%c, --%s%s%s", option->letter, option->name, option->value_name ? " " : "",
                     option->value_name ? option->value_name : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", option->name, option->value_name ? " " : "",
                     option->value_name ? option->value_name : "");
        fprintf(out, "  %-22s ", left);
        text_wrapped(out, option->help, 25);
    }
    fputs("  -h, --help             show this help\n", out);
}

int options_usage_error(const Command *command, const char *format, const char *argument) {
    fprintf(stderr, "referat: %s%s", command ? command->name : "", command ? ": " : "");
    fprintf(stderr, format, argument);
    fprintf(stderr, "\nTry 'referat %s%s--help'.\n", command ? command->name : "", command ? " " : "");
    return REFERAT_EXIT_USAGE;
}

static int option_index_long(const OptionSpec *options, const char *name, size_t length) {
    for (int i = 0; options && options[i].name; i++)
        if (strlen(options[i].name) == length && strncmp(options[i].name, name, length) == 0)
            return i;
    return -1;
}

static int option_index_short(const OptionSpec *options, char letter) {
    for (int i = 0; options && options[i].name; i++)
        if (options[i].letter == letter)
            return i;
    return -1;
}

int options_parse(const Command *command, int argc, char **argv, Arguments *arguments) {
    memset(arguments, 0, sizeof *arguments);
    bool options_ended = false;
    for (int i = 0; i < argc; i++) {
        const char *argument = argv[i];
        if (options_ended || argument[0] != '-' || argument[1] == '\0') {
            if (arguments->operand_count >= command->max_operands)
                return options_usage_error(command, "unexpected argument '%s'", argument);
            arguments->operands[arguments->operand_count++] = argument;
            continue;
        }
        if (strcmp(argument, "--") == 0) {
            options_ended = true;
            continue;
        }
        if (strcmp(argument, "--help") == 0 || strcmp(argument, "-h") == 0) {
            options_help(command, stdout);
            return -1;
        }
        int index;
        const char *value = NULL;
        if (argument[1] == '-') {
            const char *equals = strchr(argument + 2, '=');
            size_t length = equals ? (size_t)(equals - argument - 2) : strlen(argument + 2);
            index = option_index_long(command->options, argument + 2, length);
            if (equals)
                value = equals + 1;
        } else {
            index = option_index_short(command->options, argument[1]);
            if (argument[2] != '\0')
                value = argument + 2;
        }
        if (index < 0)
            return options_usage_error(command, "unknown option '%s'", argument);
        const OptionSpec *option = &command->options[index];
        if (!option->value_name) {
            if (value)
                return options_usage_error(command, "option '%s' takes no value", argument);
            arguments->values[index] = "";
            continue;
        }
        if (!value) {
            if (i + 1 >= argc)
                return options_usage_error(command, "option '%s' needs a value", argument);
            value = argv[++i];
        }
        arguments->values[index] = value;
    }
    if (arguments->operand_count < command->min_operands)
        return options_usage_error(command, "missing arguments (usage: referat %s)", command->usage);
    return 0;
}

/* ---- values of the options several commands share ---------------------- */

bool options_want_colour(void) {
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

/* -j N: 0 after a usage error. */
unsigned options_jobs(const Command *command, const char *value) {
    if (!value)
        return compilation_default_jobs();
    char *end = NULL;
    long number = strtol(value, &end, 10);
    if (!*value || *end || number < 1 || number > LIMIT_JOBS) {
        options_usage_error(command, "-j needs a number of threads from 1 to 64, not '%s'", value);
        return 0;
    }
    return (unsigned)number;
}

bool options_format(const Command *command, const char *value, DiagFormat *format) {
    *format = DIAG_FORMAT_HUMAN;
    if (!value || diag_format_parse(value, format))
        return true;
    options_usage_error(command, "--format is human, gcc, json or github, not '%s'", value);
    return false;
}



/* --only html,pdf,json: false after a usage error. */
bool options_outputs(const Command *command, const char *value, unsigned *outputs) {
    if (!value)
        return true;
    static const struct {
        const char *name;
        unsigned bit;
    } forms[] = {{"html", BUILD_HTML}, {"pdf", BUILD_PDF}, {"json", BUILD_JSON}};
    *outputs = 0;
    for (const char *p = value; *p;) {
        size_t length = strcspn(p, ",");
        size_t i = 0;
        while (i < 3 && !(strlen(forms[i].name) == length && strncmp(forms[i].name, p, length) == 0))
            i++;
        if (i == 3) {
            options_usage_error(command, "--only takes html, pdf and json (comma-separated), not '%s'", value);
            return false;
        }
        *outputs |= forms[i].bit;
        p += length + (p[length] == ',');
    }
    if (!*outputs)
        options_usage_error(command, "--only needs html, pdf or json, not '%s'", value);
    return *outputs != 0;
}
