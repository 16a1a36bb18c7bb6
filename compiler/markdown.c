/* markdown: the cmark-gfm wrapper. cmark is never given the option to pass
 * raw HTML (CMARK_OPT_UNSAFE), so pasted HTML is omitted, and the tagfilter
 * extension is on as a second fence. */
#include "markdown.h"

#include <stdlib.h>
#include <pthread.h>
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

static cmark_parser *markdown_parser(void) {
    markdown_prepare();
    cmark_parser *parser = cmark_parser_new(MARKDOWN_OPTIONS);
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
    cmark_parser *parser = markdown_parser();
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
    cmark_parser *parser = markdown_parser();
    cmark_node *document = markdown_parse_locked(parser, source.data ? source.data : "", source.length);
    char *html = cmark_render_html(document, MARKDOWN_OPTIONS, cmark_parser_get_syntax_extensions(parser));
    size_t length = strlen(html);
    char *copy = arena_strndup(arena, html, length);
    free(html);
    cmark_node_free(document);
    cmark_parser_free(parser);
    buffer_free(&source);
    return slice_make(copy, length);
}
