/* fuzz_check: libFuzzer target for the whole front end on a one-meeting
 * project — source validation, front matter, lexer, parser and checks.
 * Any crash, sanitizer report or leak is a bug; diagnostics are not. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "fuzz_common.h"
#include "diag.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n"
    "  fsu:\n    short: FSU\n    numbering: NN-YYYY\n    seats: 5\n    archive_from: 03-2024\n"
    "  flr:\n    short: FLR\n    quorum:\n      present: 2/3\n      per_party:\n        a: 1\n"
    "    members:\n      - name: Kari Nordmann\n        party: a\n      - name: Ola Hansen\n"
    "      - name: Per Olsen\n        vote: false\n      - name: Åse Ødegård\n        to: 2024-12-31\n"
    /* A council with parties, party deputies and every voting rule. */
    "  ks:\n    short: KS\n    voting: required\n    blank_votes: false\n    closing_basis: [koml. § 11-5]\n"
    "    quorum:\n      present: 1/2\n      per_party:\n        H: 1\n    members:\n"
    "      - {name: Kari Nordmann, party: Ap, deputies: [Eva Vara]}\n      - {name: Ola Hansen, party: Ap}\n"
    "      - {name: Laila Strand, party: H}\n      - {name: Eva Vara, party: Ap, deputy: true}\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    Arena *arena = &context.arena;
    Diagnostics *diagnostics = &context.diagnostics;
    Project *project = &context.project;
    SourceFile *file = source_from_memory(arena, diagnostics, "m.md", (const char *)data, size);
    if (file) {
        Meeting *meetings[2];
        meetings[0] = parse_meeting(arena, diagnostics, project, file);
        /* The same text again as a second meeting exercises the cross-meeting
         * numbering and reference checks. */
        meetings[1] = parse_meeting(arena, diagnostics, project, file);
        project->meetings = meetings;
        project->meeting_count = 2;
        check_project(arena, diagnostics, project, 1);
    }
    diag_sort(diagnostics);
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
        DiagRenderOptions options = {DIAG_FORMAT_HUMAN, false, NULL};
        diag_render(diagnostics, sink, options);
        options.format = DIAG_FORMAT_JSON;
        diag_render(diagnostics, sink, options);
        fclose(sink);
    }
    fuzz_end(&context);
    return 0;
}
