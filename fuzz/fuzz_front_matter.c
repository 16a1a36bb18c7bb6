/* fuzz_front_matter: libFuzzer target for the YAML reader and the front
 * matter's schema — the input is the text between the two '---' lines. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "meta.h"
#include "yaml_tree.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n    seats: 10\n";

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
    SourceFile *file = source_from_memory(&arena, &diagnostics, "front.yaml", (const char *)data, size);
    if (file) {
        YamlTreeNode *root = yaml_tree_load(&arena, &diagnostics, file, file->text, file->length, 2, "E-FRONT-MATTER");
        if (root) {
            Meeting meeting;
            memset(&meeting, 0, sizeof meeting);
            meeting.file = file;
            meta_read(&arena, &diagnostics, &project, &meeting, root, source_span_at_line(file, 1, 1, 4));
        }
        /* The same text as a referat.yaml exercises the config schema. */
        Project other;
        memset(&other, 0, sizeof other);
        other.root = project.root;
        config_read(&arena, &diagnostics, &other, file);
    }
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return 0;
}
