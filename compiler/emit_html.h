/* emit_html: the meeting pages and the index site, through the templates
 * (templates/, overridable per project). */
#ifndef REFERAT_EMIT_HTML_H
#define REFERAT_EMIT_HTML_H

#include <stdbool.h>

#include "site.h"

/* Parses the templates and writes the CSS and scripts into assets/;
 * false (with diagnostics) if a template has errors. */
bool html_load_templates(Site *site);
/* One meeting's page (`m` as published). */
void html_meeting_page(Site *site, const Meeting *m);
/* The attachments the meeting's page links to, into files/. */
void html_copy_attachments(Site *site, const Meeting *m);
/* The index site — home, body pages, feeds, calendars, register, search
 * index, sitemap, case histories, people, 404 — as tasks for the worker
 * pool, built alongside the meetings. html_index_begin prepares what
 * several pages share (in site->index_pages) and returns the number of
 * tasks; html_index_task builds one, in any order and on any thread, in
 * site->arena, which it may empty; html_index_end frees what begin made. */
size_t html_index_begin(Site *site);
void html_index_task(Site *site, size_t task);
void html_index_end(Site *site);

#endif
