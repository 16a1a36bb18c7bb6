/* Unit tests for sha256.c: the FIPS 180-4 example vectors, and a message
 * fed in pieces of every size up to a block. */
#include "sha256.h"
#include "test_support.h"

static void test_vectors(void **state) {
    (void)state;
    char hex[65];
    sha256_hex("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha256_hex("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha256_hex(two_blocks, strlen(two_blocks), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    Sha256 sha;
    sha256_init(&sha);
    char block[1000];
    memset(block, 'a', sizeof block);
    for (int i = 0; i < 1000; i++)
        sha256_update(&sha, block, sizeof block);
    sha256_final_hex(&sha, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_pieces(void **state) {
    (void)state;
    char text[200], whole[65], pieces[65];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = (char)('A' + i % 26);
    sha256_hex(text, sizeof text, whole);
    for (size_t step = 1; step <= 64; step++) {
        Sha256 sha;
        sha256_init(&sha);
        for (size_t at = 0; at < sizeof text; at += step)
            sha256_update(&sha, text + at, at + step <= sizeof text ? step : sizeof text - at);
        sha256_final_hex(&sha, pieces);
        assert_string_equal(pieces, whole);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_vectors), cmocka_unit_test(test_pieces)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
