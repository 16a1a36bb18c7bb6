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
/* Home, body pages, feeds, register, search index, sitemap and 404. */
void html_index_pages(Site *site);

#endif
