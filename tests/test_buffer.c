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
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, test_folder_make, test_folder_remove);
}
