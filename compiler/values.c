/* values: parsing of dates, times and case numbers. */
#include "values.h"

#include <stdio.h>
#include <string.h>

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static bool read_digits(Slice text, size_t *position, size_t count, int *value) {
    int result = 0;
    for (size_t i = 0; i < count; i++) {
        if (*position >= text.length || !is_digit(text.data[*position]))
            return false;
        result = result * 10 + (text.data[(*position)++] - '0');
    }
    *value = result;
    return true;
}

static bool is_leap_year(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year))
        return 29;
    return days[month - 1];
}

bool date_valid(Date date) {
    return date.year >= 1 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

ValueStatus date_parse_iso(Slice text, Date *out) {
    text = slice_trim(text);
    size_t position = 0;
    Date date = {0, 0, 0};
    if (text.length != 10 || !read_digits(text, &position, 4, &date.year) || text.data[position++] != '-' ||
        !read_digits(text, &position, 2, &date.month) || text.data[position++] != '-' ||
        !read_digits(text, &position, 2, &date.day))
        return VALUE_MALFORMED;
    *out = date;
    return date_valid(date) ? VALUE_OK : VALUE_IMPOSSIBLE;
}

/* A two-digit year is the latest year with those digits up to the year
 * after the reference (the meeting's): references point back in time,
 * however far (`79/99` in 2100 is 2099, not 2199), and a heading numbered
 * in the next year (`01/26` in December 2025) still reads as 2026, so that
 * E-NUM-YEAR can say what is wrong. */
static int two_digit_year(int digits, int reference_year) {
    int latest = reference_year + 1;
    int year = latest / 100 * 100 + digits;
    return year > latest ? year - 100 : year;
}

ValueStatus date_parse_any(Slice text, int reference_year, Date *out) {
    text = slice_trim(text);
    if (text.length == 10 && text.data[4] == '-')
        return date_parse_iso(text, out);
    size_t position = 0;
    Date date = {0, 0, 0};
    if (!read_digits(text, &position, 2, &date.day) || position >= text.length || text.data[position++] != '.' ||
        !read_digits(text, &position, 2, &date.month) || position >= text.length || text.data[position++] != '.')
        return VALUE_MALFORMED;
    size_t year_digits = text.length - position;
    if ((year_digits != 2 && year_digits != 4) || !read_digits(text, &position, year_digits, &date.year))
        return VALUE_MALFORMED;
    if (year_digits == 2) /* as a case number's: 31.12.99 in 2100 is 1999's, not 2199's */
        date.year = two_digit_year(date.year, reference_year);
    *out = date;
    return date_valid(date) ? VALUE_OK : VALUE_IMPOSSIBLE;
}

int date_compare(Date a, Date b) {
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    if (a.day != b.day)
        return a.day < b.day ? -1 : 1;
    return 0;
}

static ValueStatus clock_parse(Slice text, size_t *position, int *minutes) {
    int hours, mins;
    if (!read_digits(text, position, 2, &hours) || *position >= text.length || text.data[(*position)++] != ':' ||
        !read_digits(text, position, 2, &mins))
        return VALUE_MALFORMED;
    *minutes = hours * 60 + mins;
    return (hours <= 23 && mins <= 59) || (hours == 24 && mins == 0) ? VALUE_OK : VALUE_IMPOSSIBLE;
}

ValueStatus time_parse(Slice text, TimeRange *out) {
    text = slice_trim(text);
    size_t position = 0;
    TimeRange range = {0, -1, true};
    ValueStatus status = clock_parse(text, &position, &range.start_minute);
    if (status == VALUE_MALFORMED)
        return status;
    if (position < text.length) {
        if (text.data[position++] != '-')
            return VALUE_MALFORMED;
        ValueStatus end_status = clock_parse(text, &position, &range.end_minute);
        if (end_status == VALUE_MALFORMED || position != text.length)
            return VALUE_MALFORMED;
        if (end_status != VALUE_OK)
            status = end_status;
        if (status == VALUE_OK && range.end_minute < range.start_minute)
            status = VALUE_IMPOSSIBLE;
    }
    *out = range;
    return status;
}

CaseNumberStatus case_number_parse(Slice text, int reference_year, CaseNumber *out, size_t *consumed) {
    size_t position = 0;
    int number = 0;
    while (position < text.length && is_digit(text.data[position])) {
        if (position < 4)
            number = number * 10 + (text.data[position] - '0');
        position++;
    }
    *consumed = position;
    if (position == 0)
        return CASE_NUMBER_NOT_A_NUMBER;
    if (position > 3) {
        while (position < text.length && (is_digit(text.data[position]) || text.data[position] == '/' ||
                                          text.data[position] == '-'))
            position++;
        *consumed = position;
        return CASE_NUMBER_TOO_MANY_DIGITS;
    }
    if (position >= text.length || (text.data[position] != '/' && text.data[position] != '-'))
        return CASE_NUMBER_BAD_YEAR;
    bool slash = text.data[position] == '/';
    position++;
    size_t year_start = position;
    int year = 0;
    while (position < text.length && is_digit(text.data[position]) && position - year_start < 5) {
        year = year * 10 + (text.data[position] - '0');
        position++;
    }
    size_t year_digits = position - year_start;
    *consumed = position;
    if (year_digits != 2 && year_digits != 4)
        return CASE_NUMBER_BAD_YEAR;
    if (position < text.length && is_digit(text.data[position]))
        return CASE_NUMBER_BAD_YEAR;
    if (number == 0)
        return CASE_NUMBER_ZERO;
    CaseNumber result;
    memset(&result, 0, sizeof result);
    result.number = number;
    result.year = year_digits == 2 ? two_digit_year(year, reference_year) : year;
    result.form = slash ? (year_digits == 2 ? NUMBERING_SLASH_YY : NUMBERING_SLASH_YYYY)
                        : (year_digits == 2 ? NUMBERING_DASH_YY : NUMBERING_DASH_YYYY);
    result.valid = true;
    *out = result;
    return CASE_NUMBER_OK;
}

size_t decimal_format(char *out, long value, int width) {
    char digits[24];
    size_t count = 0, length = 0;
    unsigned long magnitude = value < 0 ? 0UL - (unsigned long)value : (unsigned long)value;
    do {
        digits[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0) {
        out[length++] = '-';
        width--; /* printf's width counts the sign */
    }
    for (int pad = width - (int)count; pad > 0; pad--)
        out[length++] = '0';
    while (count)
        out[length++] = digits[--count];
    return length;
}

void case_number_format(CaseNumber number, NumberingForm form, char *out, size_t capacity) {
    char separator = (form == NUMBERING_DASH_YY || form == NUMBERING_DASH_YYYY) ? '-' : '/';
    char text[64];
    size_t length = decimal_format(text, number.number, 2);
    text[length++] = separator;
    if (form == NUMBERING_SLASH_YY || form == NUMBERING_DASH_YY)
        length += decimal_format(text + length, number.year % 100, 2);
    else
        length += decimal_format(text + length, number.year, 4);
    if (!capacity)
        return;
    if (length >= capacity)
        length = capacity - 1; /* cut as snprintf cuts */
    memcpy(out, text, length);
    out[length] = '\0';
}

void date_format_dotted(Date date, char *out) {
    size_t length = decimal_format(out, date.day, 2);
    out[length++] = '.';
    length += decimal_format(out + length, date.month, 2);
    out[length++] = '.';
    length += decimal_format(out + length, date.year, 4);
    out[length] = '\0';
}

void date_format_iso(Date date, char *out) {
    size_t length = decimal_format(out, date.year, 4);
    out[length++] = '-';
    length += decimal_format(out + length, date.month, 2);
    out[length++] = '-';
    length += decimal_format(out + length, date.day, 2);
    out[length] = '\0';
}

const char *numbering_form_name(NumberingForm form) {
    return keyword_spelling(KEYWORD_GROUP_NUMBERING, (int)form, LANGUAGE_NB);
}
