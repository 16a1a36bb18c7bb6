/* fuzz_common: the setup every fuzz target shares — one compilation's
 * arena and diagnostics, and a project read from a fixed referat.yaml. */
#ifndef REFERAT_FUZZ_COMMON_H
#define REFERAT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "parse.h"

typedef struct {
    Arena arena;
    Diagnostics diagnostics;
    Project project;
} FuzzContext;

static inline void fuzz_begin(FuzzContext *context, const char *config) {
    arena_init(&context->arena);
    diag_init(&context->diagnostics, &context->arena);
    memset(&context->project, 0, sizeof context->project);
    context->project.root = "/nonexistent-fuzz-root";
    config_read(&context->arena, &context->diagnostics, &context->project,
                source_from_memory(&context->arena, &context->diagnostics, "referat.yaml", config, strlen(config)));
}

/* The input as the project's one meeting, parsed and checked; NULL when it
 * is not valid text (reported). */
static inline Meeting *fuzz_check_one_meeting(FuzzContext *context, const uint8_t *data, size_t size) {
    SourceFile *file = source_from_memory(&context->arena, &context->diagnostics, "m.md", (const char *)data, size);
    if (!file)
        return NULL;
    Meeting **meetings = arena_alloc_array(&context->arena, 1, sizeof *meetings);
    meetings[0] = parse_meeting(&context->arena, &context->diagnostics, &context->project, file);
    context->project.meetings = meetings;
    context->project.meeting_count = 1;
    check_project(&context->arena, &context->diagnostics, &context->project, 1);
    return meetings[0];
}

static inline void fuzz_end(FuzzContext *context) {
    diag_dispose(&context->diagnostics);
    arena_free(&context->arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
