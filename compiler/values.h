/* values: the small value syntaxes of the language — dates, times and case
 * numbers — shared by the front matter, the case fields and the checks. */
#ifndef REFERAT_VALUES_H
#define REFERAT_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

typedef enum { VALUE_OK, VALUE_MALFORMED, VALUE_IMPOSSIBLE } ValueStatus;

/* ISO YYYY-MM-DD. */
ValueStatus date_parse_iso(Slice text, Date *out);
/* DD.MM.YYYY, DD.MM.YY (the latest year with those digits up to the year
 * after `reference_year`, as in case numbers) or ISO. */
ValueStatus date_parse_any(Slice text, int reference_year, Date *out);
int date_compare(Date a, Date b);
bool date_valid(Date date);
/* HH:MM or HH:MM-HH:MM; a range must not end before it starts. */
ValueStatus time_parse(Slice text, TimeRange *out);

typedef enum {
    CASE_NUMBER_OK,
    CASE_NUMBER_NOT_A_NUMBER,   /* does not start with digits */
    CASE_NUMBER_TOO_MANY_DIGITS,
    CASE_NUMBER_BAD_YEAR,       /* no separator or the year is not 2 or 4 digits */
    CASE_NUMBER_ZERO,
} CaseNumberStatus;

/* The reference year that reads every two-digit year as 20YY, for text
 * with no meeting around it (referat.yaml, an imported document's title). */
#define CASE_NUMBER_YEARS_IN_2000S 2098

/* Parses N/YY, N/YYYY, N-YY or N-YYYY at the start of text; *consumed is
 * set to the bytes read (also on error, to the extent of the digits). A
 * two-digit year is the latest with those digits up to reference_year + 1. */
CaseNumberStatus case_number_parse(Slice text, int reference_year, CaseNumber *out, size_t *consumed);
/* Writes the number in a form, e.g. 8/2025 in NN/YY as "08/25". */
void case_number_format(CaseNumber number, NumberingForm form, char *out, size_t capacity);

/* Dates as DD.MM.YYYY and YYYY-MM-DD, NUL-terminated, in at least
 * DATE_TEXT_SIZE bytes; the same text as printf's "%02d.%02d.%04d" for any
 * date, without printf (every page formats the dates of all its cases,
 * and printf parsing its format was a twelfth of a build). */
enum { DATE_TEXT_SIZE = 40 };
void date_format_dotted(Date date, char *out);
void date_format_iso(Date date, char *out);
/* `value` in decimal, zero-padded to `width` as printf's "%0*d" pads it;
 * returns the length written (at most 21 + width bytes, no NUL). */
size_t decimal_format(char *out, long value, int width);
const char *numbering_form_name(NumberingForm form);

#endif
