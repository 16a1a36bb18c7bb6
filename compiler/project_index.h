/* project_index: the resolved project, built once after parsing (by
 * check_project) in the compilation's arena — the meetings in numbering
 * order, which notices their minutes supersede, and every case by (body,
 * year, number). The checks, the emitters, fix and scaffold read it;
 * nothing downstream sorts meetings again or calls back into the checks. */
#ifndef REFERAT_PROJECT_INDEX_H
#define REFERAT_PROJECT_INDEX_H

#include <stdbool.h>

#include "arena.h"
#include "ast.h"

typedef struct IndexYear IndexYear;

struct ProjectIndex {
    /* Meetings with a known body and date that no minutes supersede,
     * ordered by body (as in referat.yaml), date, then path. */
    Meeting **meetings;
    size_t meeting_count;
    /* (body, year) → its cases; open addressing, a power of two. */
    IndexYear **years;
    size_t year_capacity;
};

/* Marks superseded notices (a notice beside the minutes of the same body
 * and date) and builds the index into `arena`; sets project->index. */
const ProjectIndex *project_index_build(Arena *arena, Project *project);

/* The first case (in meeting order) numbered `number` in `year`, or NULL. */
Case *project_index_case(const ProjectIndex *index, const Body *body, int year, int number);
/* The first meeting (by path) of `body` on `date`, or NULL: a binary
 * search of the ordered meetings. */
const Meeting *project_index_meeting_on(const ProjectIndex *index, const Body *body, Date date);
/* Whether any meeting of the body holds cases numbered in that year. */
bool project_index_holds_year(const ProjectIndex *index, const Body *body, int year);
/* The highest case number of `year` in the body's meetings dated before
 * `before` (0 if none), and in *last (if not NULL) the last of those
 * meetings, whatever its year. */
int project_index_highest_before(const ProjectIndex *index, const Body *body, int year, Date before,
                                 const Meeting **last);

#endif
