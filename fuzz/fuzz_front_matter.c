/* fuzz_front_matter: libFuzzer target for the YAML reader and the front
 * matter's schema — the input is the text between the two '---' lines. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "meta.h"
#include "yaml_tree.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    seats: 10\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    Arena *arena = &context.arena;
    Diagnostics *diagnostics = &context.diagnostics;
    Project *project = &context.project;
    SourceFile *file = source_from_memory(arena, diagnostics, "front.yaml", (const char *)data, size);
    if (file) {
        YamlTreeNode *root = yaml_tree_load(arena, diagnostics, file, file->text, file->length, 2, DIAG_E_FRONT_MATTER);
        if (root) {
            Meeting meeting;
            memset(&meeting, 0, sizeof meeting);
            meeting.file = file;
            meta_read(arena, diagnostics, project, &meeting, root, source_span_at_line(file, 1, 1, 4));
        }
        /* The same text as a referat.yaml exercises the config schema. */
        Project other;
        memset(&other, 0, sizeof other);
        other.root = project->root;
        config_read(arena, diagnostics, &other, file);
    }
    fuzz_end(&context);
    return 0;
}
