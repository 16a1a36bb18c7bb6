/* project_index: see project_index.h. Linear in the project after one sort:
 * a notice and its minutes are neighbours in (body, date) order, and each
 * (body, year) is one hash probe. */
#include "project_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "limits.h"
#include "values.h"

struct IndexYear {
    const Body *body;
    int year;
    Case *cases[LIMIT_CASES_PER_MEETING + 1]; /* by number; numbers have at most three digits */
};

static int compare_meetings(const void *left, const void *right) {
    const Meeting *a = *(Meeting *const *)left, *b = *(Meeting *const *)right;
    if (a->body != b->body)
        return a->body < b->body ? -1 : 1;
    int by_date = date_compare(a->date, b->date);
    if (by_date)
        return by_date;
    return strcmp(a->file->path, b->file->path);
}

static size_t year_slot(const ProjectIndex *index, const Body *body, int year) {
    size_t hash = ((size_t)(uintptr_t)body >> 4) * 31u + (size_t)(unsigned)year;
    hash ^= hash >> 16;
    hash *= 0x45d9f3bu;
    size_t mask = index->year_capacity - 1, slot = hash & mask;
    while (index->years[slot] && (index->years[slot]->body != body || index->years[slot]->year != year))
        slot = (slot + 1) & mask;
    return slot;
}

static IndexYear *year_find(const ProjectIndex *index, const Body *body, int year) {
    return index->year_capacity ? index->years[year_slot(index, body, year)] : NULL;
}

/* In each run of meetings of one body and date, notices are superseded by
 * the first minutes of the run. */
static void mark_superseded(Meeting **dated, size_t count) {
    for (size_t start = 0, end; start < count; start = end) {
        end = start + 1;
        while (end < count && dated[end]->body == dated[start]->body &&
               date_compare(dated[end]->date, dated[start]->date) == 0)
            end++;
        Meeting *minutes = NULL;
        for (size_t i = start; i < end && !minutes; i++)
            if (dated[i]->kind == MEETING_MINUTES)
                minutes = dated[i];
        for (size_t i = start; i < end && minutes; i++)
            if (dated[i]->kind == MEETING_NOTICE)
                dated[i]->superseded_by = minutes;
    }
}

const ProjectIndex *project_index_build(Arena *arena, Project *project) {
    ProjectIndex *index = arena_alloc(arena, sizeof *index);
    Meeting **dated = arena_alloc_array(arena, project->meeting_count + 1, sizeof *dated);
    size_t count = 0;
    for (size_t i = 0; i < project->meeting_count; i++) {
        project->meetings[i]->superseded_by = NULL; /* built again after a meeting is added (import --check) */
        if (project->meetings[i]->metadata_valid)
            dated[count++] = project->meetings[i];
    }
    qsort(dated, count, sizeof *dated, compare_meetings);
    mark_superseded(dated, count);
    index->meetings = dated; /* filtered in place: order is kept */
    for (size_t i = 0; i < count; i++)
        if (!dated[i]->superseded_by)
            index->meetings[index->meeting_count++] = dated[i];
    /* At most one (body, year) per meeting and year of its case numbers;
     * the table stays at most half full. */
    size_t years = index->meeting_count + 1;
    index->year_capacity = 16;
    while (index->year_capacity < 2 * years)
        index->year_capacity *= 2;
    index->years = arena_alloc_array(arena, index->year_capacity, sizeof *index->years);
    for (size_t m = 0; m < index->meeting_count; m++) {
        const Meeting *meeting = index->meetings[m];
        for (size_t i = 0; i < meeting->case_count; i++) {
            Case *c = meeting->cases[i];
            if (!c->number.valid || c->number.year != meeting->date.year || c->number.number < 1 ||
                c->number.number > LIMIT_CASES_PER_MEETING)
                continue;
            size_t slot = year_slot(index, meeting->body, c->number.year);
            if (!index->years[slot]) {
                index->years[slot] = arena_alloc(arena, sizeof *index->years[slot]);
                index->years[slot]->body = meeting->body;
                index->years[slot]->year = c->number.year;
            }
            if (!index->years[slot]->cases[c->number.number])
                index->years[slot]->cases[c->number.number] = c;
        }
    }
    project->index = index;
    return index;
}

Case *project_index_case(const ProjectIndex *index, const Body *body, int year, int number) {
    if (number < 1 || number > LIMIT_CASES_PER_MEETING)
        return NULL;
    const IndexYear *entry = year_find(index, body, year);
    return entry ? entry->cases[number] : NULL;
}

bool project_index_holds_year(const ProjectIndex *index, const Body *body, int year) {
    return year_find(index, body, year) != NULL;
}

int project_index_highest_before(const ProjectIndex *index, const Body *body, int year, Date before,
                                 const Meeting **last) {
    int highest = 0;
    if (last)
        *last = NULL;
    for (size_t i = 0; i < index->meeting_count; i++) {
        const Meeting *m = index->meetings[i];
        if (m->body != body || date_compare(m->date, before) >= 0)
            continue;
        if (last)
            *last = m;
        for (size_t k = 0; k < m->case_count; k++) {
            const Case *c = m->cases[k];
            if (c->number.valid && c->number.year == year && c->number.number > highest)
                highest = c->number.number;
        }
    }
    return highest;
}

const Meeting *project_index_meeting_on(const ProjectIndex *index, const Body *body, Date date) {
    size_t low = 0, high = index->meeting_count;
    while (low < high) {
        size_t middle = low + (high - low) / 2;
        const Meeting *m = index->meetings[middle];
        int order = m->body != body ? (m->body < body ? -1 : 1) : date_compare(m->date, date);
        if (order < 0)
            low = middle + 1;
        else
            high = middle;
    }
    if (low < index->meeting_count && index->meetings[low]->body == body &&
        date_compare(index->meetings[low]->date, date) == 0)
        return index->meetings[low];
    return NULL;
}
