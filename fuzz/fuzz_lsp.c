/* fuzz_lsp: libFuzzer target for the language server's reading side — the
 * Content-Length framing, the JSON reader and the dispatch of whatever the
 * messages say. A small project is written to /tmp/referat-fuzz-lsp/ once,
 * so that messages naming its files (fuzz/regressions/lsp-session.txt
 * does) reach the checks, hover, completion, formatting and code actions;
 * documents outside any project are tried too. Also the JSON reader on the
 * raw bytes. Nothing a client sends may crash, hang or leak. */
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

#include "arena.h"
#include "fuzz_common.h"
#include "json_read.h"
#include "lsp.h"

static void write_file(const char *path, const char *text) {
    FILE *file = fopen(path, "w");
    if (file) {
        fputs(text, file);
        fclose(file);
    }
}

static void make_project(void) {
    static int made;
    if (made++)
        return;
    mkdir("/tmp/referat-fuzz-lsp", 0755);
    mkdir("/tmp/referat-fuzz-lsp/meetings", 0755);
    write_file("/tmp/referat-fuzz-lsp/referat.yaml",
               "site:\n  title: Fuzz\nbodies:\n  ks:\n    short: KS\n    voting: required\n    members:\n"
               "      - {name: Kari Nordmann, party: Ap, role: Leder}\n      - {name: Ola Hansen, party: H}\n"
               "      - {name: Eva Vara, party: Ap, deputy: true}\n");
    write_file("/tmp/referat-fuzz-lsp/meetings/m.md",
               "---\nbody: ks\ndate: 2026-01-10\npresent: [Kari Nordmann, Ola Hansen]\n---\n\n"
               "## Sak 01/26 A (B)\n\nVotering: 2 mot 0\n\n### Vedtak\n\nJa.\n\n## Sak 03/26 B (O)\n\nJf. sak 01/26.\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    make_project();
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
