/* fuzz_fix: libFuzzer target for `check --fix`. Whatever the meeting, the
 * certain fixes are applied by span without reading outside the text, and
 * the fixed text is again a meeting the front end reads. */
#include <stdlib.h>

#include "check.h"
#include "fix.h"
#include "fuzz_common.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    name: S\n    short: SSU\n"
    "    members:\n      - name: Kari Nordmann\n      - name: Ola Hansen\n      - name: Heidi Eriksen Laksaa\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    SourceFile *file = source_from_memory(&context.arena, &context.diagnostics, "m.md", (const char *)data, size);
    if (file) {
        Meeting *meeting = parse_meeting(&context.arena, &context.diagnostics, &context.project, file);
        Meeting *meetings[1] = {meeting};
        context.project.meetings = meetings;
        context.project.meeting_count = 1;
        check_project(&context.arena, &context.diagnostics, &context.project);
        StringBuffer fixed = {0};
        if (fix_meeting(&context.project, meeting, &context.diagnostics, &fixed)) {
            SourceFile *again = source_from_memory(&context.arena, &context.diagnostics, "m.md", fixed.data, fixed.length);
            if (again)
                parse_meeting(&context.arena, &context.diagnostics, &context.project, again);
        }
        buffer_free(&fixed);
    }
    fuzz_end(&context);
    return 0;
}
