/* Unit tests for buffer.c: the growing string and the one whole-file
 * reader (regular files only, never blocking, within a limit). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buffer.h"
#include "test_support.h"


static void test_append_and_printf(void **state) {
    (void)state;
    StringBuffer buffer = {0};
    for (int i = 0; i < 1000; i++)
        buffer_printf(&buffer, "%d,", i);
    assert_int_equal(buffer.data[buffer.length], '\0');
    assert_true(buffer.length > 3000);
    assert_int_equal(memcmp(buffer.data, "0,1,2,", 6), 0);
    buffer_free(&buffer);
    assert_null(buffer.data);
    assert_int_equal(buffer.length, 0);
}

/* Results longer than the small buffer both functions format into first
 * come out whole (and shorter ones too). */
static void test_printf_short_and_long(void **state) {
    (void)state;
    char long_text[1000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    for (size_t length = 250; length < sizeof long_text; length += 3) {
        StringBuffer buffer = {0};
        buffer_printf(&buffer, "<%.*s>", (int)length, long_text);
        assert_int_equal(buffer.length, length + 2);
        assert_int_equal(buffer.data[length + 1], '>');
        Arena arena;
        arena_init(&arena);
        char *text = arena_printf(&arena, "<%.*s>%d", (int)length, long_text, 7);
        assert_int_equal(strlen(text), length + 3);
        assert_string_equal(text + length + 1, ">7");
        arena_free(&arena);
        buffer_free(&buffer);
    }
}

static void test_read_file(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/f.txt", test_folder());
    FILE *file = fopen(path, "wb");
    fputs("innhold\n", file);
    fclose(file);
    StringBuffer buffer = {0};
    buffer_append_cstring(&buffer, ">");
    assert_int_equal(buffer_read_file(&buffer, path, 100), 0);
    assert_string_equal(buffer.data, ">innhold\n");
    assert_int_equal(buffer_read_file(&buffer, path, 3), EFBIG);
    assert_string_equal(buffer.data, ">innhold\n"); /* nothing read past the limit */
    assert_int_equal(buffer_read_file(&buffer, test_folder(), 100), EISDIR);
    snprintf(path, sizeof path, "%s/missing", test_folder());
    assert_int_equal(buffer_read_file(&buffer, path, 100), ENOENT);
    snprintf(path, sizeof path, "%s/fifo", test_folder());
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(buffer_read_file(&buffer, path, 100), EINVAL); /* refused, not waited on */
    buffer_free(&buffer);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_append_and_printf),
        cmocka_unit_test(test_printf_short_and_long),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, test_folder_make, test_folder_remove);
}
