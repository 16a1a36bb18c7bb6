/* Unit tests for present.c: the publication rule (what a public build
 * leaves out) and the words and forms every emitter prints. */
#include "check.h"
#include "present.h"
#include "test_support.h"

static const char meeting_text[] =
    "---\nbody: ssu\nkind: minutes\ndate: 2025-03-10\napproved: 2025-04-01\n"
    "guests:\n  - name: Vitne Hemmelig\n    cases: [02/25]\n  - name: Gjest Åpen\n    cases: [01/25, 02/25]\n---\n\n"
    "## Sak 01/25 Åpen sak (B)\n\nSe sak 02/25.\n\n### Vedtak\n\nVedtatt.\n\n"
    "## Sak 02/25 Personalsak Hemmelig (B)\n\nUnntatt offentlighet: Offl. § 13\nOffentlig tittel: Personalsak\n"
    "Saksbehandler: Hemmelig\n\nTeksten om sak 01/25 er hemmelig.\n\n### Vedtak\n\nHemmelig vedtak.\n";

static const Meeting *checked(TestCompilation *t) {
    Meeting *meeting = test_parse(t, meeting_text);
    Meeting **meetings = arena_alloc_array(&t->arena, 1, sizeof *meetings);
    meetings[0] = meeting;
    t->project.meetings = meetings;
    t->project.meeting_count = 1;
    check_project(&t->arena, &t->diagnostics, &t->project, 1);
    assert_int_equal(t->diagnostics.error_count, 0);
    return meeting;
}

static void test_public_withholds(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const Meeting *meeting = checked(&t);
    Presentation presentation;
    assert_true(presentation_init(&presentation, &t.arena, &t.diagnostics, &t.project, PUBLICATION_PUBLIC));
    const Meeting *published = present_meeting(&presentation, &t.arena, meeting);
    assert_ptr_not_equal(published, meeting);
    const Case *open = published->cases[0], *exempt = published->cases[1];
    assert_false(open->withheld);
    assert_true(exempt->withheld);
    assert_slice_equal(exempt->title, "Personalsak");
    assert_slice_equal(exempt->exempt_basis, "Offl. § 13");
    assert_null(exempt->fields);
    assert_null(exempt->decision);
    assert_int_equal(exempt->text.length, 0);
    assert_ptr_equal(published->items[1].case_item, exempt);
    /* The reference inside the exempt case is gone, the one before it kept. */
    size_t references = 0;
    for (const CaseRef *r = published->references; r; r = r->next, references++)
        assert_int_equal(r->number.number, 2);
    assert_int_equal(references, 1);
    /* A guest of only the exempt case is gone; the other keeps only 01/25. */
    assert_int_equal(published->guests.count, 1);
    assert_slice_equal(published->guests.items[0].name, "Gjest Åpen");
    assert_int_equal(published->guests.items[0].cases->number.number, 1);
    assert_null(published->guests.items[0].cases->next);
    /* The checked meeting itself is untouched. */
    assert_false(meeting->cases[1]->withheld);
    assert_int_equal(meeting->guests.count, 2);
    test_end(&t);
}

static void test_internal_keeps_everything(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const Meeting *meeting = checked(&t);
    Presentation presentation;
    assert_true(presentation_init(&presentation, &t.arena, &t.diagnostics, &t.project, PUBLICATION_INTERNAL));
    assert_ptr_equal(present_meeting(&presentation, &t.arena, meeting), meeting);
    test_end(&t);
}

static void test_forms(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const Meeting *meeting = checked(&t);
    Presentation presentation;
    presentation_init(&presentation, &t.arena, &t.diagnostics, &t.project, PUBLICATION_PUBLIC);
    Date date = {2025, 12, 10};
    assert_string_equal(present_date(&presentation, &t.arena, date), "10.12.2025");
    assert_null(present_date(&presentation, &t.arena, (Date){0, 0, 0}));
    TimeRange time = {9 * 60, 11 * 60 + 30, true};
    assert_string_equal(present_time(&t.arena, time), "09:00–11:30");
    assert_string_equal(present_case_number(&t.arena, meeting->cases[0]->number, meeting->body), "01/25");
    assert_string_equal(present_case_anchor(&t.arena, meeting->cases[0]->number), "sak-1-2025");
    assert_string_equal(present_meeting_path(&t.arena, meeting), "ssu/2025-03-10");
    assert_string_equal(present_meeting_title(&presentation, &t.arena, meeting), "Møtereferat SSU 10.03.2025");
    assert_string_equal(present_label(&presentation, "page"), "Side");
    assert_string_equal(present_label(&presentation, "no-such-label"), "no-such-label");
    assert_string_equal(present_outcome(&presentation, meeting->cases[0]), "vedtatt");
    assert_false(present_is_draft(meeting));
    test_end(&t);
}

static void test_outcomes(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    const char text[] = "---\nbody: ssu\nkind: minutes\ndate: 2025-03-10\napproved: 2025-04-01\n---\n\n"
                        "## Sak 01/25 Orientering (O)\n\n### Vedtak\n\nTatt til orientering.\n\n"
                        "## Sak 02/25 Referatsaker (R)\n\n### Vedtak\n\nReferert.\n\n"
                        "## Sak 03/25 Utsatt (B)\n\n### Vedtak (utsatt)\n\nUtsatt.\n\n"
                        "## Sak 04/25 Vedtatt (B)\n\n### Vedtak\n\nJa.\n";
    Meeting *meeting = test_parse(&t, text);
    Presentation presentation;
    presentation_init(&presentation, &t.arena, &t.diagnostics, &t.project, PUBLICATION_PUBLIC);
    const char *expected[] = {"tatt til orientering", "referert", "utsatt", "vedtatt"};
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(present_outcome(&presentation, meeting->cases[i]), expected[i]);
    meeting->approved = (Date){0, 0, 0}; /* not yet approved: a draft */
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(present_outcome(&presentation, meeting->cases[i]), "utkast – ikke godkjent");
    assert_true(present_is_draft(meeting));
    test_end(&t);
}

static void test_english_labels(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, "site:\n  title: T\n  language: en\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n");
    Presentation presentation;
    presentation_init(&presentation, &t.arena, &t.diagnostics, &t.project, PUBLICATION_PUBLIC);
    assert_string_equal(present_label(&presentation, "page"), "Page");
    assert_string_equal(present_label(&presentation, "draft_watermark"), "DRAFT");
    assert_string_equal(present_date(&presentation, &t.arena, (Date){2025, 1, 2}), "2025-01-02");
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_withholds), cmocka_unit_test(test_internal_keeps_everything),
        cmocka_unit_test(test_forms), cmocka_unit_test(test_english_labels), cmocka_unit_test(test_outcomes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
