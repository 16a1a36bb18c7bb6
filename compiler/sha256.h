/* sha256: SHA-256 (FIPS 180-4), for the checksums a Noark 5 deposit
 * records of every document (sjekksum, sjekksumAlgoritme SHA-256). */
#ifndef REFERAT_SHA256_H
#define REFERAT_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    unsigned char block[64];
    size_t used;     /* bytes waiting in block */
} Sha256;

void sha256_init(Sha256 *sha);
void sha256_update(Sha256 *sha, const void *data, size_t length);
/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_final_hex(Sha256 *sha, char hex[65]);
/* One call: the hex digest of `data`. */
void sha256_hex(const void *data, size_t length, char hex[65]);

#endif
