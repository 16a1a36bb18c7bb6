/* Unit tests for emit_search.c's word splitter and folding — the rule
 * templates/search.js repeats for queries (tests/search_test.py runs the
 * two side by side): case, æ/ø/å and "aa", accents, combining marks,
 * separators, malformed UTF-8, words too long to index — and for the index
 * built in slices: any number of slices, run in any order, writes the
 * bytes one slice writes. */
#include <dirent.h>
#include <unistd.h>

#include "emit_search.h"
#include "output.h"
#include "present.h"
#include "test_support.h"

static char *folded(const char *text, size_t length) {
    static StringBuffer out;
    buffer_free(&out);
    search_fold_text(text, length, &out);
    return out.data ? out.data : "";
}

#define FOLD(text) folded(text, sizeof(text) - 1)

static void test_norwegian_letters(void **state) {
    (void)state;
    assert_string_equal(FOLD("Tromsø TROMSØ Tromso"), "tromso tromso tromso");
    assert_string_equal(FOLD("Saaksbehandling saksbehandling Ålesund Aalesund"),
                        "saksbehandling saksbehandling alesund alesund");
    assert_string_equal(FOLD("Ærlig ÆRLIG aerlig"), "aerlig aerlig aerlig");
    /* any run of a's is one: "aaa" and "a" meet as "aa" and "å" do */
    assert_string_equal(FOLD("Laksaa Laksaas aaa"), "laksa laksas a");
}

static void test_accents_and_marks(void **state) {
    (void)state;
    assert_string_equal(FOLD("Ödegård Müller Straße café"), "odegard muller strasse cafe");
    /* å and é written as a letter and a combining mark fold like the precomposed ones */
    assert_string_equal(FOLD("a\xcc\x8apen e\xcc\x81n"), "apen en");
    assert_string_equal(FOLD("Łódź Škoda"), "lodz skoda");
    assert_string_equal(FOLD("ΑΘΉΝΑ Москва"), "αθ\xce\x89να москва");
}

static void test_separators(void **state) {
    (void)state;
    assert_string_equal(FOLD("Tromsø-regionen, sak 12/25 (§ 13) – «ja»…"), "tromso regionen sak 12 25 13 ja");
    assert_string_equal(FOLD("2×3 ÷ 4"), "2 3 4");
    /* astral characters (emoji) separate words */
    assert_string_equal(FOLD("møte\xf0\x9f\x98\x80referat"), "mote referat");
    assert_string_equal(FOLD(""), "");
    assert_string_equal(FOLD(" \n\t– "), "");
}

static void test_malformed_and_long(void **state) {
    (void)state;
    /* a stray continuation byte, a cut sequence, an overlong NUL: separators */
    assert_string_equal(FOLD("sak\x80vedtak m\xc3"), "sak vedtak m");
    assert_string_equal(FOLD("a\xc0\x80" "b"), "a b");
    char text[200];
    memset(text, 'x', 65);
    strcpy(text + 65, " ord ");
    memset(text + 70, 'y', 64);
    text[134] = '\0';
    char *words = folded(text, strlen(text));
    /* 65 letters are too long to index, 64 are not */
    assert_int_equal(strncmp(words, "ord yyyy", 8), 0);
    assert_int_equal(strlen(words), 4 + 64);
}

/* The rule for ASCII text, a byte at a time: letters and digits lower
 * case, a run of a's one, words over SEARCH_WORD_MAX bytes left out. */
static void fold_ascii_slowly(const char *text, size_t length, StringBuffer *out) {
    char word[SEARCH_WORD_MAX + 1];
    size_t n = 0;
    bool too_long = false, first = true;
    for (size_t i = 0; i <= length; i++) {
        char c = i < length ? text[i] : ' ';
        bool letter = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (letter) {
            char lower = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            if (lower == 'a' && n && word[n - 1] == 'a')
                continue;
            if (n == SEARCH_WORD_MAX)
                too_long = true;
            else
                word[n++] = lower;
            continue;
        }
        if (n && !too_long) {
            if (!first)
                buffer_append(out, " ", 1);
            buffer_append(out, word, n);
            first = false;
        }
        n = 0;
        too_long = false;
    }
    if (!out->data)
        buffer_append(out, "", 0);
}

/* ASCII is folded eight bytes at a time: words of every length at every
 * offset, runs of a's across the eight-byte steps, separators next to the
 * letters' ranges ('@', '[', '`', '{', '/', ':'). */
