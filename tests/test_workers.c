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

/* Each item starts with an empty scratch arena, whose memory the item
 * before used (reset, not freed), and the text buffer is the worker's. */
typedef struct {
    atomic_int empty_at_start, reused;
} ScratchSeen;

static void work_with_scratch(Worker *worker, size_t index, void *shared) {
    ScratchSeen *seen = shared;
    if (worker->scratch.bytes_allocated == 0 && worker->scratch.head == NULL)
        atomic_fetch_add(&seen->empty_at_start, 1);
    if (index > 0 && worker->scratch.spare != NULL)
        atomic_fetch_add(&seen->reused, 1);
    memset(arena_alloc(&worker->scratch, 5000), 1, 5000);
    buffer_append_cstring(&worker->text, "x");
}

static void test_scratch_is_reset_between_items(void **state) {
    (void)state;
    TestCompilation t;
    test_begin(&t, test_config);
    ScratchSeen *seen = arena_alloc(&t.arena, sizeof *seen);
    WorkerJob job = {NULL, work_with_scratch, seen};
    workers_run(&t.arena, &t.diagnostics, 1, ITEMS, &job);
    assert_int_equal(atomic_load(&seen->empty_at_start), ITEMS);
    assert_int_equal(atomic_load(&seen->reused), ITEMS - 1);
    test_end(&t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_thread), cmocka_unit_test(test_four_threads),
        cmocka_unit_test(test_more_threads_than_items), cmocka_unit_test(test_scratch_is_reset_between_items),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
