/* fuzz_import: libFuzzer target for `referat import` — any text as a
 * legacy document, with a project whose roster names are matched. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "import.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    members:\n      - name: Heidi Eriksen Laksaa\n"
    "      - name: Kari Nordmann\n        vote: false\n";

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
    SourceFile *file = source_from_memory(&arena, &diagnostics, "import.txt", (const char *)data, size);
    if (file) {
        ImportOptions options = {"ssu", &project};
        ImportResult result;
        import_text(&arena, file, &options, &result);
        import_result_free(&result);
    }
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return 0;
}
