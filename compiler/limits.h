/* limits: every hard limit of the front end, in one place, each reported by
 * a named diagnostic (E-LIMIT) when crossed. README documents them. */
#ifndef REFERAT_LIMITS_H
#define REFERAT_LIMITS_H

enum {
    LIMIT_FILE_BYTES = 64 * 1024 * 1024,      /* one meeting file or referat.yaml */
    LIMIT_FRONT_MATTER_BYTES = 1024 * 1024,   /* the YAML between the --- lines */
    LIMIT_YAML_DEPTH = 32,                    /* nesting of YAML collections */
    LIMIT_CASES_PER_MEETING = 999,            /* case numbers have at most 3 digits */
    LIMIT_MEETING_FILES = 100000,             /* meeting files in one project */
    LIMIT_DIAGNOSTICS_PER_FILE = 200,         /* more are counted, not printed */
    LIMIT_DIRECTORY_DEPTH = 64,               /* folders below the project root */
    LIMIT_JOBS = 64,                          /* worker threads (-j) */
};

#endif
