/* digest: a multiply-xorshift over 8-byte words, FNV-1a for the tail. */
#include "digest.h"

#include <string.h>

static const uint64_t FNV_OFFSET = 14695981039346656037u, FNV_PRIME = 1099511628211u;

void digest_init(Digest *digest) {
    digest->state = FNV_OFFSET;
}

/* Eight bytes at a time (a multiply and a shift per word), then the tail
 * byte by byte: fingerprinting 26 MB of meetings is on every build's path. */
void digest_bytes(Digest *digest, const void *data, size_t length) {
    const unsigned char *bytes = data;
    uint64_t state = digest->state;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, bytes + i, 8);
        state = (state ^ word) * 0x9E3779B97F4A7C15u;
        state ^= state >> 29;
    }
    for (; i < length; i++) {
        state ^= bytes[i];
        state *= FNV_PRIME;
    }
    digest->state = state;
}

void digest_number(Digest *digest, uint64_t number) {
    unsigned char bytes[8];
    for (int i = 0; i < 8; i++)
        bytes[i] = (unsigned char)(number >> (8 * i));
    digest_bytes(digest, bytes, sizeof bytes);
}

void digest_field(Digest *digest, const void *data, size_t length) {
    digest_number(digest, length);
    if (length)
        digest_bytes(digest, data, length);
}

void digest_string(Digest *digest, const char *text) {
    digest_field(digest, text ? text : "", text ? strlen(text) : 0);
}
