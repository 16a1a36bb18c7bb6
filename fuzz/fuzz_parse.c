/* fuzz_parse: libFuzzer target for the body lexer and parser — the input
 * is a meeting's Markdown body behind a fixed, valid front matter. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    seats: 10\n";
static const char front_matter[] = "---\nbody: ssu\ndate: 2025-01-10\n---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    Arena *arena = &context.arena;
    Diagnostics *diagnostics = &context.diagnostics;
    Project *project = &context.project;
    size_t length = sizeof front_matter - 1 + size;
    char *text = malloc(length + 1);
    if (!text)
        abort();
    memcpy(text, front_matter, sizeof front_matter - 1);
    if (size)
        memcpy(text + sizeof front_matter - 1, data, size);
    SourceFile *file = source_from_memory(arena, diagnostics, "m.md", text, length);
    free(text);
    if (file)
        parse_meeting(arena, diagnostics, project, file);
    fuzz_end(&context);
    return 0;
}
