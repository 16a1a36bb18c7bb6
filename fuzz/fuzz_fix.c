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
    Meeting *meeting = fuzz_check_one_meeting(&context, data, size);
    if (meeting) {
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
