/* commands: each command's option table and the function that runs it
 * (see commands.c); main.c's table of commands points at these. */
#ifndef REFERAT_COMMANDS_H
#define REFERAT_COMMANDS_H

#include "options.h"

extern const OptionSpec check_options[];
extern const OptionSpec build_options[];
extern const OptionSpec dump_options[];
extern const OptionSpec export_options[];
extern const OptionSpec init_options[];
extern const OptionSpec minutes_options[];
extern const OptionSpec fmt_options[];
extern const OptionSpec import_options[];
extern const OptionSpec watch_options[];

int run_check(const Command *command, const Arguments *arguments);
int run_build(const Command *command, const Arguments *arguments);
int run_dump(const Command *command, const Arguments *arguments);
int run_export(const Command *command, const Arguments *arguments);
int run_lsp(const Command *command, const Arguments *arguments);
int run_init(const Command *command, const Arguments *arguments);
int run_new(const Command *command, const Arguments *arguments);
int run_minutes(const Command *command, const Arguments *arguments);
int run_fmt(const Command *command, const Arguments *arguments);
int run_import(const Command *command, const Arguments *arguments);
int run_watch(const Command *command, const Arguments *arguments);

#endif
