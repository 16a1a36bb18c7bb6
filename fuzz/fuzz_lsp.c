/* fuzz_lsp: libFuzzer target for the language server's reading side — the
 * Content-Length framing, the JSON reader and the dispatch of whatever the
 * messages say (documents outside any project included). Also the JSON
 * reader on the raw bytes. Nothing a client sends may crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "fuzz_common.h"
#include "json_read.h"
#include "lsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    Arena arena;
    arena_init(&arena);
    const char *error;
    json_read(&arena, (const char *)data, size, &error);
    arena_free(&arena);
    FILE *in = fmemopen((void *)data, size, "r");
    FILE *out = fopen("/dev/null", "w");
    if (in && out)
        lsp_serve(in, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
    return 0;
}
