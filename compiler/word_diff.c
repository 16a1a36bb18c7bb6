/* word_diff: a longest-common-subsequence diff over words. Decisions are a
 * few hundred words, so the quadratic table is small; a cap keeps a pasted
 * novel from costing more than a few megabytes. */
#include "word_diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "memory.h"
#include "template.h"


typedef struct {
    Slice *words;
    size_t count;
} Words;

static Words split_words(Slice text) {
    Words words = {NULL, 0};
    size_t capacity = 0;
    size_t i = 0;
    while (i < text.length) {
        while (i < text.length && (text.data[i] == ' ' || text.data[i] == '\n' || text.data[i] == '\t' || text.data[i] == '\r'))
            i++;
        size_t start = i;
        while (i < text.length && !(text.data[i] == ' ' || text.data[i] == '\n' || text.data[i] == '\t' || text.data[i] == '\r'))
            i++;
        if (i > start) {
            if (words.count == capacity) {
                capacity = capacity ? capacity * 2 : 64;
                words.words = xrealloc(words.words, capacity * sizeof *words.words);
            }
            words.words[words.count++] = slice_make(text.data + start, i - start);
        }
    }
    return words;
}

bool word_diff_differs(Slice before, Slice after) {
    Words a = split_words(before), b = split_words(after);
    bool differs = a.count != b.count;
    for (size_t i = 0; !differs && i < a.count; i++)
        differs = !slice_equal(a.words[i], b.words[i]);
    free(a.words);
    free(b.words);
    return differs;
}

static void emit(StringBuffer *out, const char *tag, const Slice *words, size_t count) {
    if (count == 0)
        return;
    if (tag)
        buffer_printf(out, "<%s>", tag);
    for (size_t i = 0; i < count; i++) {
        if (i)
            buffer_append_cstring(out, " ");
        html_escape(out, words[i].data, words[i].length);
    }
    if (tag)
        buffer_printf(out, "</%s>", tag);
    buffer_append_cstring(out, " ");
}

Slice word_diff_html(Arena *arena, Slice before, Slice after) {
    Words a = split_words(before), b = split_words(after);
    StringBuffer out = {0};
    size_t n = a.count, m = b.count;
    if ((n + 1) * (m + 1) > LIMIT_WORD_DIFF_CELLS) {
        emit(&out, "del", a.words, n);
        emit(&out, "ins", b.words, m);
    } else {
        /* lcs[i][j]: the common length of a[i..] and b[j..]. */
        uint32_t *lcs = xcalloc((n + 1) * (m + 1), sizeof *lcs);
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                lcs[i * (m + 1) + j] = slice_equal(a.words[i], b.words[j])
                                           ? lcs[(i + 1) * (m + 1) + j + 1] + 1
                                           : (lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1]
                                                  ? lcs[(i + 1) * (m + 1) + j]
                                                  : lcs[i * (m + 1) + j + 1]);
        size_t i = 0, j = 0;
        while (i < n || j < m) {
            size_t same = 0;
            while (i + same < n && j + same < m && slice_equal(a.words[i + same], b.words[j + same]))
                same++;
            emit(&out, NULL, a.words + i, same);
            i += same;
            j += same;
            size_t deleted = 0, inserted = 0;
            while (i + deleted < n && (j + inserted >= m || lcs[(i + deleted + 1) * (m + 1) + j + inserted] >=
                                                                lcs[(i + deleted) * (m + 1) + j + inserted + 1])) {
                if (j + inserted < m && slice_equal(a.words[i + deleted], b.words[j + inserted]))
                    break;
                deleted++;
            }
            while (j + inserted < m && (i + deleted >= n || !slice_equal(a.words[i + deleted], b.words[j + inserted])))
                inserted++;
            emit(&out, "del", a.words + i, deleted);
            emit(&out, "ins", b.words + j, inserted);
            i += deleted;
            j += inserted;
        }
        free(lcs);
    }
    while (out.length && out.data[out.length - 1] == ' ')
        out.length--;
    char *copy = arena_strndup(arena, out.data ? out.data : "", out.length);
    buffer_free(&out);
    free(a.words);
    free(b.words);
    return slice_make(copy, strlen(copy));
}
