/* test_session: a project kept parsed between checks (session.c) — what it
 * parses again, what it keeps, and that a check of kept meetings gives
 * what a fresh compilation of the same text gives. */
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "test_support.h"

#include "referat.h"
#include "session.h"

static const char config_text[] = "site:\n  title: T\nbodies:\n  ssu:\n    name: Strategisk samarbeidsutvalg\n"
                                  "    short: SSU\n    seats: 10\n";
static const char january[] = "---\nbody: ssu\nkind: minutes\ndate: 2025-01-10\n---\n\n"
                              "## Sak 01/25 Sak (B)\n\n### Vedtak\n\nVedtatt.\n\n"
                              "## Sak 02/25 Sak (B)\n\n### Vedtak\n\nVedtatt.\n";
static const char february[] = "---\nbody: ssu\nkind: minutes\ndate: 2025-02-10\n---\n\n"
                               "## Sak 03/25 Oppfølging (B)\n\nOppfølging av: 02/25\n\n### Vedtak\n\nVedtatt.\n";

static char *path_in(const char *relative) {
    static char paths[4][256];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, 256, "%s/%s", test_folder(), relative);
    return path;
}

/* Written an hour back, as a checked-out file is: a file written within the
 * last seconds is parsed again at every check (its time could hide a
 * second write), which these tests count. */
