/* Unit tests for font_subset.c on DejaVu Sans (fonts-dejavu-core; the
 * directory in REFERAT_FONT_DIR, as for the build). Skipped where the font
 * is missing, except under CI=true, where .ci/run installs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font_subset.h"
#include "test_support.h"

static unsigned char *font_bytes(size_t *length) {
    const char *directory = getenv("REFERAT_FONT_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/DejaVuSans.ttf",
             directory && *directory ? directory : "/usr/share/fonts/truetype/dejavu");
    FILE *file = fopen(path, "rb");
    if (!file) {
        const char *ci = getenv("CI");
        if (ci && strcmp(ci, "true") == 0)
            fail_msg("%s is missing under CI", path);
        skip();
    }
    size_t capacity = 1 << 21, used = 0, n;
    unsigned char *data = malloc(capacity);
    while ((n = fread(data + used, 1, capacity - used, file)) > 0) {
        used += n;
        if (used == capacity)
            data = realloc(data, capacity *= 2);
    }
    fclose(file);
    *length = used;
    return data;
}

static FontFile *copy_of(const unsigned char *data, size_t length) {
    unsigned char *copy = malloc(length ? length : 1);
    memcpy(copy, data, length);
    return font_file_parse(copy, length);
}

/* Å is built from A and a ring in DejaVu: its parts must come along. */
static const uint32_t SAMPLE[] = {' ', 'A', 'a', 'z', 0xC5, 0xE5, 0xE6, 0xF8, 0x2013, 0x201C, 0x2026};
enum { SAMPLE_COUNT = sizeof SAMPLE / sizeof SAMPLE[0] };

static void test_subset_keeps_characters_and_widths(void **state) {
    (void)state;
    size_t length;
    unsigned char *data = font_bytes(&length);
    FontFile *font = copy_of(data, length);
    assert_non_null(font);
    assert_true(font_file_glyph_count(font) > 5000);
    unsigned char *subset_data;
    size_t subset_length;
    assert_true(font_subset(font, SAMPLE, SAMPLE_COUNT, &subset_data, &subset_length));
    assert_true(subset_length < length / 10);
    FontFile *subset = font_file_parse(subset_data, subset_length);
    assert_non_null(subset);
    /* .notdef, the sample, and the composites' parts: few glyphs. */
    assert_true(font_file_glyph_count(subset) >= SAMPLE_COUNT + 1);
    assert_true(font_file_glyph_count(subset) < 40);
    for (size_t i = 0; i < SAMPLE_COUNT; i++) {
        assert_true(font_file_advance(font, SAMPLE[i]) > 0);
        assert_int_equal(font_file_advance(subset, SAMPLE[i]), font_file_advance(font, SAMPLE[i]));
    }
    /* Characters not asked for are gone. */
    assert_int_equal(font_file_advance(subset, 'B'), -1);
    assert_int_equal(font_file_advance(subset, 0x263A), -1);
    font_file_free(subset);
    font_file_free(font);
    free(data);
}

static void test_subset_of_a_subset(void **state) {
    (void)state;
    size_t length;
    unsigned char *data = font_bytes(&length);
    FontFile *font = copy_of(data, length);
    unsigned char *first, *second;
    size_t first_length, second_length;
    assert_true(font_subset(font, SAMPLE, SAMPLE_COUNT, &first, &first_length));
    FontFile *subset = font_file_parse(first, first_length);
    assert_non_null(subset);
    const uint32_t fewer[] = {'A', 0xC5};
    assert_true(font_subset(subset, fewer, 2, &second, &second_length));
    FontFile *again = font_file_parse(second, second_length);
    assert_non_null(again);
    assert_int_equal(font_file_advance(again, 0xC5), font_file_advance(font, 0xC5));
    assert_int_equal(font_file_advance(again, 'a'), -1);
    font_file_free(again);
    font_file_free(subset);
    font_file_free(font);
    free(data);
}

/* A damaged font is refused or cut without reading outside it (this runs
 * under ASan in CI): truncated at many lengths, and with bytes changed. */
static void test_damaged_fonts(void **state) {
    (void)state;
    size_t length;
    unsigned char *data = font_bytes(&length);
    for (size_t cut = 0; cut < length; cut += length / 97 + 1) {
        FontFile *font = copy_of(data, cut);
        if (font) {
            unsigned char *out;
            size_t out_length;
            if (font_subset(font, SAMPLE, SAMPLE_COUNT, &out, &out_length))
                free(out);
            font_file_free(font);
        }
    }
    assert_null(copy_of(data, 11));
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        unsigned char *changed = malloc(length);
        memcpy(changed, data, length);
        for (int k = 0; k < 8; k++) {
            seed = seed * 1103515245u + 12345u;
            /* Mostly the directory and the small tables at the front. */
            size_t at = (seed >> 8) % (k < 6 ? 4096 : length);
            changed[at] = (unsigned char)(seed >> 3);
        }
        FontFile *font = font_file_parse(changed, length);
        if (font) {
            unsigned char *out;
            size_t out_length;
            if (font_subset(font, SAMPLE, SAMPLE_COUNT, &out, &out_length)) {
                FontFile *reread = font_file_parse(out, out_length);
                font_file_free(reread);
            }
            font_file_free(font);
        }
    }
    free(data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_subset_keeps_characters_and_widths),
        cmocka_unit_test(test_subset_of_a_subset),
        cmocka_unit_test(test_damaged_fonts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