static void test_ascii_words_at_every_offset(void **state) {
    (void)state;
    static const char *const pieces[] = {"a", "A", "aa", "b", "Z", "z", "0", "9", " ", "  ", "-", "/", ":",
                                          "@", "[", "`", "{", "\n", "abcdefgh", "Aaa", "xyz"};
    uint32_t random = 12345;
    for (int round = 0; round < 20000; round++) {
        char text[600];
        size_t length = 0;
        int count = (int)(random % 40);
        for (int k = 0; k < count; k++) {
            random = random * 1103515245u + 12345u;
            const char *piece = pieces[(random >> 8) % (sizeof pieces / sizeof *pieces)];
            size_t repeat = (random >> 20) % 8 == 0 ? (random >> 24) % 12 : 1;
            for (size_t r = 0; r < repeat && length + strlen(piece) < sizeof text; r++) {
                memcpy(text + length, piece, strlen(piece));
                length += strlen(piece);
            }
        }
        random = random * 1103515245u + 12345u;
        StringBuffer expected = {0};
        fold_ascii_slowly(text, length, &expected);
        assert_string_equal(folded(text, length), expected.data);
        buffer_free(&expected);
    }
}

/* ---- the index in slices ------------------------------------------------- */

enum { SLICED_MEETINGS = 9, SLICED_CASES = 7 };

/* Meetings whose cases share words across slices: common ones, a word
 * first seen late, a rare OCR form ("lgnnum") of a commoner word, heading
 * words, letters beyond ASCII, a word too long to index. */
static void add_sliced_meetings(TestCompilation *t, const Meeting **meetings) {
    for (int m = 0; m < SLICED_MEETINGS; m++) {
        StringBuffer text = {0};
        buffer_printf(&text, "---\nbody: ssu\nkind: minutes\ndate: 2025-%02d-1%d\napproved: 2025-12-01\n---\n\n",
                      m + 1, m % 10);
        for (int c = 0; c < SLICED_CASES; c++) {
            int number = m * SLICED_CASES + c + 1;
            buffer_printf(&text, "## Sak %02d/25 Budsjett %s for tromsø nr %d (B)\n\n", number,
                          c % 2 ? "Lønnum" : "helse", number % 5);
            if (number == 3) {
                /* One word longer than an excerpt, its cut inside an ø. */
                buffer_append_cstring(&text, "a");
                for (int k = 0; k < 120; k++)
                    buffer_append_cstring(&text, "ø");
                buffer_append_cstring(&text, " ");
            }
            buffer_printf(&text, "Saken gjelder budsjett og helse i Tromsø. Lønnum og %s møtte. %s%s\n\n",
                          number == 40 ? "Lgnnum" : "Ærlig", number > 30 ? "Sentord kommer sent. " : "",
                          number % 11 == 0 ? "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" : "");
            for (int k = 0; k < number % 4; k++)
                buffer_append_cstring(&text, "Budsjett helse budsjett. ");
            /* "torot" in 7 cases takes "torgt" (1 case, first seen), then has
             * enough for "tgrot" (2 cases, first seen later, first in byte
             * order): the rare words are read in order of first occurrence */
            if (number % 7 == 2 && number < 50)
                buffer_append_cstring(&text, "Torot. ");
            if (number == 20)
                buffer_append_cstring(&text, "Torgt. ");
            if (number == 45 || number == 50)
                buffer_append_cstring(&text, "Tgrot. ");
            buffer_printf(&text, "\n\n### Vedtak\n\nVedtatt som foreslått i sak %d.\n\n", number);
        }
        Meeting *meeting = test_parse(t, text.data);
        assert_non_null(meeting);
        assert_int_equal(meeting->case_count, SLICED_CASES);
        meetings[m] = meeting;
        buffer_free(&text);
    }
}

typedef struct {
    char *names[64];
    StringBuffer bytes[64];
    size_t count;
    char version[SEARCH_VERSION_SIZE];
} IndexFiles;

/* Builds the index in `slices` slices, run in `order` (NULL: in order),
 * and reads back assets/search/. */
