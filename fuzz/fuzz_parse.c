/* fuzz_parse: libFuzzer target for the body lexer and parser — the input
 * is a meeting's Markdown body behind a fixed, valid front matter. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    seats: 10\n";
static const char front_matter[] = "---\nbody: ssu\ndate: 2025-01-10\n---\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Arena arena;
    arena_init(&arena);
    Diagnostics diagnostics;
    diag_init(&diagnostics, &arena);
    Project project;
    memset(&project, 0, sizeof project);
    project.root = "/nonexistent-fuzz-root";
    config_read(&arena, &diagnostics, &project,
                source_from_memory(&arena, &diagnostics, "referat.yaml", config_text, sizeof config_text - 1));
    size_t length = sizeof front_matter - 1 + size;
    char *text = malloc(length + 1);
    if (!text)
        abort();
    memcpy(text, front_matter, sizeof front_matter - 1);
    if (size)
        memcpy(text + sizeof front_matter - 1, data, size);
    SourceFile *file = source_from_memory(&arena, &diagnostics, "m.md", text, length);
    free(text);
    if (file)
        parse_meeting(&arena, &diagnostics, &project, file);
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return 0;
}
