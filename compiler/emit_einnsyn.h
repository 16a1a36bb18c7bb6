/* emit_einnsyn: the project's meetings as eInnsyn's data model (the
 * national portal for public records; its API's Moetemappe → Moetesak →
 * Vedtak → Votering), as JSON — from the public edition only: exempt and
 * closed cases keep their public title and nothing else. */
#ifndef REFERAT_EMIT_EINNSYN_H
#define REFERAT_EMIT_EINNSYN_H

#include <stdio.h>

#include "present.h"

/* An array of Moetemappe, one per meeting of project->index, read through
 * `presentation` (which must be the public one). */
void emit_einnsyn(FILE *out, const Project *project, const Presentation *presentation, Arena *arena);

#endif
