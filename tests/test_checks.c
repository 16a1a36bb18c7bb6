/* Unit tests for the checks and the project index: a project of several
 * meetings built in memory, checked, and its resolved state inspected. */
#include "check.h"
#include "project_index.h"
#include "test_support.h"

static const char roster_config[] =
    "site:\n  title: T\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    quorum:\n      present: 1/2\n"
    "    members:\n      - name: Kari Nordmann\n      - name: Ola Hansen\n      - name: Per Olsen\n"
    "      - name: Anne Berg\n";

static void add(TestCompilation *t, const char *path, const char *text) {
    SourceFile *file = source_from_memory(&t->arena, &t->diagnostics, path, text, strlen(text));
    Meeting **meetings = arena_alloc_array(&t->arena, t->project.meeting_count + 1, sizeof *meetings);
    if (t->project.meeting_count)
        memcpy(meetings, t->project.meetings, t->project.meeting_count * sizeof *meetings);
    meetings[t->project.meeting_count++] = parse_meeting(&t->arena, &t->diagnostics, &t->project, file);
    t->project.meetings = meetings;
}

static void test_index_order_and_cases(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    add(&t, "b.md", "---\nbody: ssu\ndate: 2025-02-10\n---\n\n## Sak 03/25 C (O)\n");
    add(&t, "a.md", "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (O)\n\n## Sak 02/25 B (O)\n");
    add(&t, "n.md", "---\nbody: ssu\nkind: notice\ndate: 2025-02-10\n---\n\n## Sak 03/25 C (O)\n");
    check_project(&t.arena, &t.diagnostics, &t.project, 1);
    const ProjectIndex *index = t.project.index;
    assert_non_null(index);
    assert_int_equal(index->meeting_count, 2); /* the notice is superseded by the minutes of its day */
    assert_string_equal(index->meetings[0]->file->path, "a.md");
    assert_string_equal(index->meetings[1]->file->path, "b.md");
    assert_non_null(t.project.meetings[2]->superseded_by);
    const Body *ssu = &t.project.bodies[0];
    assert_ptr_equal(project_index_case(index, ssu, 2025, 2), t.project.meetings[1]->cases[1]);
    assert_null(project_index_case(index, ssu, 2025, 4));
    assert_true(project_index_holds_year(index, ssu, 2025));
    assert_false(project_index_holds_year(index, ssu, 2024));
    const Meeting *last;
    assert_int_equal(project_index_highest_before(index, ssu, 2025, (Date){2025, 2, 10}, &last), 2);
    assert_string_equal(last->file->path, "a.md");
    test_end(&t);
}

static void test_numbering(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    add(&t, "a.md", "---\nbody: ssu\ndate: 2025-01-10\n---\n\n## Sak 01/25 A (O)\n\n## Sak 03/25 B (O)\n");
    add(&t, "b.md", "---\nbody: ssu\ndate: 2025-02-10\n---\n\n## Sak 03/25 C (O)\n");
    check_project(&t.arena, &t.diagnostics, &t.project, 1);
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_NUM_GAP), 1);
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_NUM_DUP), 1);
    test_end(&t);
}

static void test_quorum_and_names(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, roster_config);
    add(&t, "a.md", "---\nbody: ssu\ndate: 2025-01-10\nchair: Kari Nordmann\npresent:\n  - Kari Nordmann\n"
                    "  - Ola Hanssen\nabsent:\n  - Per Olsen\n  - Anne Berg\n---\n\n"
                    "## Sak 01/25 A (B)\n\n### Vedtak\n\nJa.\n");
    check_project(&t.arena, &t.diagnostics, &t.project, 1);
    /* "Ola Hanssen" is not in the roster; did-you-mean finds Ola Hansen,
     * who is then not reported as unaccounted for. */
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_PERSON_UNKNOWN), 1);
    for (size_t i = 0; i < t.diagnostics.count; i++)
        if (t.diagnostics.items[i]->code == DIAG_E_PERSON_UNKNOWN)
            assert_string_equal(t.diagnostics.items[i]->suggestion, "Ola Hansen");
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_W_MEMBER_UNACCOUNTED), 0);
    const QuorumAtCase *quorum = &t.project.meetings[0]->cases[0]->quorum;
    assert_true(quorum->computed);
    assert_int_equal(quorum->seats, 4);
    assert_int_equal(quorum->required, 2);
    assert_int_equal(quorum->present_count, 2);
    assert_true(quorum->quorate);
    test_end(&t);
}

/* A council of 7 (4 Ap, 3 H; quorum 1/2 of 7 = 4) and a party deputy. */
static const char council_config[] =
    "site:\n  title: T\nbodies:\n  ks:\n    name: K\n    short: KS\n    quorum:\n      present: 1/2\n"
    "      per_party:\n        H: 2\n    voting: required\n    blank_votes: false\n    members:\n"
    "      - {name: Kari Nordmann, party: Ap}\n      - {name: Ola Hansen, party: Ap}\n"
    "      - {name: Per Olsen, party: Ap}\n      - {name: Anne Berg, party: Ap}\n"
    "      - {name: Laila Strand, party: H}\n      - {name: Bjørn Moe, party: H}\n"
    "      - {name: Silje Karlsen, party: H}\n      - {name: Eva Vara, party: H, deputy: true}\n";

