/* Unit tests for output.c: single files written atomically, never over
 * an existing one unless asked; what counts as a site referat built. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "test_support.h"


static char *read_all(const char *path) {
    static char buffer[256];
    FILE *file = fopen(path, "rb");
    if (!file)
        return NULL;
    size_t n = fread(buffer, 1, sizeof buffer - 1, file);
    fclose(file);
    buffer[n] = '\0';
    return buffer;
}

static void test_create_and_replace(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/a.md", test_folder());
    assert_true(output_create_file(path, "first\n", 6));
    errno = 0;
    assert_false(output_create_file(path, "second\n", 7));
    assert_int_equal(errno, EEXIST);
    assert_string_equal(read_all(path), "first\n");
    assert_true(output_write_file(path, "third\n", 6));
    assert_string_equal(read_all(path), "third\n");
    /* No temporary file is left beside it. */
    char temporary[160];
    snprintf(temporary, sizeof temporary, "%s.referat-tmp-%ld", path, (long)getpid());
    assert_int_not_equal(access(temporary, F_OK), 0);
}

static void test_make_folders(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/x/y/z.md", test_folder());
    assert_true(output_make_folders(path));
    snprintf(path, sizeof path, "%s/x/y", test_folder());
    struct stat info;
    assert_int_equal(stat(path, &info), 0);
    assert_true(S_ISDIR(info.st_mode));
}

static void test_is_site(void **state) {
    (void)state;
    char site[128], marker[160];
    snprintf(site, sizeof site, "%s/site", test_folder());
    mkdir(site, 0755);
    assert_false(output_is_site(site));
    snprintf(marker, sizeof marker, "%s/" OUTPUT_MARKER, site);
    assert_true(output_write_file(marker, "", 0));
    assert_false(output_is_site(site)); /* an empty marker proves nothing */
    assert_true(output_write_file(marker, "referat\nmeeting 0 x\n", 20));
    assert_true(output_is_site(site));
}

static void test_absolute_path(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/not-yet", test_folder());
    char *absolute = output_absolute_path(path);
    assert_non_null(absolute);
    assert_int_equal(absolute[0], '/');
    assert_non_null(strstr(absolute, "/not-yet"));
    free(absolute);
    /* Several levels missing (`-o site/2026/nb` in a fresh clone): the
     * nearest existing folder's real path, links resolved, and the rest. */
    char real[160], link[160], deep[200], trailing[200];
    snprintf(real, sizeof real, "%s/real", test_folder());
    snprintf(link, sizeof link, "%s/link", test_folder());
    assert_int_equal(mkdir(real, 0755), 0);
    assert_int_equal(symlink(real, link), 0);
    char *resolved = realpath(real, NULL);
    assert_non_null(resolved);
    snprintf(deep, sizeof deep, "%s/a/b", link);
    snprintf(trailing, sizeof trailing, "%s/a/b//", link);
    char expected[260];
    snprintf(expected, sizeof expected, "%s/a/b", resolved);
    absolute = output_absolute_path(deep);
    assert_string_equal(absolute, expected);
    free(absolute);
    absolute = output_absolute_path(trailing);
    assert_string_equal(absolute, expected);
    free(absolute);
    free(resolved);
    /* ".." below a missing folder is not resolved (it would be, by the
     * kernel, only after the folders were made). */
    snprintf(deep, sizeof deep, "%s/missing/../real/x", link);
    assert_null(output_absolute_path(deep));
    assert_null(output_absolute_path("missing-referat-test/../x"));
    absolute = output_absolute_path("/nonexistent-referat-test/x/y");
    assert_string_equal(absolute, "/nonexistent-referat-test/x/y");
    free(absolute);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_and_replace), cmocka_unit_test(test_make_folders),
        cmocka_unit_test(test_is_site), cmocka_unit_test(test_absolute_path),
    };
    return cmocka_run_group_tests(tests, test_folder_make, test_folder_remove);
}