static void build_sliced(TestCompilation *t, const Meeting **meetings, size_t slices, const size_t *order,
                         IndexFiles *files) {
    char folder[] = "/tmp/referat-test-search-XXXXXX";
    assert_non_null(mkdtemp(folder));
    char *target = output_join_path(folder, "site");
    Output output;
    assert_true(output_open(&output, &t->diagnostics, target, false));
    Presentation presentation;
    assert_true(presentation_init(&presentation, &t->arena, &t->diagnostics, &t->project, PUBLICATION_PUBLIC));
    Site site;
    memset(&site, 0, sizeof site);
    site.arena = &t->arena;
    site.diagnostics = &t->diagnostics;
    site.project = &t->project;
    site.output = &output;
    site.presentation = &presentation;
    site.meetings = meetings;
    site.meeting_count = SLICED_MEETINGS;
    SearchIndex *index = search_index_begin(&site, slices);
    size_t count = search_index_slice_count(index);
    assert_int_equal(count, slices);
    size_t completed = 0;
    for (size_t i = 0; i < count; i++) {
        bool last = search_index_slice(index, &site, order ? order[i] : i, files->version);
        /* only the call that completes the index says so */
        assert_int_equal(last, i + 1 == count);
        completed += last;
    }
    assert_int_equal(completed, 1);
    search_index_free(index);

    char *search = output_join_path(output.staging, "assets/search");
    DIR *listing = opendir(search);
    assert_non_null(listing);
    struct dirent *entry;
    files->count = 0;
    while ((entry = readdir(listing)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        assert_true(files->count < 64);
        char *path = output_join_path(search, entry->d_name);
        files->names[files->count] = strdup(entry->d_name);
        memset(&files->bytes[files->count], 0, sizeof files->bytes[files->count]);
        assert_int_equal(buffer_read_file(&files->bytes[files->count], path, 1 << 20), 0);
        files->count++;
        free(path);
    }
    closedir(listing);
    free(search);
    output_abandon(&output);
    free(target);
    rmdir(folder);
}

static const StringBuffer *index_file(const IndexFiles *files, const char *name) {
    for (size_t i = 0; i < files->count; i++)
        if (strcmp(files->names[i], name) == 0)
            return &files->bytes[i];
    return NULL;
}

static void free_index_files(IndexFiles *files) {
    for (size_t i = 0; i < files->count; i++) {
        free(files->names[i]);
        buffer_free(&files->bytes[i]);
    }
}

static bool valid_utf8(const char *text, size_t length) {
    for (size_t i = 0; i < length;) {
        unsigned char lead = (unsigned char)text[i];
        size_t size = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 0;
        if (!size || i + size > length)
            return false;
        for (size_t k = 1; k < size; k++)
            if (((unsigned char)text[i + k] & 0xC0) != 0x80)
                return false;
        i += size;
    }
    return true;
}

/* An excerpt cut inside a word that fills it is cut between characters:
 * the search page shows it, and a broken character shows as �. */
static void test_excerpt_cut_between_characters(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const Meeting *meetings[SLICED_MEETINGS];
    add_sliced_meetings(&t, meetings);
    IndexFiles files;
    build_sliced(&t, meetings, 1, NULL, &files);
    const StringBuffer *excerpts = index_file(&files, "d0.js");
    assert_non_null(excerpts);
    assert_non_null(strstr(excerpts->data, "aøøø"));
    assert_true(valid_utf8(excerpts->data, excerpts->length));
    free_index_files(&files);
    test_end(&t);
}

static void test_slices_write_the_one_slice_bytes(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const Meeting *meetings[SLICED_MEETINGS];
    add_sliced_meetings(&t, meetings);
    IndexFiles one;
    build_sliced(&t, meetings, 1, NULL, &one);
    /* 63 cases: eight dN.js files, the word and position files, index.js */
    assert_non_null(index_file(&one, "d7.js"));
    assert_null(index_file(&one, "d8.js"));
    assert_non_null(index_file(&one, "t0.js"));
    assert_non_null(index_file(&one, "index.js"));
    /* the OCR form is indexed under the commoner word too */
    const StringBuffer *words = index_file(&one, "t0.js");
    assert_non_null(strstr(words->data, "[\"lgnnum\",1,"));
    assert_non_null(strstr(words->data, "[\"lonnum\",63,"));
    assert_non_null(strstr(words->data, "[\"sentord\",33,"));
    assert_non_null(strstr(words->data, "[\"torot\",10,"));

    const size_t reversed[] = {7, 6, 5, 4, 3, 2, 1, 0}, shuffled[] = {2, 0, 1};
    struct {
        size_t slices;
        const size_t *order;
    } runs[] = {{2, NULL}, {3, shuffled}, {8, NULL}, {8, reversed}};
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++) {
        IndexFiles sliced;
        build_sliced(&t, meetings, runs[r].slices, runs[r].order, &sliced);
        assert_int_equal(sliced.count, one.count);
        for (size_t i = 0; i < one.count; i++) {
            const StringBuffer *same = index_file(&sliced, one.names[i]);
            assert_non_null(same);
            assert_int_equal(same->length, one.bytes[i].length);
            assert_memory_equal(same->data, one.bytes[i].data, same->length);
        }
        assert_string_equal(sliced.version, one.version);
        free_index_files(&sliced);
    }
    free_index_files(&one);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_norwegian_letters),
        cmocka_unit_test(test_accents_and_marks),
        cmocka_unit_test(test_separators),
        cmocka_unit_test(test_malformed_and_long),
        cmocka_unit_test(test_ascii_words_at_every_offset),
        cmocka_unit_test(test_slices_write_the_one_slice_bytes),
        cmocka_unit_test(test_excerpt_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
