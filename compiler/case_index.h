/* case_index: every case of the project by (body, year, number), for the
 * checks that resolve references. Built once per compilation. */
#ifndef REFERAT_CASE_INDEX_H
#define REFERAT_CASE_INDEX_H

#include "ast.h"

typedef struct CaseIndex CaseIndex;

CaseIndex *case_index_build(const Project *project);
void case_index_free(CaseIndex *index);
/* The first case (by meeting date) with that number, or NULL. */
Case *case_index_find(const CaseIndex *index, const Body *body, int year, int number);
/* Whether the project holds any meeting of the body with cases of that year. */
bool case_index_holds_year(const CaseIndex *index, const Body *body, int year);

#endif
