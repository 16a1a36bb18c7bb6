/* names: the name matcher behind did-you-mean for people. */
#include "names.h"

#include <stdbool.h>
#include <string.h>

#include "limits.h"
#include "suggest.h"

struct NameSet {
    Slice *names;
    long *indexes;
    size_t mask;            /* slots - 1; slots is a power of two at least twice the capacity */
    size_t count, capacity; /* beyond capacity nothing is added: the table never fills */
};

NameSet *name_set_new(Arena *arena, size_t capacity) {
    NameSet *set = arena_alloc(arena, sizeof *set);
    size_t slots = 16;
    while (slots < 2 * capacity + 2)
        slots *= 2;
    set->names = arena_alloc_array(arena, slots, sizeof *set->names);
    set->indexes = arena_alloc_array(arena, slots, sizeof *set->indexes);
    set->mask = slots - 1;
    set->capacity = capacity;
    return set;
}

static size_t name_set_slot(const NameSet *set, Slice name) {
    size_t slot = (size_t)slice_hash_fold(name) & set->mask;
    while (set->names[slot].length && !slice_equal_fold(set->names[slot], name))
        slot = (slot + 1) & set->mask;
    return slot;
}

long name_set_add(NameSet *set, Slice name, long index) {
    if (!name.length)
        return -1;
    size_t slot = name_set_slot(set, name);
    if (set->names[slot].length)
        return set->indexes[slot];
    if (set->count == set->capacity)
        return -1;
    set->count++;
    set->names[slot] = name;
    set->indexes[slot] = index;
    return -1;
}

long name_set_find(const NameSet *set, Slice name) {
    if (!name.length)
        return -1;
    size_t slot = name_set_slot(set, name);
    return set->names[slot].length ? set->indexes[slot] : -1;
}


/* Lower-case, æ→ae ø→o å→a (and their capitals), periods and hyphens to
 * spaces, runs of spaces to one. "Anne G. Olsen" → "anne g olsen". */
static size_t normalise(Slice name, char *out) {
    size_t n = 0;
    bool space = true;
    for (size_t i = 0; i < name.length && n + 3 < LIMIT_NAME_BYTES; i++) {
        unsigned char c = (unsigned char)name.data[i];
        const char *replacement = NULL;
        char single[2] = {0, 0};
        if (c == 0xC3 && i + 1 < name.length) {
            unsigned char next = (unsigned char)name.data[i + 1];
            if (next == 0xA6 || next == 0x86)
                replacement = "ae";
            else if (next == 0xB8 || next == 0x98)
                replacement = "o";
            else if (next == 0xA5 || next == 0x85)
                replacement = "a";
            if (replacement)
                i++;
        }
        if (!replacement) {
            if (c == '.' || c == '-' || c == ' ' || c == '\t' || c == ',')
                c = ' ';
            else if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            single[0] = (char)c;
            replacement = single;
        }
        for (const char *r = replacement; *r; r++) {
            if (*r == ' ') {
                if (space)
                    continue;
                space = true;
            } else {
                space = false;
            }
            out[n++] = *r;
        }
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

static size_t tokenize(char *text, char **tokens) {
    size_t count = 0;
    char *save = NULL;
    for (char *token = strtok_r(text, " ", &save); token && count < LIMIT_NAME_WORDS; token = strtok_r(NULL, " ", &save))
        tokens[count++] = token;
    return count;
}

/* An initial ("g") stands for a token that starts with it ("grethe"). */
static bool token_matches(const char *a, const char *b) {
    if (strcmp(a, b) == 0)
        return true;
    return (strlen(a) == 1 && a[0] == b[0]) || (strlen(b) == 1 && a[0] == b[0]);
}

/* Same first and last name; the middle names of one are, in order, among
 * those of the other, possibly as initials: "Stine Strømsø" and "Stine J.
 * Strømsø", "Anne G. Olsen" and "Anne Grethe Olsen". */
static bool middle_names_differ(char **a, size_t na, char **b, size_t nb) {
    if (na < 2 || nb < 2 || strcmp(a[0], b[0]) != 0 || strcmp(a[na - 1], b[nb - 1]) != 0)
        return false;
    char **shorter = na <= nb ? a : b, **longer = na <= nb ? b : a;
    size_t ns = na <= nb ? na : nb, nl = na <= nb ? nb : na;
    size_t j = 1;
    for (size_t i = 1; i + 1 < ns; i++) {
        while (j + 1 < nl && !token_matches(shorter[i], longer[j]))
            j++;
        if (j + 1 >= nl)
            return false;
        j++;
    }
    return true;
}

size_t name_distance(Slice written, Slice candidate) {
    char a[LIMIT_NAME_BYTES], b[LIMIT_NAME_BYTES];
    size_t la = normalise(written, a), lb = normalise(candidate, b);
    if (la == lb && memcmp(a, b, la) == 0)
        return 0;
    size_t distance = edit_distance(slice_make(a, la), slice_make(b, lb));
    char ta[LIMIT_NAME_BYTES], tb[LIMIT_NAME_BYTES];
    memcpy(ta, a, la + 1);
    memcpy(tb, b, lb + 1);
    char *tokens_a[LIMIT_NAME_WORDS], *tokens_b[LIMIT_NAME_WORDS];
    size_t na = tokenize(ta, tokens_a), nb = tokenize(tb, tokens_b);
    if (middle_names_differ(tokens_a, na, tokens_b, nb) && distance > 1)
        distance = 1;
    return distance;
}

long name_suggest(Slice written, const Slice *candidates, size_t count) {
    size_t best = (size_t)-1, second = (size_t)-1;
    long choice = -1;
    for (size_t i = 0; i < count; i++) {
        size_t distance = name_distance(written, candidates[i]);
        bool same_as_choice = choice >= 0 && slice_equal(candidates[choice], candidates[i]);
        if (same_as_choice)
            continue; /* the same name twice in the roster is one candidate */
        if (distance < best) {
            second = best;
            best = distance;
            choice = (long)i;
        } else if (distance < second) {
            second = distance;
        }
    }
    /* A longer name may be off by more: two slips from 12 code points on. */
    size_t allowed = utf8_length(written.data, written.length) >= 12 ? 2 : 1;
    if (choice < 0 || best > allowed || second <= best)
        return -1;
    /* A transliteration (Lonnum for Lønnum) is a suggestion too; the very
     * same spelling is not. */
    if (best == 0 && slice_equal(candidates[choice], written))
        return -1;
    return choice;
}
