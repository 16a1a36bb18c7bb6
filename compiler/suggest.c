/* suggest: did-you-mean support shared by every check that names things. */
#include "suggest.h"
#include "limits.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>


/* Decode into lower-cased code points; longer words are cut (a name of more
 * than 128 code points is not a plausible typo of anything). */
static size_t decode_folded(Slice text, unsigned *out) {
    size_t count = 0;
    const unsigned char *p = (const unsigned char *)text.data, *end = p + text.length;
    while (p < end && count < LIMIT_SUGGEST_CODE_POINTS) {
        unsigned c = *p;
        size_t length = utf8_sequence_length(p, (size_t)(end - p));
        if (length == 0)
            length = 1;
        if (length == 1) {
            if (c >= 'A' && c <= 'Z')
                c += 32;
        } else if (length == 2) {
            c = ((c & 0x1F) << 6) | (p[1] & 0x3F);
            if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
                c += 0x20;
        } else if (length == 3) {
            c = ((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
        } else {
            c = ((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
        }
        out[count++] = c;
        p += length;
    }
    return count;
}

static size_t minimum3(size_t a, size_t b, size_t c) {
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

size_t edit_distance(Slice a, Slice b) {
    unsigned left[LIMIT_SUGGEST_CODE_POINTS], right[LIMIT_SUGGEST_CODE_POINTS];
    size_t n = decode_folded(a, left), m = decode_folded(b, right);
    /* Three rows suffice for the transposition rule. */
    size_t rows[3][LIMIT_SUGGEST_CODE_POINTS + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; j++)
        previous[j] = j;
    for (size_t i = 1; i <= n; i++) {
        current[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t cost = left[i - 1] != right[j - 1];
            current[j] = minimum3(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && left[i - 1] == right[j - 2] && left[i - 2] == right[j - 1] &&
                before[j - 2] + 1 < current[j])
                current[j] = before[j - 2] + 1;
        }
        size_t *recycled = before;
        before = previous;
        previous = current;
        current = recycled;
    }
    return previous[m];
}

size_t suggest_default_distance(Slice word) {
    size_t length = utf8_length(word.data, word.length);
    if (length >= 10)
        return 3;
    if (length >= 5)
        return 2;
    return 1;
}

const char *suggest_nearest(Slice word, const char *const *candidates, size_t count, size_t max_distance) {
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    bool tie = false;
    for (size_t i = 0; i < count; i++) {
        if (!candidates[i])
            continue;
        size_t distance = edit_distance(word, slice_from_cstring(candidates[i]));
        if (distance < best_distance) {
            best = candidates[i];
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance && strcmp(best, candidates[i]) != 0) {
            tie = true;
        }
    }
    if (!best || tie || best_distance > max_distance || best_distance == 0)
        return NULL;
    return best;
}
