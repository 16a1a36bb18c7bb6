/* emit_json: the typed model as JSON — `referat dump`, and the per-meeting
 * JSON of the published site. In a public emission exempt cases keep only
 * their number, public title and legal basis. */
#ifndef REFERAT_EMIT_JSON_H
#define REFERAT_EMIT_JSON_H

#include <stdbool.h>
#include <stdio.h>

#include "ast.h"
#include "keywords.h"
#include "json.h"

typedef struct {
    bool internal; /* include exempt cases' content (marked "exempt") */
    Language language; /* for the default public title of an exempt case */
} EmitJsonOptions;

void emit_json_meeting(JsonWriter *writer, const Meeting *meeting, EmitJsonOptions options);
void emit_json_project(FILE *out, const Project *project, EmitJsonOptions options);

#endif
