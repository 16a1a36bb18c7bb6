/* fuzz_manifest: libFuzzer target for the build's record of its inputs
 * (OUT/.referat-inputs, read by the no-op shortcut in manifest.c): the
 * input is the record's text. OUT is referat's, but it is read, not
 * trusted: whatever it holds, reading it must not crash, and it may only
 * make the build run, never skip a change. A small project and OUT are
 * made once in a temporary folder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64], out[96], record[128];

static void write_text(const char *path, const char *text) {
    FILE *file = fopen(path, "w");
    if (!file)
        abort();
    fputs(text, file);
    fclose(file);
}

/* The folder is removed when the fuzzer exits (the record may have been
 * rewritten in place: only these names are ever there). */
static void clean_up(void) {
    const char *names[] = {"site/.referat-inputs", "site/.referat-site", "site", "meetings/a.md", "meetings",
                           "referat.yaml", ""};
    char path[160];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", root, names[i]);
        if (unlink(path) != 0)
            rmdir(path);
    }
}

static void prepare(void) {
    snprintf(root, sizeof root, "/tmp/referat-fuzz-manifest-%ld", (long)getpid());
    char path[160];
    mkdir(root, 0755);
    snprintf(path, sizeof path, "%s/meetings", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/referat.yaml", root);
    write_text(path, "site:\n  title: Fuzz\nbodies:\n  ssu:\n    short: SSU\n");
    snprintf(path, sizeof path, "%s/meetings/a.md", root);
    write_text(path, "---\nbody: ssu\ndate: 2025-01-01\n---\n");
    snprintf(out, sizeof out, "%s/site", root);
    mkdir(out, 0755);
    snprintf(path, sizeof path, "%s/.referat-site", out);
    write_text(path, "referat\n");
    snprintf(record, sizeof record, "%s/.referat-inputs", out);
    atexit(clean_up);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!root[0])
        prepare();
    FILE *file = fopen(record, "wb");
    if (!file)
        abort();
    fwrite(data, 1, size, file);
    fclose(file);
    size_t meetings = 0;
    manifest_inputs_unchanged(root, out, 1, &meetings);
    return 0;
}
