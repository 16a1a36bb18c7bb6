/* Unit tests for import_ocr.c and import_layout.c: slips repaired only into
 * known words, and attendance sections read by their layout. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_support.h"
#include "import_layout.h"
#include "import_ocr.h"

typedef struct {
    char log[512];
} Repairs;

static void note_repair(void *context, Slice original, Slice repaired, bool certain) {
    Repairs *repairs = context;
    size_t used = strlen(repairs->log);
    snprintf(repairs->log + used, sizeof repairs->log - used, "%s%.*s>%.*s;", certain ? "" : "?", (int)original.length,
             original.data, (int)repaired.length, repaired.data);
}

static char *repair(Arena *arena, ImportLexicon *lexicon, const char *line, Repairs *repairs) {
    Slice out = import_ocr_repair(arena, lexicon, slice_from_cstring(line), note_repair, repairs);
    return arena_strndup(arena, out.data, out.length);
}

static void test_repairs_only_into_known_words(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    ImportLexicon *lexicon = import_lexicon_new(&arena);
    import_lexicon_add_words(lexicon, slice_from_cstring("Torill Skår"));
    Repairs repairs = {{0}};
    /* the importer's vocabulary: ø read as g and as go */
    assert_string_equal(repair(&arena, lexicon, "Administrerende direktgr, UNN", &repairs),
                        "Administrerende direktør, UNN");
    assert_string_equal(repair(&arena, lexicon, "Mgotereferat SSU", &repairs), "Møtereferat SSU");
    /* the roster: a name's å read as a */
    assert_string_equal(repair(&arena, lexicon, "vara for Torill Skar", &repairs), "vara for Torill Skår");
    assert_string_equal(repairs.log, "direktgr>direktør;Mgotereferat>Møtereferat;Skar>Skår;");
    /* unknown without a repair that is known: left as read, nothing reported */
    repairs.log[0] = '\0';
    assert_string_equal(repair(&arena, lexicon, "Figenschou og Hamnvik", &repairs), "Figenschou og Hamnvik");
    /* acronyms are never repaired */
    assert_string_equal(repair(&arena, lexicon, "AK og UNN", &repairs), "AK og UNN");
    assert_string_equal(repairs.log, "");
    /* ligatures always, and reported */
    assert_string_equal(repair(&arena, lexicon, "de\xEF\xAC\x81nert", &repairs), "definert");
    assert_string_equal(repairs.log, "de\xEF\xAC\x81nert>definert;");
    arena_free(&arena);
}

static void test_word_list_latin1_and_compounds(void **state) {
    (void)state;
    char path[] = "/tmp/referat-words-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    /* ISO-8859-1, as Debian's wnorwegian ships: "rødt" and "båt" */
    const char list[] = "r\xF8" "dt\nb\xE5t\nsamhandling\nleder\n";
    assert_int_equal(write(fd, list, sizeof list - 1), (long)(sizeof list - 1));
    close(fd);
    Arena arena;
    arena_init(&arena);
    ImportLexicon *lexicon = import_lexicon_new(&arena);
    size_t before = import_lexicon_size(lexicon);
    assert_false(import_lexicon_load(lexicon, "/nonexistent/words"));
    assert_int_equal(import_lexicon_size(lexicon), before);
    assert_true(import_lexicon_load(lexicon, path));
    unlink(path);
    assert_true(import_lexicon_knows(lexicon, slice_from_cstring("rødt")));
    assert_true(import_lexicon_knows(lexicon, slice_from_cstring("BÅT")));
    /* a compound of two known words, with the binding s */
    assert_true(import_lexicon_knows(lexicon, slice_from_cstring("samhandlingsleder")));
    assert_false(import_lexicon_knows(lexicon, slice_from_cstring("samhandlingsledere")));
    Repairs repairs = {{0}};
    assert_string_equal(repair(&arena, lexicon, "en rgdt bat", &repairs), "en rødt båt");
    arena_free(&arena);
}

static void test_headings_with_slips(void **state) {
    (void)state;
    assert_int_equal(import_layout_heading(slice_from_cstring("Medlemmer med mgte- og talerett")), IMPORT_GROUP_ADVISORY);
    assert_int_equal(import_layout_heading(slice_from_cstring("**Deltaker pa sak:**")), IMPORT_GROUP_GUESTS);
    assert_int_equal(import_layout_heading(slice_from_cstring("Medlemmar med røysterett")), IMPORT_GROUP_PRESENT);
    assert_int_equal(import_layout_heading(slice_from_cstring("Forfall:")), IMPORT_GROUP_ABSENT);
    assert_int_equal(import_layout_heading(slice_from_cstring("Kari Nordmann")), -1);
    assert_true(import_layout_legend(slice_from_cstring("Sakstyper: B=beslutningssak, O=orienteringssak")));
    assert_false(import_layout_legend(slice_from_cstring("Kari Nordmann")));
}

static size_t people(Arena *arena, const char *const *texts, size_t count, ImportLayoutEntry **entries) {
    ImportLayoutLine *lines = arena_alloc_array(arena, count, sizeof *lines);
    for (size_t i = 0; i < count; i++)
        lines[i] = (ImportLayoutLine){slice_from_cstring(texts[i]), (uint32_t)(i + 1)};
    return import_layout_people(arena, NULL, lines, count, entries);
}

static void test_layouts(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    ImportLayoutEntry *e;
    /* a block of names, then a block of roles, one role broken over two lines */
    const char *const blocks[] = {"Kari Nordmann", "Ola Hansen", "Kommunalsjef, Lenvik kommune, vara for",
                                  "Torill Skår", "Driftsleder, UNN"};
    assert_int_equal(people(&arena, blocks, 5, &e), 2);
    assert_string_equal(e[0].name, "Kari Nordmann");
    assert_string_equal(e[0].role, "Kommunalsjef, Lenvik kommune, vara for Torill Skår");
    assert_string_equal(e[1].role, "Driftsleder, UNN");
    assert_non_null(e[0].doubt);
    /* alternate lines: certain */
    const char *const alternate[] = {"Kari Nordmann", "Kommunalsjef, Lenvik kommune", "Ola Hansen", "Driftsleder"};
    assert_int_equal(people(&arena, alternate, 4, &e), 2);
    assert_string_equal(e[1].name, "Ola Hansen");
    assert_string_equal(e[1].role, "Driftsleder");
    assert_null(e[1].doubt);
    /* columns of pdftotext -layout, a role wrapped onto an indented line */
    const char *const columns[] = {" Kari Nordmann        Avdelingsdirektør, Tromsø kommune,",
                                   "                      Tromsøregionen", " Ola Hansen           Driftsleder"};
    assert_int_equal(people(&arena, columns, 3, &e), 2);
    assert_string_equal(e[0].role, "Avdelingsdirektør, Tromsø kommune, Tromsøregionen");
    /* one line, one space: the role starts at a title's ending */
    const char *const raw[] = {"Heidi Eriksen Laksaas Kommunalsjef, Narvik kommune", "Lise Figenschou Fastlegerepresentant"};
    assert_int_equal(people(&arena, raw, 2, &e), 2);
    assert_string_equal(e[0].name, "Heidi Eriksen Laksaas");
    assert_string_equal(e[1].role, "Fastlegerepresentant");
    arena_free(&arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_repairs_only_into_known_words),
                                       cmocka_unit_test(test_word_list_latin1_and_compounds),
                                       cmocka_unit_test(test_headings_with_slips), cmocka_unit_test(test_layouts)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
