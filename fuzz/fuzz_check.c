/* fuzz_check: libFuzzer target for the whole front end on a one-meeting
 * project — source validation, front matter, lexer, parser and checks.
 * Any crash, sanitizer report or leak is a bug; diagnostics are not. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "diag.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n"
    "  fsu:\n    short: FSU\n    numbering: NN-YYYY\n    seats: 5\n    archive_from: 03-2024\n"
    "  flr:\n    short: FLR\n    quorum:\n      present: 2/3\n      per_party:\n        a: 1\n"
    "    members:\n      - name: Kari Nordmann\n        party: a\n      - name: Ola Hansen\n"
    "      - name: Per Olsen\n        vote: false\n      - name: Åse Ødegård\n        to: 2024-12-31\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Arena arena;
    arena_init(&arena);
    Diagnostics diagnostics;
    diag_init(&diagnostics, &arena);
    Project project;
    memset(&project, 0, sizeof project);
    project.root = "/nonexistent-fuzz-root";
    SourceFile *config = source_from_memory(&arena, &diagnostics, "referat.yaml", config_text, sizeof config_text - 1);
    config_read(&arena, &diagnostics, &project, config);
    SourceFile *file = source_from_memory(&arena, &diagnostics, "m.md", (const char *)data, size);
    if (file) {
        Meeting *meetings[2];
        meetings[0] = parse_meeting(&arena, &diagnostics, &project, file);
        /* The same text again as a second meeting exercises the cross-meeting
         * numbering and reference checks. */
        meetings[1] = parse_meeting(&arena, &diagnostics, &project, file);
        project.meetings = meetings;
        project.meeting_count = 2;
        check_project(&diagnostics, &project);
    }
    diag_sort(&diagnostics);
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        DiagRenderOptions options = {DIAG_FORMAT_HUMAN, false};
        diag_render(&diagnostics, sink, options);
        options.format = DIAG_FORMAT_JSON;
        diag_render(&diagnostics, sink, options);
        fclose(sink);
    }
    diag_dispose(&diagnostics);
    arena_free(&arena);
    return 0;
}
