/* fuzz_fmt: libFuzzer target for `referat fmt`. For any meeting text whose
 * front matter reads, the safe layout must read as the same meeting (by
 * construction, checked again here), and laying out its own output must
 * change nothing (idempotence). A violation aborts, so libFuzzer keeps the
 * input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "fuzz_common.h"
#include "parse.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n"
    "  fsu:\n    short: FSU\n    numbering: NN-YYYY\n    seats: 5\n";

/* The safe layout of `text`, or false when its front matter does not read. */
static bool layout(FuzzContext *context, const char *text, size_t length, StringBuffer *out) {
    SourceFile *file = source_from_memory(&context->arena, &context->diagnostics, "m.md", text, length);
    if (!file)
        return false;
    Meeting *meeting = parse_meeting(&context->arena, &context->diagnostics, &context->project, file);
    if (!meeting->front_matter_read)
        return false;
    return format_meeting_safely(&context->project, meeting, "m.md", out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    FuzzContext context;
    fuzz_begin(&context, config_text);
    StringBuffer once = {0}, twice = {0};
    if (layout(&context, (const char *)data, size, &once) && once.length &&
        layout(&context, once.data, once.length, &twice)) {
        if (once.length != twice.length || memcmp(once.data, twice.data, once.length) != 0) {
            fprintf(stderr, "fuzz_fmt: not idempotent:\n--- once\n%s\n--- twice\n%s\n", once.data, twice.data);
            abort();
        }
    }
    buffer_free(&once);
    buffer_free(&twice);
    fuzz_end(&context);
    return 0;
}