static void write_old(const char *relative, const char *text) {
    FILE *f = fopen(path_in(relative), "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    struct utimbuf times = {time(NULL) - 3600, time(NULL) - 3600};
    assert_int_equal(utime(path_in(relative), &times), 0);
}

static int project_make(void **state) {
    if (test_folder_make(state) != 0)
        return -1;
    mkdir(path_in("meetings"), 0755);
    write_old("referat.yaml", config_text);
    write_old("meetings/2025-01-10.md", january);
    write_old("meetings/2025-02-10.md", february);
    return 0;
}

static const Case *case_numbered(const Compilation *c, int number) {
    for (size_t i = 0; i < c->project.meeting_count; i++)
        for (size_t k = 0; k < c->project.meetings[i]->case_count; k++)
            if (c->project.meetings[i]->cases[k]->number.number == number)
                return c->project.meetings[i]->cases[k];
    return NULL;
}

static size_t follow_ups(const Case *c) {
    size_t count = 0;
    for (const FollowUp *f = c ? c->followed_up_by : NULL; f; f = f->next)
        count++;
    return count;
}

/* The codes and lines of a compilation's diagnostics, sorted: to compare
 * a session's check with compilation_run's. */
static char *diagnostic_summary(Compilation *c) {
    diag_sort(&c->diagnostics);
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    for (size_t i = 0; i < c->diagnostics.count; i++) {
        const Diagnostic *d = c->diagnostics.items[i];
        fprintf(out, "%s:%u:%u %s %s\n", d->span.file ? d->span.file->path : "-", d->span.line, d->span.column,
                diag_code_name(d->code), d->message);
    }
    fclose(out);
    return text;
}

static void assert_same_as_fresh(Compilation *kept) {
    Compilation fresh;
    compilation_run(&fresh, test_folder(), 1);
    char *expected = diagnostic_summary(&fresh), *got = diagnostic_summary(kept);
    assert_string_equal(got, expected);
    assert_int_equal(kept->project.meeting_count, fresh.project.meeting_count);
    free(expected);
    free(got);
    compilation_free(&fresh);
}

static void test_nothing_changed_parses_nothing_and_forgets_the_last_check(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    size_t files, parsed;
    Compilation *c = session_check(session, NULL, 0, 2);
    session_last_counts(session, &files, &parsed);
    assert_int_equal(files, 2);
    assert_int_equal(parsed, 2);
    assert_int_equal(follow_ups(case_numbered(c, 2)), 1);
    c = session_check(session, NULL, 0, 2);
    session_last_counts(session, &files, &parsed);
    assert_int_equal(parsed, 0);
    /* The kept case is checked again: its follow-up is recorded once, not
     * once per check. */
    assert_int_equal(follow_ups(case_numbered(c, 2)), 1);
    assert_true(case_numbered(c, 3)->follows_up->target == case_numbered(c, 2));
    assert_same_as_fresh(c);
    session_free(session);
}

static void test_an_overlay_is_parsed_and_its_neighbours_kept(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    session_check(session, NULL, 0, 1);
    /* February in the editor renumbered and no longer following 02/25: only
     * February is parsed, January's case loses its follow-up, and case 02/25
     * is now used twice. */
    char *edited = strdup(february);
    memcpy(strstr(edited, "Sak 03/25"), "Sak 02/25", 9);
    memcpy(strstr(edited, "Oppfølging av: 02/25"), "Oppfølging av: 01/25", strlen("Oppfølging av: 01/25"));
    SourceOverlay overlay = {path_in("meetings/2025-02-10.md"), edited, strlen(edited)};
    Compilation *c = session_check(session, &overlay, 1, 1);
    size_t files, parsed;
    session_last_counts(session, &files, &parsed);
    assert_int_equal(parsed, 1);
    assert_int_equal(diag_count_code(&c->diagnostics, DIAG_E_NUM_DUP), 1);
    assert_int_equal(follow_ups(c->project.meetings[0]->cases[1]), 0);
    assert_int_equal(follow_ups(c->project.meetings[0]->cases[0]), 1);
    /* The overlay closed: the disk's text again, parsed once more. */
    c = session_check(session, NULL, 0, 1);
    session_last_counts(session, &files, &parsed);
    assert_int_equal(parsed, 1);
    assert_int_equal(c->diagnostics.count, 0);
    assert_int_equal(follow_ups(c->project.meetings[0]->cases[1]), 1);
    free(edited);
    session_free(session);
}

static void test_an_unsaved_new_file_is_a_meeting(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    session_check(session, NULL, 0, 1);
    SourceOverlay overlay = {path_in("meetings/2025-03-10.md"), february, strlen(february)};
    Compilation *c = session_check(session, &overlay, 1, 1);
    size_t files, parsed;
    session_last_counts(session, &files, &parsed);
    assert_int_equal(files, 3);
    assert_int_equal(parsed, 1);
    assert_true(diag_count_code(&c->diagnostics, DIAG_E_NUM_DUP) + diag_count_code(&c->diagnostics, DIAG_E_MEETING_DUP) > 0);
    /* Outside the project, or not a meeting file: not part of it. */
    SourceOverlay others[2] = {{"/elsewhere/2025-03-10.md", february, strlen(february)},
                               {path_in("meetings/README.md"), february, strlen(february)}};
    session_check(session, others, 2, 1);
    session_last_counts(session, &files, &parsed);
    assert_int_equal(files, 2);
    session_free(session);
}

static void test_a_rewrite_with_the_same_size_and_time_is_seen(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    session_check(session, NULL, 0, 1);
    struct stat before;
    assert_int_equal(stat(path_in("meetings/2025-01-10.md"), &before), 0);
    /* Same length, same modification time: the change time (and the inode,
     * when an editor writes a new file and renames it) still differ. */
    char *same_size = strdup(january);
    memcpy(strstr(same_size, "Sak 02/25"), "Sak 09/25", 9);
    write_old("meetings/2025-01-10.md", same_size);
    struct utimbuf times = {before.st_atime, before.st_mtime};
    utime(path_in("meetings/2025-01-10.md"), &times);
    Compilation *c = session_check(session, NULL, 0, 1);
    size_t files, parsed;
    session_last_counts(session, &files, &parsed);
    assert_int_equal(parsed, 1);
    assert_int_equal(diag_count_code(&c->diagnostics, DIAG_E_NUM_GAP) + diag_count_code(&c->diagnostics, DIAG_E_NUM_ORDER) +
                         diag_count_code(&c->diagnostics, DIAG_E_REF),
                     c->diagnostics.error_count);
    assert_true(c->diagnostics.error_count > 0);
    assert_same_as_fresh(c);
    write_old("meetings/2025-01-10.md", january);
    free(same_size);
    session_free(session);
}

static void test_a_file_just_written_is_parsed_again(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    FILE *f = fopen(path_in("meetings/2025-01-10.md"), "w");
    fputs(january, f);
    fclose(f);
    session_check(session, NULL, 0, 1);
    session_check(session, NULL, 0, 1);
    size_t files, parsed;
    session_last_counts(session, &files, &parsed);
    /* Its time is too close to when it was read to vouch for its text. */
    assert_int_equal(parsed, 1);
    write_old("meetings/2025-01-10.md", january);
    session_free(session);
}

static void test_deleted_files_and_a_changed_configuration(void **state) {
    (void)state;
    Session *session = session_new(test_folder());
    session_check(session, NULL, 0, 1);
    assert_int_equal(unlink(path_in("meetings/2025-02-10.md")), 0);
    Compilation *c = session_check(session, NULL, 0, 1);
    size_t files, parsed;
    session_last_counts(session, &files, &parsed);
    assert_int_equal(files, 1);
    assert_int_equal(parsed, 0);
    assert_int_equal(c->project.meeting_count, 1);
    assert_int_equal(follow_ups(case_numbered(c, 2)), 0);
    /* referat.yaml changed: every meeting's parse read it. */
    write_old("referat.yaml", "site:\n  title: T\nbodies:\n  ssu:\n    name: Strategisk samarbeidsutvalg\n"
                              "    short: SSU\n    seats: 12\n");
    c = session_check(session, NULL, 0, 1);
    session_last_counts(session, &files, &parsed);
    assert_int_equal(parsed, 1);
    assert_same_as_fresh(c);
    /* A referat.yaml that cannot be read: what a fresh run says. */
    write_old("referat.yaml", "bodies: [");
    c = session_check(session, NULL, 0, 1);
    assert_true(c->diagnostics.error_count > 0);
    Compilation fresh;
    compilation_run(&fresh, test_folder(), 1);
    assert_int_equal(c->loaded, fresh.loaded);
    assert_int_equal(c->diagnostics.error_count, fresh.diagnostics.error_count);
    compilation_free(&fresh);
    write_old("referat.yaml", config_text);
    write_old("meetings/2025-02-10.md", february);
    session_free(session);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nothing_changed_parses_nothing_and_forgets_the_last_check),
        cmocka_unit_test(test_an_overlay_is_parsed_and_its_neighbours_kept),
        cmocka_unit_test(test_an_unsaved_new_file_is_a_meeting),
        cmocka_unit_test(test_a_rewrite_with_the_same_size_and_time_is_seen),
        cmocka_unit_test(test_a_file_just_written_is_parsed_again),
        cmocka_unit_test(test_deleted_files_and_a_changed_configuration),
    };
    return cmocka_run_group_tests(tests, project_make, test_folder_remove);
}
