/* lex: classify the body's lines (stage 2 of the pipeline, after the
 * front matter is split off). One pass, no backtracking: time is linear in
 * the file whatever its content. */
#include "lex.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

typedef enum {
    BLOCK_NONE,
    BLOCK_FENCE,
    BLOCK_HTML_END_MARKER, /* HTML block kinds 1–5: end at a marker */
    BLOCK_HTML_BLANK,      /* HTML block kinds 6–7: end at a blank line */
} BlockState;

typedef struct {
    const char *text;
    size_t start, end;
} Line;

static bool is_blank(Line line) {
    for (size_t i = line.start; i < line.end; i++) {
        char c = line.text[i];
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

/* Leading spaces (a tab counts as reaching the next multiple of 4). */
static size_t indentation(Line line, size_t *first) {
    size_t width = 0, i = line.start;
    while (i < line.end && (line.text[i] == ' ' || line.text[i] == '\t')) {
        width = line.text[i] == '\t' ? (width + 4) / 4 * 4 : width + 1;
        i++;
    }
    *first = i;
    return width;
}

static bool parse_atx_heading(Line line, Token *token) {
    size_t i;
    if (indentation(line, &i) > 3)
        return false;
    size_t hashes = 0;
    while (i + hashes < line.end && line.text[i + hashes] == '#')
        hashes++;
    if (hashes == 0 || hashes > 6)
        return false;
    size_t after = i + hashes;
    if (after < line.end && line.text[after] != ' ' && line.text[after] != '\t' && line.text[after] != '\r')
        return false;
    size_t start = after, end = line.end;
    while (start < end && (line.text[start] == ' ' || line.text[start] == '\t'))
        start++;
    while (end > start && (line.text[end - 1] == ' ' || line.text[end - 1] == '\t' || line.text[end - 1] == '\r'))
        end--;
    /* An optional closing sequence: spaces then #s only, or the whole content. */
    size_t closing = end;
    while (closing > start && line.text[closing - 1] == '#')
        closing--;
    if (closing == start)
        end = start;
    else if (closing < end && (line.text[closing - 1] == ' ' || line.text[closing - 1] == '\t')) {
        end = closing;
        while (end > start && (line.text[end - 1] == ' ' || line.text[end - 1] == '\t'))
            end--;
    }
    token->kind = TOKEN_HEADING;
    token->heading_level = (int)hashes;
    token->content_start = start;
    token->content_end = end;
    return true;
}

/* A fence: up to 3 spaces, then 3+ backticks or tildes; a backtick fence's
 * info string may not contain a backtick. */
static bool parse_fence_open(Line line, char *fence_char, size_t *fence_length) {
    size_t i;
    if (indentation(line, &i) > 3 || i >= line.end)
        return false;
    char c = line.text[i];
    if (c != '`' && c != '~')
        return false;
    size_t n = 0;
    while (i + n < line.end && line.text[i + n] == c)
        n++;
    if (n < 3)
        return false;
    if (c == '`' && memchr(line.text + i + n, '`', line.end - i - n))
        return false;
    *fence_char = c;
    *fence_length = n;
    return true;
}

static bool is_fence_close(Line line, char fence_char, size_t fence_length) {
    size_t i;
    if (indentation(line, &i) > 3)
        return false;
    size_t n = 0;
    while (i + n < line.end && line.text[i + n] == fence_char)
        n++;
    if (n < fence_length)
        return false;
    for (size_t j = i + n; j < line.end; j++) {
        if (line.text[j] != ' ' && line.text[j] != '\t' && line.text[j] != '\r')
            return false;
    }
    return true;
}

static bool line_contains(Line line, const char *needle) {
    size_t n = strlen(needle);
    for (size_t i = line.start; i + n <= line.end; i++) {
        if (strncasecmp(line.text + i, needle, n) == 0)
            return true;
    }
    return false;
}

static bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Tag name at text[i..end) matches one of the names, followed by a space,
 * '>', "/>" or the end of the line. */
static bool tag_name_in(Line line, size_t i, const char *const *names) {
    size_t n = 0;
    while (i + n < line.end && (is_ascii_letter(line.text[i + n]) || (n && line.text[i + n] >= '0' && line.text[i + n] <= '9')))
        n++;
    if (n == 0)
        return false;
    size_t after = i + n;
    bool terminated = after >= line.end || line.text[after] == ' ' || line.text[after] == '\t' ||
                      line.text[after] == '>' || line.text[after] == '\r' ||
                      (line.text[after] == '/' && after + 1 < line.end && line.text[after + 1] == '>');
    if (!terminated)
        return false;
    for (const char *const *name = names; *name; name++) {
        if (strlen(*name) == n && strncasecmp(line.text + i, *name, n) == 0)
            return true;
    }
    return false;
}

static const char *const raw_tags[] = {"script", "pre", "style", "textarea", NULL};
static const char *const block_tags[] = {
    "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
    "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
    "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
    "optgroup", "option", "p", "param", "section", "source", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "title", "tr", "track", "ul", NULL};

/* A line that is only a complete open or closing tag (CommonMark kind 7). */
static bool is_lone_tag(Line line, size_t i) {
    size_t end = line.end;
    while (end > i && (line.text[end - 1] == ' ' || line.text[end - 1] == '\t' || line.text[end - 1] == '\r'))
        end--;
    if (end - i < 3 || line.text[end - 1] != '>')
        return false;
    size_t j = i + 1;
    if (line.text[j] == '/')
        j++;
    if (j >= end || !is_ascii_letter(line.text[j]))
        return false;
    while (j < end && (is_ascii_letter(line.text[j]) || (line.text[j] >= '0' && line.text[j] <= '9') || line.text[j] == '-'))
        j++;
    /* Attributes are not validated in detail: any quote-balanced text. */
    char quote = 0;
    for (; j < end - 1; j++) {
        char c = line.text[j];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<' || c == '>') {
            return false;
        }
    }
    return quote == 0;
}

/* Which HTML block, if any, starts on this line (CommonMark 4.6). */
static BlockState html_block_start(Line line, bool in_paragraph, const char **end_marker) {
    size_t i;
    if (indentation(line, &i) > 3 || i >= line.end || line.text[i] != '<')
        return BLOCK_NONE;
    size_t rest = line.end - i;
    if (tag_name_in(line, i + 1, raw_tags)) {
        *end_marker = NULL; /* any of </script> </pre> </style> </textarea> */
        return BLOCK_HTML_END_MARKER;
    }
    if (rest >= 4 && strncmp(line.text + i, "<!--", 4) == 0) {
        *end_marker = "-->";
        return BLOCK_HTML_END_MARKER;
    }
    if (rest >= 2 && line.text[i + 1] == '?') {
        *end_marker = "?>";
        return BLOCK_HTML_END_MARKER;
    }
    if (rest >= 9 && strncmp(line.text + i, "<![CDATA[", 9) == 0) {
        *end_marker = "]]>";
        return BLOCK_HTML_END_MARKER;
    }
    if (rest >= 3 && line.text[i + 1] == '!' && is_ascii_letter(line.text[i + 2])) {
        *end_marker = ">";
        return BLOCK_HTML_END_MARKER;
    }
    size_t name = i + 1 + (rest >= 2 && line.text[i + 1] == '/');
    if (tag_name_in(line, name, block_tags))
        return BLOCK_HTML_BLANK;
    if (!in_paragraph && is_lone_tag(line, i))
        return BLOCK_HTML_BLANK;
    return BLOCK_NONE;
}

static bool html_end_marker_found(Line line, const char *end_marker) {
    if (end_marker)
        return line_contains(line, end_marker);
    for (const char *const *tag = raw_tags; *tag; tag++) {
        char closing[16];
        size_t n = strlen(*tag);
        closing[0] = '<';
        closing[1] = '/';
        memcpy(closing + 2, *tag, n);
        closing[n + 2] = '>';
        closing[n + 3] = '\0';
        if (line_contains(line, closing))
            return true;
    }
    return false;
}

/* How many block quotes and list items a line opens before its text:
 * `> > - x` opens three. A cheap upper estimate (`- - -` counts, though
 * it is a rule): it only has to find lines nested far beyond any real
 * document, in one pass. */
static unsigned container_openers(Line line) {
    unsigned count = 0;
    size_t i = line.start;
    for (;;) {
        while (i < line.end && (line.text[i] == ' ' || line.text[i] == '\t'))
            i++;
        if (i >= line.end)
            break;
        char c = line.text[i];
        bool space_after = i + 1 < line.end && (line.text[i + 1] == ' ' || line.text[i + 1] == '\t');
        if (c == '>') {
            i++;
        } else if ((c == '-' || c == '*' || c == '+') && space_after) {
            i += 2;
        } else if (c >= '0' && c <= '9') {
            size_t digits = i;
            while (digits < line.end && digits - i < 9 && line.text[digits] >= '0' && line.text[digits] <= '9')
                digits++;
            if (digits + 1 >= line.end || (line.text[digits] != '.' && line.text[digits] != ')') ||
                (line.text[digits + 1] != ' ' && line.text[digits + 1] != '\t'))
                break;
            i = digits + 2;
        } else {
            break;
        }
        count++;
    }
    return count;
}

/* '|' is rare in running text: memchr passes over the rest many bytes at
 * a time (a loop over every byte was most of the lexer's time). */
static unsigned count_pipes(Line line) {
    unsigned count = 0;
    const char *end = line.text + line.end;
    for (const char *p = line.text + line.start; p < end && (p = memchr(p, '|', (size_t)(end - p))) != NULL; p++)
        count++;
    return count;
}

TokenList lex_body(Arena *arena, const SourceFile *file, size_t start) {
    uint32_t first_line = start < file->length ? source_line_of_offset(file, start) : file->line_count + 1;
    size_t capacity = (first_line <= file->line_count ? file->line_count - first_line + 1 : 0) + 1;
    TokenList list;
    list.items = arena_alloc_array(arena, capacity, sizeof *list.items);
    list.count = 0;

    BlockState state = BLOCK_NONE;
    char fence_char = 0;
    size_t fence_length = 0;
    const char *end_marker = NULL;
    bool in_paragraph = false;
    for (uint32_t number = first_line; number <= file->line_count && start < file->length; number++) {
        size_t line_start = file->line_starts[number - 1];
        size_t next = number < file->line_count ? file->line_starts[number] : file->length;
        size_t line_end = next;
        if (line_end > line_start && file->text[line_end - 1] == '\n')
            line_end--;
        if (line_end > line_start && file->text[line_end - 1] == '\r')
            line_end--;
        Line line = {file->text, line_start, line_end};
        Token token;
        memset(&token, 0, sizeof token);
        token.line = number;
        token.start = line_start;
        token.end = line_end;
        token.next = next;

        switch (state) {
        case BLOCK_FENCE:
            token.kind = TOKEN_VERBATIM;
            if (is_fence_close(line, fence_char, fence_length))
                state = BLOCK_NONE;
            break;
        case BLOCK_HTML_END_MARKER:
            token.kind = TOKEN_VERBATIM;
            if (html_end_marker_found(line, end_marker))
                state = BLOCK_NONE;
            break;
        case BLOCK_HTML_BLANK:
            if (is_blank(line)) {
                token.kind = TOKEN_BLANK;
                state = BLOCK_NONE;
            } else {
                token.kind = TOKEN_VERBATIM;
            }
            break;
        case BLOCK_NONE:
            if (is_blank(line)) {
                token.kind = TOKEN_BLANK;
            } else if (parse_atx_heading(line, &token)) {
                /* kind set by the parser */
            } else if (parse_fence_open(line, &fence_char, &fence_length)) {
                token.kind = TOKEN_VERBATIM;
                state = BLOCK_FENCE;
            } else {
                BlockState html = html_block_start(line, in_paragraph, &end_marker);
                if (html == BLOCK_NONE) {
                    token.kind = TOKEN_TEXT;
                    token.nesting = container_openers(line);
                    token.pipes = count_pipes(line);
                } else {
                    token.kind = TOKEN_VERBATIM;
                    state = html;
                    if (html == BLOCK_HTML_END_MARKER && html_end_marker_found(line, end_marker)) {
                        /* The marker may close the block on its first line
                         * (after the opening, e.g. <!-- x -->). */
                        Line after_open = line;
                        size_t i;
                        indentation(line, &i);
                        after_open.start = i + 2;
                        if (html_end_marker_found(after_open, end_marker))
                            state = BLOCK_NONE;
                    }
                }
            }
            break;
        default:
            break;
        }
        in_paragraph = token.kind == TOKEN_TEXT;
        list.items[list.count++] = token;
    }
    Token eof;
    memset(&eof, 0, sizeof eof);
    eof.kind = TOKEN_EOF;
    eof.line = file->line_count + 1;
    eof.start = eof.end = eof.next = file->length;
    list.items[list.count++] = eof;
    return list;
}
