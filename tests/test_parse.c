/* Unit tests for parse.c and meta.c: the typed model and its spans. */
#include "test_support.h"

static const char minutes[] =
    "---\n"
    "body: ssu\n"
    "kind: minutes\n"
    "date: 2025-12-10\n"
    "time: \"12:00-15:30\"\n"
    "chair: Heidi Eriksen Laksaa\n"
    "present:\n"
    "  - Heidi Eriksen Laksaa\n"
    "  - name: Kirsti Moslett Thunberg\n"
    "    role: Seksjonsleder\n"
    "    for: Per Angermo\n"
    "guests:\n"
    "  - name: Erlend Bønes\n"
    "    cases: [73/25]\n"
    "left:\n"
    "  - before: 75/25\n"
    "    at: \"15:00\"\n"
    "    names: [David Johansen]\n"
    "---\n"
    "# Møte i SSU\n"
    "\n"
    "Innledning, jf. sak 61/25.\n"
    "\n"
    "## Sak 68/25 Innkalling og dagsorden (B)\n"
    "\n"
    "Til: Strategisk samarbeidsutvalg (SSU)\n"
    "Fra: Sekretariatet\n"
    "Vedlegg: [Notat](notat.pdf)\n"
    "Oppfølging av: SSU 61/25\n"
    "Unntatt offentlighet: Offl. § 13\n"
    "\n"
    "Leder ønsket velkommen.\n"
    "\n"
    "### Bakgrunn\n"
    "\n"
    "Mer tekst.\n"
    "\n"
    "### Forslag til vedtak\n"
    "\n"
    "Godkjennes.\n"
    "\n"
    "### Vedtak (utsatt)\n"
    "\n"
    "Utsatt.\n"
    "\n"
    "## Vedlegg 1: Rapport\n"
    "\n"
    "Rapporten.\n"
    "\n"
    "## Sak 69/25: Neste møte\n";

static void test_meeting_model(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    Meeting *m = test_parse(&t, minutes);
    assert_int_equal(t.diagnostics.count, 0);
    assert_true(m->metadata_valid);
    assert_int_equal(m->kind, MEETING_MINUTES);
    assert_int_equal(m->date.day, 10);
    assert_int_equal(m->time.end_minute, 15 * 60 + 30);
    assert_slice_equal(m->title, "Møte i SSU");
    assert_slice_equal(m->preamble, "Innledning, jf. sak 61/25.");
    assert_int_equal(m->present.count, 2);
    assert_slice_equal(m->present.items[1].deputy_for, "Per Angermo");
    assert_int_equal(m->guests.items[0].cases->number.number, 73);
    assert_int_equal(m->movement_count, 1);
    assert_int_equal(m->movements[0].before.number, 75);
    assert_int_equal(m->movements[0].at.start_minute, 15 * 60);
    assert_int_equal(m->item_count, 3);
    assert_int_equal(m->case_count, 2);
    assert_int_equal(m->items[1].kind, ITEM_SECTION);
    assert_slice_equal(m->items[1].section->title, "Vedlegg 1: Rapport");
    assert_slice_equal(m->items[1].section->text, "Rapporten.");
    test_end(&t);
}

static void test_case_model(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    Meeting *m = test_parse(&t, minutes);
    Case *c = m->cases[0];
    assert_true(c->heading_valid);
    assert_int_equal(c->number.number, 68);
    assert_int_equal(c->number.year, 2025);
    assert_int_equal(c->type, CASE_TYPE_B);
    assert_slice_equal(c->title, "Innkalling og dagsorden");
    assert_int_equal(c->span.line, 24);
    assert_int_equal(c->number.span.column, 8);
    assert_int_equal(c->title_span.column, 14);
    assert_slice_equal(c->text, "Leder ønsket velkommen.\n\n### Bakgrunn\n\nMer tekst.");
    assert_int_equal(c->text_line, 32);
    assert_slice_equal(c->attachments->target, "notat.pdf");
    assert_slice_equal(c->attachments->text, "Notat");
    assert_slice_equal(c->follows_up->body_prefix, "SSU");
    assert_int_equal(c->follows_up->number.number, 61);
    assert_slice_equal(c->exempt_basis, "Offl. § 13");
    assert_non_null(c->proposal);
    assert_slice_equal(c->proposal->text, "Godkjennes.");
    assert_non_null(c->decision);
    assert_int_equal(c->decision->status, DECISION_POSTPONED);
    assert_int_equal(c->decision->heading_span.line, 42);
    Case *next = m->cases[1];
    assert_slice_equal(next->title, "Neste møte");
    assert_int_equal(next->type, CASE_TYPE_NONE);
    /* The reference in the preamble was found. */
    assert_non_null(m->references);
    assert_int_equal(m->references->number.number, 61);
    test_end(&t);
}

