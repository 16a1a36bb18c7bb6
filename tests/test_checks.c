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
    check_project(&t.arena, &t.diagnostics, &t.project);
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
    check_project(&t.arena, &t.diagnostics, &t.project);
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
    check_project(&t.arena, &t.diagnostics, &t.project);
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

static void test_duplicate_names_fold_case(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, roster_config);
    add(&t, "a.md", "---\nbody: ssu\ndate: 2025-01-10\npresent:\n  - Kari Nordmann\n  - KARI NORDMANN\n---\n");
    check_project(&t.arena, &t.diagnostics, &t.project);
    assert_int_equal(diag_count_code(&t.diagnostics, DIAG_E_PERSON_DUP), 1);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_index_order_and_cases), cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_quorum_and_names), cmocka_unit_test(test_duplicate_names_fold_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
