/* fuzz_common: the setup every fuzz target shares — one compilation's
 * arena and diagnostics, and a project read from a fixed referat.yaml. */
#ifndef REFERAT_FUZZ_COMMON_H
#define REFERAT_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "diag.h"

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

static inline void fuzz_end(FuzzContext *context) {
    diag_dispose(&context->diagnostics);
    arena_free(&context->arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