/* Hand count. Present: all 7. Case 01/26: 7 voting. Case 02/26: Laila
 * Strand and Bjørn Moe (H) are disqualified → 7 − 2 = 5 present, and H has
 * 1 < 2 of its minimum: not quorate. Case 03/26: Laila Strand disqualified,
 * the party deputy Eva Vara steps in for her → 7 − 1 + 1 = 7, H back at 3.
 * Case 04/26: Per Olsen left before it and Anne Berg is disqualified →
 * 7 − 1 − 1 = 5. */
static void test_quorum_with_recusal_hand_count(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, council_config);
    add(&t, "a.md",
        "---\nbody: ks\ndate: 2026-01-10\nchair: Kari Nordmann\npresent: [Kari Nordmann, Ola Hansen, Per Olsen, "
        "Anne Berg, Laila Strand, Bjørn Moe, Silje Karlsen]\nobservers: [Eva Vara]\n"
        "left:\n  - before: 04/26\n    names: Per Olsen\n---\n\n"
        "## Sak 01/26 A (B)\n\nVotering: 4 mot 3\nFor: Ap\nMot: H\n\n### Vedtak\n\nJa.\n\n"
        "## Sak 02/26 B (O)\n\nInhabil: Laila Strand (fvl. § 6)\nInhabil: Bjørn Moe\n\nTekst.\n\n### Vedtak\n\nTatt til orientering.\n\n"
        "## Sak 03/26 C (B)\n\nInhabil: Laila Strand (fvl. § 6)\nTiltrådte: Eva Vara for Laila Strand\n"
        "Votering: 5 for, 2 mot\nFor: Ap, Eva Vara\nMot: H (2)\n\n### Vedtak\n\nJa.\n\n"
        "## Sak 04/26 D (B)\n\nInhabil: Anne Berg\nVotering: enstemmig\n\n### Vedtak\n\nJa.\n");
    check_project(&t.arena, &t.diagnostics, &t.project, 1);
    for (size_t i = 0; i < t.diagnostics.count; i++)
        print_message("%s: %s\n", diag_code_table[t.diagnostics.items[i]->code].name, t.diagnostics.items[i]->message);
    assert_int_equal(t.diagnostics.count, 0);
    Case **cases = t.project.meetings[0]->cases;
    assert_int_equal(cases[0]->quorum.present_count, 7);
    assert_int_equal(cases[0]->quorum.required, 4);
    assert_int_equal(cases[1]->quorum.present_count, 5);
    assert_false(cases[1]->quorum.quorate);
    assert_int_equal(cases[1]->quorum.party_present, 1);
    assert_int_equal(cases[2]->quorum.present_count, 7);
    assert_true(cases[2]->quorum.quorate);
    assert_true(cases[2]->stand_ins->counted);
    assert_int_equal(cases[3]->quorum.present_count, 5);
    test_end(&t);
}

/* The same counts, broken one at a time, give the codes of issue 16. */
static void test_vote_codes(void **state) {
    (void)state;
    const struct {
        const char *fields;
        DiagCode code;
    } mutations[] = {
        {"Votering: 5 mot 3\n", DIAG_E_VOTE_COUNT},
        {"Votering: 4 mot 3\nFor: Ap (5)\n", DIAG_E_VOTE_PARTY},
        {"Votering: 4 mot 3\nFor: Ap, Per Olsn\n", DIAG_E_VOTE_NAME},
        {"Votering: flertall\n", DIAG_E_VOTE_FORM},
        {"Votering: 4 mot 2, 1 blank\n", DIAG_E_VOTE_COUNT},
        {"Votering: 4 for, 2 mot, 1 blank\n", DIAG_E_VOTE_COUNT},
        {"Inhabil: Eva Vara\nVotering: enstemmig\n", DIAG_E_RECUSAL},
        {"Lukket:\nVotering: enstemmig\n", DIAG_E_CLOSED_BASIS},
        {"\n", DIAG_W_VOTE_MISSING},
    };
    for (size_t i = 0; i < sizeof mutations / sizeof mutations[0]; i++) {
        TestCompilation t;
        test_begin(&t, council_config);
        char *text = arena_printf(&t.arena,
                                  "---\nbody: ks\ndate: 2026-01-10\npresent: [Kari Nordmann, Ola Hansen, Per Olsen, "
                                  "Anne Berg, Laila Strand, Bjørn Moe, Silje Karlsen]\n---\n\n"
                                  "## Sak 01/26 A (B)\n\n%s\n### Vedtak\n\nJa.\n",
                                  mutations[i].fields);
        add(&t, "a.md", text);
        check_project(&t.arena, &t.diagnostics, &t.project, 1);
        for (size_t k = 0; k < t.diagnostics.count; k++)
            print_message("%zu %s: %s\n", i, diag_code_table[t.diagnostics.items[k]->code].name,
                          t.diagnostics.items[k]->message);
        assert_int_equal(t.diagnostics.count, 1);
        assert_int_equal(t.diagnostics.items[0]->code, mutations[i].code);
        test_end(&t);
    }
}

