/* refs: recognising case references. A reference is the case keyword (from
 * grammar/keywords.tsv, any case) followed by a case number; the word before
 * it, if any, may name a body (`SSU sak`, `SSU-sak`). */
#include "refs.h"

#include <stdint.h>
#include <string.h>

#include "keywords.h"
#include "values.h"

/* Letters, digits and every byte of a non-ASCII character, as a table:
 * the scanner asks it of every byte of the text. */
#define WORD_BYTE(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || ((c) >= '0' && (c) <= '9') || (c) >= 0x80)
#define WORD_BYTES_4(c) WORD_BYTE(c), WORD_BYTE((c) + 1), WORD_BYTE((c) + 2), WORD_BYTE((c) + 3)
#define WORD_BYTES_16(c) WORD_BYTES_4(c), WORD_BYTES_4((c) + 4), WORD_BYTES_4((c) + 8), WORD_BYTES_4((c) + 12)
#define WORD_BYTES_64(c) WORD_BYTES_16(c), WORD_BYTES_16((c) + 16), WORD_BYTES_16((c) + 32), WORD_BYTES_16((c) + 48)
static const bool word_bytes[256] = {WORD_BYTES_64(0), WORD_BYTES_64(64), WORD_BYTES_64(128), WORD_BYTES_64(192)};

static bool is_word_byte(unsigned char c) {
    return word_bytes[c];
}

/* The word ending just before `end` (exclusive), skipping nothing. */
static Slice word_before(const char *text, size_t line_start, size_t end) {
    size_t start = end;
    while (start > line_start && is_word_byte((unsigned char)text[start - 1]))
        start--;
    return slice_make(text + start, end - start);
}

/* Whether any byte of text[0, length) is an ASCII digit, eight bytes at a
 * time (the "has a byte between" bit trick: a byte with its high bit set,
 * as in every non-ASCII character, never counts). */
static bool has_digit(const char *text, size_t length) {
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u, lows = 0x7F7F7F7F7F7F7F7Fu;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t x;
        memcpy(&x, text + i, 8);
        /* Bytes above '0' - 1 and below '9' + 1. */
        if ((ones * (127 + ('9' + 1)) - (x & lows)) & ~x & ((x & lows) + ones * (127 - ('0' - 1))) & highs)
            return true;
    }
    for (; i < length; i++)
        if (text[i] >= '0' && text[i] <= '9')
            return true;
    return false;
}

/* Called for every text line of every meeting. A reference holds a digit,
 * and most lines of running text hold none: those are passed over eight
 * bytes at a time. Otherwise the scan moves a word at a time (a word that
 * cannot start the keyword is skipped whole), and finds the line's number
 * only when a reference is there. */
void refs_scan_line(Arena *arena, const SourceFile *file, size_t start, size_t end, Language language,
                    int reference_year, CaseRef ***tail) {
    const char *text = file->text;
    if (!has_digit(text + start, end - start))
        return;
    SpanCursor cursor;
    bool have_cursor = false;
    for (size_t i = start; i < end;) {
        unsigned char byte = (unsigned char)text[i];
        bool word_start = i == start || !is_word_byte((unsigned char)text[i - 1]);
        size_t keyword_length = 0;
        bool keyword = word_start && keyword_may_start(KEYWORD_GROUP_CASE, byte) &&
                       keyword_prefix(KEYWORD_GROUP_CASE, slice_make(text + i, end - i), language, &keyword_length) >= 0;
        size_t j = i + keyword_length;
        size_t spaces = 0;
        while (keyword && j < end && text[j] == ' ') {
            j++;
            spaces++;
        }
        CaseNumber number;
        size_t consumed = 0;
        if (!keyword || spaces == 0 || j >= end || text[j] < '0' || text[j] > '9' ||
            case_number_parse(slice_make(text + j, end - j), reference_year, &number, &consumed) != CASE_NUMBER_OK) {
            /* No reference starts here, nor anywhere else in this word. */
            if (is_word_byte(byte)) {
                do
                    i++;
                while (i < end && is_word_byte((unsigned char)text[i]));
            } else {
                i++;
            }
            continue;
        }
        if (!have_cursor) {
            cursor = source_cursor_at_line(file, source_line_of_offset(file, start));
            have_cursor = true;
        }
        size_t reference_start = i;
        Slice prefix = slice_make("", 0);
        if (i > start && text[i - 1] == '-') {
            prefix = word_before(text, start, i - 1);
        } else if (i > start + 1 && text[i - 1] == ' ') {
            prefix = word_before(text, start, i - 1);
        }
        if (prefix.length)
            reference_start = (size_t)(prefix.data - text);
        CaseRef *reference = arena_alloc(arena, sizeof *reference);
        reference->span = source_span_on_line(&cursor, reference_start, j + consumed);
        number.span = source_span_on_line(&cursor, j, j + consumed);
        reference->number = number;
        reference->body_prefix = prefix;
        reference->text_offset = reference_start;
        reference->text_end = j + consumed;
        **tail = reference;
        *tail = &reference->next;
        i = j + consumed;
    }
}

CaseRef *refs_parse_value(Arena *arena, const SourceFile *file, Slice value, size_t value_offset,
                          Language language, int reference_year) {
    Slice trimmed = slice_trim(value);
    size_t offset = value_offset + (size_t)(trimmed.data - value.data);
    /* The number is the last word; anything before it names the body, with
     * an optional keyword: `SSU 72/24`, `SSU-sak 72/24`, `SSU sak 72/24`. */
    size_t number_start = trimmed.length;
    while (number_start > 0 && trimmed.data[number_start - 1] != ' ')
        number_start--;
    CaseNumber number;
    size_t consumed;
    Slice number_text = slice_make(trimmed.data + number_start, trimmed.length - number_start);
    if (case_number_parse(number_text, reference_year, &number, &consumed) != CASE_NUMBER_OK ||
        consumed != number_text.length)
        return NULL;
    Slice prefix = slice_trim(slice_make(trimmed.data, number_start));
    /* Drop a trailing keyword: `SSU sak`, `SSU-sak`, or just `sak`. */
    for (size_t k = 0; k <= prefix.length; k++) {
        Slice tail = slice_make(prefix.data + k, prefix.length - k);
        size_t keyword_length;
        bool at_word_start = k == 0 || prefix.data[k - 1] == ' ' || prefix.data[k - 1] == '-';
        if (at_word_start && keyword_prefix(KEYWORD_GROUP_CASE, tail, language, &keyword_length) >= 0 &&
            keyword_length == tail.length) {
            prefix = slice_make(prefix.data, k);
            while (prefix.length && (prefix.data[prefix.length - 1] == ' ' || prefix.data[prefix.length - 1] == '-'))
                prefix.length--;
            break;
        }
    }
    CaseRef *reference = arena_alloc(arena, sizeof *reference);
    reference->span = source_span(file, offset, offset + trimmed.length);
    number.span = source_span(file, offset + number_start, offset + trimmed.length);
    reference->number = number;
    reference->body_prefix = prefix;
    reference->text_offset = offset;
    reference->text_end = offset + trimmed.length;
    return reference;
}