/* The vote grammar (grammar/minutes.ebnf, vote_value) in all its forms and
 * the fields around it: labels, For/Mot lines, recusal, stand-in, closing. */
static void test_votes_model(void **state) {
    (void)state;
    const struct {
        const char *value;
        bool valid, unanimous;
        int votes_for, against, blank;
    } values[] = {
        {"enstemmig", true, true, -1, -1, -1},     {"Enstemmig vedtatt", true, true, -1, -1, -1},
        {"9 mot 3", true, false, 9, 3, -1},        {"9 mot 3.", true, false, 9, 3, -1},
        {"9 mot 3, 1 blank", true, false, 9, 3, 1}, {"9 for, 3 mot, 1 blank", true, false, 9, 3, 1},
        {"3 mot, 9 for", true, false, 9, 3, -1},   {"12 for", true, false, 12, 0, -1},
        {"9 mot", true, false, 0, 9, -1},          {"mot 3", false, false, 0, 0, 0},
        {"9 for, 3 for", false, false, 0, 0, 0},   {"flertall", false, false, 0, 0, 0},
        {"9 mot 3 mot 2", false, false, 0, 0, 0},  {"", false, false, 0, 0, 0},
        {"9999999 mot 1", false, false, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        TestCompilation t;
        test_begin(&t, test_config);
        char text[256];
        snprintf(text, sizeof text, "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (B)\n\nVotering: %s\n",
                 values[i].value);
        Meeting *m = test_parse(&t, text);
        const Vote *vote = m->cases[0]->votes;
        assert_non_null(vote);
        assert_int_equal(vote->valid, values[i].valid);
        if (values[i].valid) {
            assert_int_equal(t.diagnostics.count, 0);
            assert_int_equal(vote->unanimous, values[i].unanimous);
            if (!vote->unanimous) {
                assert_int_equal(vote->counts[VOTE_FOR], values[i].votes_for);
                assert_int_equal(vote->counts[VOTE_AGAINST], values[i].against);
                assert_int_equal(vote->counts[VOTE_BLANK], values[i].blank);
            }
        } else {
            assert_single_diagnostic(&t, DIAG_E_VOTE_FORM, 8);
        }
        test_end(&t);
    }
    TestCompilation t;
    test_begin(&t, test_config);
    Meeting *m = test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (B)\n\n"
                                "Inhabil: Per Olsen (fvl. § 6 første ledd bokstav a)\n"
                                "Tiltrådte: Eva Vara for Per Olsen\n"
                                "Lukket: koml. § 11-5 andre ledd\n"
                                "Møteleder: Ola Hansen\n"
                                "Votering (endringsforslag fra H): 4 mot 9\n"
                                "For: H (4)\n"
                                "Mot: Ap, Laila Strand\n"
                                "Votering: enstemmig\n"
                                "Video: https://example.org/v\n");
    assert_int_equal(t.diagnostics.count, 0);
    const Case *c = m->cases[0];
    assert_slice_equal(c->recusals->name, "Per Olsen");
    assert_slice_equal(c->recusals->basis, "fvl. § 6 første ledd bokstav a");
    assert_slice_equal(c->stand_ins->deputy, "Eva Vara");
    assert_slice_equal(c->stand_ins->member, "Per Olsen");
    assert_int_equal(c->stand_ins->member_span.column, 25);
    assert_true(c->closed);
    assert_slice_equal(c->closed_basis, "koml. § 11-5 andre ledd");
    assert_slice_equal(c->case_chair, "Ola Hansen");
    assert_slice_equal(c->video, "https://example.org/v");
    const Vote *amendment = c->votes, *final = c->votes->next;
    assert_slice_equal(amendment->label, "endringsforslag fra H");
    assert_slice_equal(amendment->names[VOTE_FOR]->name, "H");
    assert_int_equal(amendment->names[VOTE_FOR]->count, 4);
    assert_slice_equal(amendment->names[VOTE_AGAINST]->next->name, "Laila Strand");
    assert_int_equal(amendment->names[VOTE_AGAINST]->next->count, -1);
    assert_int_equal(amendment->names[VOTE_AGAINST]->next->span.column, 10);
    assert_true(final->unanimous);
    assert_int_equal(final->label.length, 0);
    test_end(&t);
    /* A For: line with no vote before it. */
    test_begin(&t, test_config);
    test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (B)\n\nFor: Ap\n");
    assert_single_diagnostic(&t, DIAG_E_VOTE_FORM, 8);
    test_end(&t);
    /* A stand-in without "for". */
    test_begin(&t, test_config);
    test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (B)\n\nTiltrådte: Eva Vara\n");
    assert_single_diagnostic(&t, DIAG_E_RECUSAL, 8);
    test_end(&t);
}