static void test_duplicate_names_fold_case(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, roster_config);
    add(&t, "a.md", "---\nbody: ssu\ndate: 2025-01-10\npresent:\n  - Kari Nordmann\n  - KARI NORDMANN\n---\n");
    check_project(&t.arena, &t.diagnostics, &t.project, 1);
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_PERSON_DUP), 1);
    test_end(&t);
}

/* The per-meeting checks run on worker threads: the diagnostics, in report
 * order (diag_sort's last key), and what the checks record on the AST are
 * the same on one thread and on four. The project has several meetings with
 * slips of every per-meeting check (attendance, votes, the meeting's own)
 * and of the cross-meeting ones between them. */
static void checked_with_jobs(TestCompilation *t, unsigned jobs) {
    test_begin(t, council_config);
    for (int m = 0; m < 12; m++) {
        char *path = arena_printf(&t->arena, "m%02d.md", m);
        char *text = arena_printf(
            &t->arena,
            "---\nbody: ks\ndate: 2026-%02d-10\nchair: %s\npresent: [Kari Nordmann, Ola Hansen, Per Olsen, "
            "Anne Berg, Laila Strand, Bjørn Moe, %s]\nsigned: [Kari Nordmann, %s]\n---\n\n"
            "## Sak %02d/26 A (B)\n\nVotering: %s\nFor: Ap\nMot: H\n\nSe sak %02d/26.\n\n### Vedtak\n\nJa.\n\n"
            "## Sak %02d/26 B (B)\n\nInhabil: %s\n\nTekst.\n",
            m + 1, m % 3 ? "Kari Nordmann" : "Kari Nordman", m % 2 ? "Silje Karlsen" : "Silje Karlsn",
            m % 4 ? "Ola Hansen" : "Ola Hanssen", 2 * m + 1 + (m == 5), m % 2 ? "4 mot 3" : "5 mot 3", 3 * m + 40,
            2 * m + 2 - (m == 7), m % 3 ? "Bjørn Moe" : "Eva Vara");
        add(t, path, text);
    }
    check_project(&t->arena, &t->diagnostics, &t->project, jobs);
}

static void test_same_result_on_any_number_of_threads(void **state) {
    (void)state;
    TestCompilation one, four;
    checked_with_jobs(&one, 1);
    checked_with_jobs(&four, 4);
    const DiagCode expected[] = {DIAG_E_PERSON_UNKNOWN, DIAG_E_CHAIR,      DIAG_E_VOTE_COUNT,
                                 DIAG_E_SIGNED,         DIAG_E_RECUSAL,    DIAG_E_DECISION_MISSING,
                                 DIAG_E_NUM_ORDER,      DIAG_W_REF};
    for (size_t k = 0; k < sizeof expected / sizeof expected[0]; k++) {
        print_message("%s: %zu\n", diag_code_table[expected[k]].name, diag_count_code(&one.diagnostics, expected[k]));
        assert_true(diag_count_code(&one.diagnostics, expected[k]) > 0);
    }
    assert_int_equal(one.diagnostics.count, four.diagnostics.count);
    assert_int_equal(one.diagnostics.error_count, four.diagnostics.error_count);
    assert_int_equal(one.diagnostics.warning_count, four.diagnostics.warning_count);
    for (size_t i = 0; i < one.diagnostics.count; i++) {
        const Diagnostic *a = one.diagnostics.items[i], *b = four.diagnostics.items[i];
        assert_int_equal(a->code, b->code);
        assert_int_equal(a->sequence, b->sequence);
        assert_string_equal(a->span.file ? a->span.file->path : "", b->span.file ? b->span.file->path : "");
        assert_int_equal(a->span.line, b->span.line);
        assert_int_equal(a->span.column, b->span.column);
        assert_string_equal(a->message, b->message);
        assert_string_equal(a->suggestion ? a->suggestion : "", b->suggestion ? b->suggestion : "");
    }
    for (size_t m = 0; m < one.project.meeting_count; m++) {
        const Meeting *a = one.project.meetings[m], *b = four.project.meetings[m];
        for (size_t c = 0; c < a->case_count; c++) {
            assert_int_equal(a->cases[c]->quorum.present_count, b->cases[c]->quorum.present_count);
            assert_int_equal(a->cases[c]->quorum.quorate, b->cases[c]->quorum.quorate);
            assert_int_equal(a->cases[c]->attendance_unsure, b->cases[c]->attendance_unsure);
        }
        for (size_t p = 0; p < a->present.count; p++)
            assert_int_equal(a->present.items[p].voting, b->present.items[p].voting);
    }
    test_end(&one);
    test_end(&four);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_order_and_cases), cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_quorum_and_names), cmocka_unit_test(test_duplicate_names_fold_case),
        cmocka_unit_test(test_quorum_with_recusal_hand_count), cmocka_unit_test(test_vote_codes),
        cmocka_unit_test(test_same_result_on_any_number_of_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
