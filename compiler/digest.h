/* digest: a 64-bit fingerprint of everything one output depends
 * on, so an incremental build can tell an unchanged meeting without
 * rendering it. Not cryptographic: it guards against change, not attack. */
#ifndef REFERAT_DIGEST_H
#define REFERAT_DIGEST_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint64_t state;
} Digest;

void digest_init(Digest *digest);
void digest_bytes(Digest *digest, const void *data, size_t length);
/* Length first, so that ("ab","c") and ("a","bc") differ. */
void digest_field(Digest *digest, const void *data, size_t length);
void digest_string(Digest *digest, const char *text);
void digest_number(Digest *digest, uint64_t number);

#endif
