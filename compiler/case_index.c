/* case_index: a small table per (body, year); case numbers are 1..999, so
 * each year is a direct-indexed array. */
#include "case_index.h"

#include <stdlib.h>

#include "check.h"

typedef struct {
    const Body *body;
    int year;
    Case *cases[1000];
} CaseYear;

struct CaseIndex {
    CaseYear **years;
    size_t count, capacity;
};

static CaseYear *year_entry(CaseIndex *index, const Body *body, int year, bool create) {
    for (size_t i = 0; i < index->count; i++) {
        if (index->years[i]->body == body && index->years[i]->year == year)
            return index->years[i];
    }
    if (!create)
        return NULL;
    if (index->count == index->capacity) {
        index->capacity = index->capacity ? index->capacity * 2 : 16;
        index->years = realloc(index->years, index->capacity * sizeof *index->years);
        if (!index->years)
            abort();
    }
    CaseYear *entry = calloc(1, sizeof *entry);
    if (!entry)
        abort();
    entry->body = body;
    entry->year = year;
    index->years[index->count++] = entry;
    return entry;
}

CaseIndex *case_index_build(const Project *project) {
    CaseIndex *index = calloc(1, sizeof *index);
    if (!index)
        abort();
    size_t count;
    Meeting **sorted = check_sorted_meetings(project, &count);
    for (size_t m = 0; m < count; m++) {
        const Meeting *meeting = sorted[m];
        for (size_t i = 0; i < meeting->case_count; i++) {
            Case *c = meeting->cases[i];
            if (!c->number.valid || c->number.year != meeting->date.year)
                continue;
            CaseYear *entry = year_entry(index, meeting->body, c->number.year, true);
            if (!entry->cases[c->number.number])
                entry->cases[c->number.number] = c;
        }
    }
    free(sorted);
    return index;
}

void case_index_free(CaseIndex *index) {
    if (!index)
        return;
    for (size_t i = 0; i < index->count; i++)
        free(index->years[i]);
    free(index->years);
    free(index);
}

Case *case_index_find(const CaseIndex *index, const Body *body, int year, int number) {
    if (number < 1 || number > 999)
        return NULL;
    CaseYear *entry = year_entry((CaseIndex *)index, body, year, false);
    return entry ? entry->cases[number] : NULL;
}

bool case_index_holds_year(const CaseIndex *index, const Body *body, int year) {
    return year_entry((CaseIndex *)index, body, year, false) != NULL;
}
