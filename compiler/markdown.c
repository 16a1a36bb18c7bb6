/* markdown: the cmark-gfm wrapper. cmark is never given the option to pass
 * raw HTML (CMARK_OPT_UNSAFE), so pasted HTML is omitted, and the tagfilter
 * extension is on as a second fence. */
#include "markdown.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "limits.h"
#include "template.h"

/* cmark-gfm 0.29 is quadratic on some bracket patterns (CVE-2023-22486):
 * 20,000 "![[]()" take seconds. A text with that many image openers is not
 * minutes; it is shown as escaped text instead of parsed. */

static bool pathological(Slice text) {
    size_t openers = 0;
    for (size_t i = 0; i + 1 < text.length; i++)
        openers += text.data[i] == '!' && text.data[i + 1] == '[';
    return openers > LIMIT_MARKDOWN_IMAGE_OPENERS;
}

/* Reference links are added as Markdown links: [sak 72/24](href). Brackets
 * inside the reference text cannot occur (it is "sak N/YY"). */
static void with_links(StringBuffer *out, Slice text, const MarkdownLink *links, size_t count) {
    size_t position = 0;
    for (size_t i = 0; i < count; i++) {
        const MarkdownLink *link = &links[i];
        if (link->offset < position || link->offset + link->length > text.length)
            continue;
        buffer_append(out, text.data + position, link->offset - position);
        buffer_append_cstring(out, "[");
        buffer_append(out, text.data + link->offset, link->length);
        buffer_append_cstring(out, "](");
        buffer_append_cstring(out, link->href);
        buffer_append_cstring(out, ")");
        position = link->offset + link->length;
    }
    buffer_append(out, text.data + position, text.length - position);
}

static const int MARKDOWN_OPTIONS = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART;

/* cmark-gfm's extension registry is global and unlocked: registered once,
 * then only read, so parsers may run on several threads. */
static pthread_once_t markdown_registered = PTHREAD_ONCE_INIT;

void markdown_prepare(void) {
    pthread_once(&markdown_registered, cmark_gfm_core_extensions_ensure_registered);
}

/* cmark-gfm's inline parser keeps its table of special characters in a
 * global, and every parser adds its extensions' characters ('w' for
 * autolinks, '~', '|') when it parses inlines and removes them when it is
 * done (blocks.c, process_inlines). Two parsers at once on two threads
 * lose each other's characters: `www.example.no` was sometimes left
 * unlinked. So inline parsing is one thread at a time; block parsing and
 * rendering are not. */
static pthread_mutex_t markdown_parsing = PTHREAD_MUTEX_INITIALIZER;

static cmark_node *markdown_parse_locked(cmark_parser *parser, const char *text, size_t length) {
    /* Block parsing (feed) does not read the table; inlines are parsed in
     * finish. */
    cmark_parser_feed(parser, text, length);
    pthread_mutex_lock(&markdown_parsing);
    cmark_node *document = cmark_parser_finish(parser);
    pthread_mutex_unlock(&markdown_parsing);
    return document;
}

/* cmark's memory while markdown_to_html renders: from the caller's arena
 * (a worker's scratch, emptied after each meeting or page), freed with it.
 * cmark allocates every node, buffer and the result with malloc and frees
 * them one by one — a tenth of a build's time, partly inside the parsing
 * lock. cmark_mem carries no context, so the arena is the thread's for the
 * duration of the call. Each block has its size in front, for realloc. */
static _Thread_local Arena *markdown_arena;

typedef struct {
    size_t size;
    size_t padding; /* keeps the block aligned to 16 */
} ArenaMemHeader;

static void *arena_mem_calloc(size_t count, size_t size) {
    if (size && count > (SIZE_MAX - sizeof(ArenaMemHeader)) / size) {
        fputs("referat: out of memory\n", stderr);
        abort();
    }
    ArenaMemHeader *header = arena_alloc(markdown_arena, sizeof *header + count * size);
    header->size = count * size;
    return header + 1;
}

static void *arena_mem_realloc(void *old, size_t size) {
    if (!old)
        return arena_mem_calloc(1, size);
    const ArenaMemHeader *old_header = (const ArenaMemHeader *)old - 1;
    if (size <= old_header->size)
        return old;
    if (size > SIZE_MAX - sizeof(ArenaMemHeader)) {
        fputs("referat: out of memory\n", stderr);
        abort();
    }
    ArenaMemHeader *header = arena_alloc_uninitialized(markdown_arena, sizeof *header + size);
    header->size = size;
    memcpy(header + 1, old, old_header->size);
    return header + 1;
}

static void arena_mem_free(void *block) {
    (void)block; /* with the arena */
}

static cmark_mem arena_mem = {arena_mem_calloc, arena_mem_realloc, arena_mem_free};

static cmark_parser *markdown_parser_with(cmark_mem *mem) {
    markdown_prepare();
    cmark_parser *parser = mem ? cmark_parser_new_with_mem(MARKDOWN_OPTIONS, mem) : cmark_parser_new(MARKDOWN_OPTIONS);
    const char *extensions[] = {"table", "strikethrough", "autolink", "tagfilter"};
    for (size_t i = 0; i < sizeof extensions / sizeof extensions[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(extensions[i]);
        if (extension)
            cmark_parser_attach_syntax_extension(parser, extension);
    }
    return parser;
}

cmark_node *markdown_parse(Slice text) {
    if (pathological(text))
        return NULL;
    cmark_parser *parser = markdown_parser_with(NULL);
    cmark_node *document = markdown_parse_locked(parser, text.data ? text.data : "", text.length);
    cmark_parser_free(parser);
    return document;
}

Slice markdown_to_html(Arena *arena, Slice text, const MarkdownLink *links, size_t link_count) {
    if (text.length == 0)
        return slice_make("", 0);
    if (pathological(text)) {
        StringBuffer escaped = {0};
        buffer_append_cstring(&escaped, "<pre>");
        html_escape(&escaped, text.data, text.length);
        buffer_append_cstring(&escaped, "</pre>\n");
        char *copy = arena_strndup(arena, escaped.data, escaped.length);
        Slice result = slice_make(copy, escaped.length);
        buffer_free(&escaped);
        return result;
    }
    StringBuffer source = {0};
    with_links(&source, text, links, link_count);
    Arena *outer = markdown_arena; /* (none: markdown_to_html does not nest) */
    markdown_arena = arena;
    cmark_parser *parser = markdown_parser_with(&arena_mem);
    cmark_node *document = markdown_parse_locked(parser, source.data ? source.data : "", source.length);
    char *html = cmark_render_html_with_mem(document, MARKDOWN_OPTIONS, cmark_parser_get_syntax_extensions(parser),
                                            &arena_mem);
    size_t length = strlen(html);
    /* Nothing to free: the nodes, the parser and the HTML are the arena's. */
    markdown_arena = outer;
    buffer_free(&source);
    return slice_make(html, length);
}
