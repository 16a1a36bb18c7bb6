/* emit_json: the typed model as JSON — `referat dump`, and the per-meeting
 * JSON of the published site. It writes what present.c publishes. */
#ifndef REFERAT_EMIT_JSON_H
#define REFERAT_EMIT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "json.h"
#include "present.h"

/* `meeting` as published (present_meeting). */
void emit_json_meeting(JsonWriter *writer, const Meeting *meeting);
/* Only the front matter's part of that: kind, date, time, place, people,
 * movements (fmt compares it before and after reordering the keys). */
void emit_json_front_matter(JsonWriter *writer, const Meeting *meeting);
/* The project's bodies and every meeting, published by `presentation`
 * (copies in `arena`). */
void emit_json_project(FILE *out, const Project *project, const Presentation *presentation, Arena *arena);

#endif
