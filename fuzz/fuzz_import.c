/* fuzz_import: libFuzzer target for `referat import` — any text as a
 * legacy document, with a project whose roster names are matched. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "import.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    members:\n      - name: Heidi Eriksen Laksaa\n"
    "      - name: Kari Nordmann\n        vote: false\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    Arena *arena = &context.arena;
    Diagnostics *diagnostics = &context.diagnostics;
    Project *project = &context.project;
    SourceFile *file = source_from_memory(arena, diagnostics, "import.txt", (const char *)data, size);
    if (file) {
        ImportOptions options = {"ssu", project, NULL, diagnostics};
        ImportResult result;
        import_text(arena, file, &options, &result);
        import_result_free(&result);
    }
    fuzz_end(&context);
    return 0;
}
