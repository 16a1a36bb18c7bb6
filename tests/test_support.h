/* test_support: a compilation in a box for unit tests — an arena, a
 * diagnostics context and a one-body project, plus helpers to parse text. */
#ifndef REFERAT_TEST_SUPPORT_H
#define REFERAT_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "ast.h"
#include "config.h"
#include "diag.h"
#include "parse.h"

typedef struct {
    Arena arena;
    Diagnostics diagnostics;
    Project project;
} TestCompilation;

static const char test_config[] =
    "site:\n  title: T\nbodies:\n  ssu:\n    name: Strategisk samarbeidsutvalg\n    short: SSU\n    seats: 10\n";

static inline void test_begin(TestCompilation *t, const char *config) {
    arena_init(&t->arena);
    diag_init(&t->diagnostics, &t->arena);
    memset(&t->project, 0, sizeof t->project);
    t->project.root = ".";
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "referat.yaml", config, strlen(config));
    assert_non_null(file);
    config_read(&t->arena, &t->diagnostics, &t->project, file);
}

static inline void test_end(TestCompilation *t) {
    diag_dispose(&t->diagnostics);
    arena_free(&t->arena);
}

static inline Meeting *test_parse(TestCompilation *t, const char *text) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, "m.md", text, strlen(text));
    assert_non_null(file);
    return parse_meeting(&t->arena, &t->diagnostics, &t->project, file);
}

/* The only diagnostic reported must have this code (at this line, if > 0). */
static inline void assert_single_diagnostic(const TestCompilation *t, DiagCode code, unsigned line) {
    if (t->diagnostics.count != 1) {
        for (size_t i = 0; i < t->diagnostics.count; i++)
            print_error("  got %s at %u: %s\n", diag_code_name(t->diagnostics.items[i]->code), t->diagnostics.items[i]->span.line,
                        t->diagnostics.items[i]->message);
    }
    assert_int_equal(t->diagnostics.count, 1);
    assert_string_equal(diag_code_name(t->diagnostics.items[0]->code), diag_code_name(code));
    if (line)
        assert_int_equal(t->diagnostics.items[0]->span.line, line);
}

/* A fresh folder under /tmp for the tests of a group (setup and teardown
 * of cmocka_run_group_tests), removed with everything in it. */
static inline char *test_folder(void) {
    static char folder[64];
    return folder;
}

static inline int test_folder_make(void **state) {
    (void)state;
    snprintf(test_folder(), 64, "/tmp/referat-test-XXXXXX");
    return mkdtemp(test_folder()) ? 0 : -1;
}

static inline int test_folder_remove(void **state) {
    (void)state;
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", test_folder());
    return system(command) == 0 ? 0 : -1;
}

static inline void assert_slice_equal(Slice slice, const char *expected) {
    char buffer[4096];
    size_t n = slice.length < sizeof buffer - 1 ? slice.length : sizeof buffer - 1;
    memcpy(buffer, slice.data, n);
    buffer[n] = '\0';
    assert_string_equal(buffer, expected);
}

#endif
