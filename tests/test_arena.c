/* Unit tests for arena.c: allocation, and reset keeping the standard
 * blocks for what comes next (the workers' per-item scratch). */
#include <stdint.h>

#include "arena.h"
#include "test_support.h"

static void test_allocations_are_aligned_and_zeroed(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    for (size_t size = 1; size < 200000; size = size * 3 + 1) {
        unsigned char *block = arena_alloc(&arena, size);
        assert_int_equal((uintptr_t)block % 16, 0);
        for (size_t i = 0; i < size; i++)
            assert_int_equal(block[i], 0);
        memset(block, 0xFF, size);
    }
    arena_free(&arena);
    assert_null(arena.head);
    assert_null(arena.spare);
}

/* After a reset the same memory is handed out again, in the same order,
 * zeroed where arena_alloc promises it; a large block is not kept. */
static void test_reset_reuses_blocks(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    enum { ROUNDS = 3, SMALL = 200 };
    void *first[SMALL];
    for (int round = 0; round < ROUNDS; round++) {
        for (size_t i = 0; i < SMALL; i++) {
            unsigned char *p = arena_alloc(&arena, 1000);
            assert_int_equal(p[0], 0);
            assert_int_equal(p[999], 0);
            memset(p, round + 1, 1000);
            if (round == 0)
                first[i] = p;
            else
                assert_ptr_equal(p, first[i]);
        }
        unsigned char *large = arena_alloc(&arena, 1 << 20);
        assert_int_equal(large[(1 << 20) - 1], 0);
        assert_true(arena.bytes_allocated >= SMALL * 1000 + (1 << 20));
        arena_reset(&arena);
        assert_null(arena.head);
        assert_int_equal(arena.bytes_allocated, 0);
        assert_non_null(arena.spare);
    }
    arena_free(&arena);
    assert_null(arena.spare);
}

/* Adopting moves the blocks in use; the other arena ends empty, its spare
 * blocks freed. */
static void test_adopt_after_reset(void **state) {
    (void)state;
    Arena main_arena, worker;
    arena_init(&main_arena);
    arena_init(&worker);
    char *kept = arena_strdup(&main_arena, "kept");
    arena_strdup(&worker, "scratch");
    arena_reset(&worker);
    char *joined = arena_strdup(&worker, "joins");
    arena_adopt(&main_arena, &worker);
    assert_null(worker.head);
    assert_null(worker.spare);
    assert_int_equal(worker.bytes_allocated, 0);
    assert_string_equal(kept, "kept");
    assert_string_equal(joined, "joins");
    arena_free(&main_arena);
}

/* A buffer apart (a file's text) takes a block of its own and leaves the
 * current block's free space to what comes next: the small allocations
 * around it stay side by side. */
static void test_apart_keeps_the_current_block(void **state) {
    (void)state;
    Arena arena;
    arena_init(&arena);
    unsigned char *a = arena_alloc(&arena, 32);
    size_t sizes[] = {1, 100, 13000, 70000};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        unsigned char *text = arena_alloc_apart(&arena, sizes[k]);
        assert_int_equal((uintptr_t)text % 16, 0);
        memset(text, 'x', sizes[k]);
        unsigned char *b = arena_alloc(&arena, 32);
        assert_ptr_equal(b, a + 32);
        assert_true(text + sizes[k] <= a || text >= b + 32);
        a = b;
    }
    arena_free(&arena);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_allocations_are_aligned_and_zeroed),
        cmocka_unit_test(test_reset_reuses_blocks),
        cmocka_unit_test(test_adopt_after_reset),
        cmocka_unit_test(test_apart_keeps_the_current_block),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
