/* markdown: free text (case text, proposals, decisions, sections) to HTML
 * with cmark-gfm — tables, footnotes, strikethrough, autolinks; raw HTML is
 * never passed through and javascript: links lose their target. */
#ifndef REFERAT_MARKDOWN_H
#define REFERAT_MARKDOWN_H

#include "arena.h"
#include "source.h"

typedef struct {
    size_t offset, length; /* bytes within the text */
    const char *href;      /* the link the reference becomes */
} MarkdownLink;

struct cmark_node;

/* Parses text with the same options and extensions as the HTML; NULL for a
 * pathological text (see markdown.c). Free with cmark_node_free. */
struct cmark_node *markdown_parse(Slice text);

/* Renders text; each link range (sorted, non-overlapping) becomes a link. */
Slice markdown_to_html(Arena *arena, Slice text, const MarkdownLink *links, size_t link_count);

/* Sets up cmark-gfm's extensions; call before parsing on several threads
 * (parsing calls it too). */
void markdown_prepare(void);

#endif
