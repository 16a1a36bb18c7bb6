/* Unit tests for workers.c: every item is worked exactly once whatever the
 * thread count, and the workers' diagnostics join the caller's. */
#include <stdatomic.h>

#include "test_support.h"
#include "workers.h"

enum { ITEMS = 1000 };

typedef struct {
    atomic_int seen[ITEMS];
} Shared;

static void work(Worker *worker, size_t index, void *shared) {
    Shared *s = shared;
    atomic_fetch_add(&s->seen[index], 1);
    if (index % 100 == 0) {
        Span span = {NULL, 0, 0, 0, 0};
        diag_report(&worker->diagnostics, DIAG_W_REF, span, "item %zu", index);
    }
}

static void run_with(unsigned jobs) {
    TestCompilation t;
    test_begin(&t, test_config);
    Shared *shared = arena_alloc(&t.arena, sizeof *shared);
    WorkerJob job = {NULL, work, shared};
    workers_run(&t.arena, &t.diagnostics, jobs, ITEMS, &job);
    for (size_t i = 0; i < ITEMS; i++)
        assert_int_equal(atomic_load(&shared->seen[i]), 1);
    assert_int_equal(t.diagnostics.warning_count, ITEMS / 100);
    test_end(&t);
}

static void test_one_thread(void **state) {
    (void)state;
    run_with(1);
}

static void test_four_threads(void **state) {
    (void)state;
    run_with(4);
}

static void test_more_threads_than_items(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    Shared *shared = arena_alloc(&t.arena, sizeof *shared);
    WorkerJob job = {NULL, work, shared};
    workers_run(&t.arena, &t.diagnostics, 8, 3, &job);
    assert_int_equal(atomic_load(&shared->seen[0]) + atomic_load(&shared->seen[1]) + atomic_load(&shared->seen[2]), 3);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_thread), cmocka_unit_test(test_four_threads),
        cmocka_unit_test(test_more_threads_than_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
