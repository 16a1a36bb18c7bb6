/* digest: FNV-1a over bytes. */
#include "digest.h"

#include <string.h>

static const uint64_t FNV_OFFSET = 14695981039346656037u, FNV_PRIME = 1099511628211u;

void digest_init(Digest *digest) {
    digest->state = FNV_OFFSET;
}

void digest_bytes(Digest *digest, const void *data, size_t length) {
    const unsigned char *bytes = data;
    uint64_t state = digest->state;
    for (size_t i = 0; i < length; i++) {
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