static void test_front_matter_types(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\nplace: [a, b]\n---\n");
    assert_single_diagnostic(&t, DIAG_E_FRONT_MATTER, 4);
    assert_int_equal(t.diagnostics.items[0]->span.column, 8); /* at the value */
    test_end(&t);
}

static void test_missing_front_matter(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    Meeting *m = test_parse(&t, "## Sak 1/25 X (B)\n");
    assert_single_diagnostic(&t, DIAG_E_FRONT_MATTER, 1);
    assert_false(m->metadata_valid);
    assert_int_equal(m->case_count, 1); /* the body is still read */
    test_end(&t);
}

static void test_unknown_body_suggests(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    test_parse(&t, "---\nbody: suu\ndate: 2025-01-10\n---\n");
    assert_single_diagnostic(&t, DIAG_E_BODY_UNKNOWN, 2);
    assert_string_equal(t.diagnostics.items[0]->suggestion, "ssu");
    test_end(&t);
}

static void test_heading_errors(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    Meeting *m = test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\n---\n## Sak 1/2025 Feil form\n");
    assert_single_diagnostic(&t, DIAG_E_CASE_HEADING, 5);
    assert_string_equal(t.diagnostics.items[0]->suggestion, "01/25");
    assert_true(m->cases[0]->number.valid); /* still counts for numbering */
    test_end(&t);
}

static void test_case_limit(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    size_t size = 1200 * 24 + 64;
    char *text = test_malloc(size);
    strcpy(text, "---\nbody: ssu\ndate: 2025-01-10\n---\n");
    for (int i = 1; i <= 1200; i++)
        sprintf(text + strlen(text), "## Sak %d/25 T\n", i % 999 + 1);
    Meeting *m = test_parse(&t, text);
    test_free(text);
    assert_int_equal(m->case_count, 999);
    assert_single_diagnostic(&t, DIAG_E_LIMIT, 1004);
    test_end(&t);
}

static void test_language_nn_keywords(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, "site:\n  language: nn\nbodies:\n  ssu:\n    seats: 5\n");
    Meeting *m = test_parse(&t, "---\nbody: ssu\ndate: 2025-01-10\n---\n## Sak 1/25 X (B)\n\nFrå: Sekretariatet\n\n"
                                "### Framlegg til vedtak\n\nA.\n\n### Vedtak (utsett)\n\nB.\n");
    assert_int_equal(t.diagnostics.count, 0);
    assert_int_equal(m->cases[0]->fields->concept, KEYWORD_FIELD_FROM);
    assert_non_null(m->cases[0]->proposal);
    assert_int_equal(m->cases[0]->decision->status, DECISION_POSTPONED);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meeting_model),        cmocka_unit_test(test_case_model),
        cmocka_unit_test(test_votes_model),
        cmocka_unit_test(test_front_matter_types),   cmocka_unit_test(test_missing_front_matter),
        cmocka_unit_test(test_unknown_body_suggests), cmocka_unit_test(test_heading_errors),
        cmocka_unit_test(test_case_limit),           cmocka_unit_test(test_language_nn_keywords),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
