/* emit_pdf: lays the checked AST out on A4 pages. Text is measured with the
 * embedded fonts' real widths, word by word; a word wider than the line is
 * broken between characters (never inside a UTF-8 sequence). Headings are
 * kept with what follows; the page furniture (header, "Side X av Y",
 * watermark) is drawn once the page count is known. */
/* memfd_create is GNU/Linux. */
#define _GNU_SOURCE

#include "memory.h"
#include "emit_pdf.h"

#include <math.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <hpdf.h>

#include "buffer.h"
#include "digest.h"
#include "keywords.h"
#include "markdown.h"
#include "pdf_archive.h"
#include "pdf_libharu.h"
#include "present.h"
#include "values.h"
#include "trace.h"

enum { STYLE_REGULAR, STYLE_BOLD, STYLE_ITALIC, STYLE_BOLD_ITALIC, STYLE_MONO, STYLE_COUNT };
_Static_assert((int)STYLE_COUNT == (int)PDF_FONT_COUNT, "a font file per style");

const char *const PDF_FONT_FILES[PDF_FONT_COUNT] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                                                    "DejaVuSans-BoldOblique.ttf", "DejaVuSansMono.ttf"};

static const float PAGE_WIDTH = 595.276f, PAGE_HEIGHT = 841.89f;
static const float MARGIN_LEFT = 62.0f, MARGIN_RIGHT = 62.0f, MARGIN_TOP = 72.0f, MARGIN_BOTTOM = 64.0f;
static const float BODY_SIZE = 10.5f, LEADING = 1.38f;
enum { PDF_WORD_MAX_BYTES = 4096 };

typedef struct {
    const char *text; /* NUL-terminated copy */
    int style;
    float size;
    const char *link; /* URL, or NULL */
    bool space_before;
    float width;
} Word;

typedef struct {
    Word *items;
    size_t count, capacity;
} Words;

typedef struct {
    HPDF_Page page;
    HPDF_Rect rect;
    size_t case_index;
} PendingLink;

typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    const Meeting *meeting;
    const PdfOptions *options;
    HPDF_Doc doc;
    HPDF_Font fonts[STYLE_COUNT]; /* loaded when first used: a font not used is not embedded */
    const unsigned char *characters; /* bitmap of the BMP code points the PDF may draw */
    bool font_failed[STYLE_COUNT];
    int font_descriptors[STYLE_COUNT]; /* memory files holding the subsets, or -1 */
    uint32_t *code_points;             /* every character this PDF may draw, sorted */
    size_t code_point_count;
    Span span;
    HPDF_Page *pages;
    size_t page_count, page_capacity;
    HPDF_Page page;
    float y;
    HPDF_STATUS error;
    PendingLink *links;
    size_t link_count, link_capacity;
    HPDF_Page *case_pages;
    float *case_y;
    int footnotes;
} Pdf;

static void pdf_error_handler(HPDF_STATUS error, HPDF_STATUS detail, void *data) {
    Pdf *pdf = data;
    (void)detail;
    if (!pdf->error)
        pdf->error = error;
}

static const char *label(const Pdf *pdf, const char *key) {
    return present_label(pdf->options->presentation, key);
}

/* ---- words ------------------------------------------------------------- */

static HPDF_Font font_for(Pdf *pdf, int style);

static float text_width(Pdf *pdf, int style, float size, const char *text, size_t length) {
    HPDF_TextWidth width = HPDF_Font_TextWidth(font_for(pdf, style), (const HPDF_BYTE *)text, (HPDF_UINT)length);
    return (float)width.width * size / 1000.0f;
}

static void words_push(Pdf *pdf, Words *words, const char *text, size_t length, int style, float size, const char *link,
                       bool space_before) {
    if (length == 0)
        return;
    if (words->count == words->capacity) {
        size_t capacity = words->capacity ? words->capacity * 2 : 8;
        Word *items = arena_alloc_array(pdf->arena, capacity, sizeof *items);
        if (words->count)
            memcpy(items, words->items, words->count * sizeof *items);
        words->items = items;
        words->capacity = capacity;
    }
    Word *word = &words->items[words->count++];
    word->text = arena_strndup(pdf->arena, text, length);
    word->style = style;
    word->size = size;
    word->link = link;
    word->space_before = space_before;
    word->width = text_width(pdf, style, size, text, length);
}

/* Splits text at white space into words; *pending_space carries a space
 * across runs of different styles. */
static void words_add_text(Pdf *pdf, Words *words, const char *text, size_t length, int style, float size,
                           const char *link, bool *pending_space) {
    size_t i = 0;
    while (i < length) {
        if (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r') {
            *pending_space = true;
            i++;
            continue;
        }
        size_t start = i;
        while (i < length && !(text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r'))
            i++;
        /* libharu measures and draws strings of at most 64 KiB; a word
         * that long is broken across lines anyway, so it is pushed in
         * pieces (cut between UTF-8 sequences) that join without a space. */
        bool space = *pending_space && words->count > 0;
        while (i - start > PDF_WORD_MAX_BYTES) {
            size_t cut = start + PDF_WORD_MAX_BYTES;
            while (cut > start + 1 && ((unsigned char)text[cut] & 0xC0) == 0x80)
                cut--;
            words_push(pdf, words, text + start, cut - start, style, size, link, space);
            space = false;
            start = cut;
        }
        words_push(pdf, words, text + start, i - start, style, size, link, space);
        *pending_space = false;
    }
}

static void words_add_cstring(Pdf *pdf, Words *words, const char *text, int style, float size) {
    bool space = words->count > 0;
    words_add_text(pdf, words, text, strlen(text), style, size, NULL, &space);
}

/* A word wider than the line is cut into pieces that fit, at character
 * boundaries: URLs and long compounds never run into the margin. */
static Words fit_words(Pdf *pdf, const Words *words, float width) {
    Words fitted = {0};
    for (size_t i = 0; i < words->count; i++) {
        const Word *word = &words->items[i];
        if (word->width <= width) {
            if (fitted.count == fitted.capacity) {
                size_t capacity = fitted.capacity ? fitted.capacity * 2 : 32;
                Word *items = arena_alloc_array(pdf->arena, capacity, sizeof *items);
                if (fitted.count)
                    memcpy(items, fitted.items, fitted.count * sizeof *items);
                fitted.items = items;
                fitted.capacity = capacity;
            }
            fitted.items[fitted.count++] = *word;
            continue;
        }
        const char *text = word->text;
        size_t length = strlen(text), start = 0;
        bool first = true;
        while (start < length) {
            size_t end = start;
            size_t best = start;
            while (end < length) {
                size_t next = end + 1;
                while (next < length && ((unsigned char)text[next] & 0xC0) == 0x80)
                    next++;
                if (text_width(pdf, word->style, word->size, text + start, next - start) > width && best > start)
                    break;
                best = next;
                end = next;
            }
            words_push(pdf, &fitted, text + start, best - start, word->style, word->size, word->link,
                       first && word->space_before);
            first = false;
            start = best;
        }
    }
    return fitted;
}

/* ---- pages --------------------------------------------------------------- */

/* The draft watermark as strokes, not text: it shows on every page but is
 * never part of the text a reader copies or an archive indexes. Letters on
 * a 4 × 6 grid; a negative x lifts the pen. */
static const float *watermark_letter(char letter) {
    static const float U[] = {0, 6, 0, 1, 1, 0, 3, 0, 4, 1, 4, 6, 99};
    static const float T[] = {0, 6, 4, 6, -1, 2, 6, 2, 0, 99};
    static const float K[] = {0, 6, 0, 0, -1, 4, 6, 0, 2, -1, 1.3f, 3.2f, 4, 0, 99};
    static const float A[] = {0, 0, 2, 6, 4, 0, -1, 0.7f, 2, 3.3f, 2, 99};
    static const float S[] = {4, 5, 3, 6, 1, 6, 0, 5, 0, 4, 1, 3, 3, 3, 4, 2, 4, 1, 3, 0, 1, 0, 0, 1, 99};
    static const float D[] = {0, 0, 0, 6, 2.5f, 6, 4, 4.5f, 4, 1.5f, 2.5f, 0, 0, 0, 99};
    static const float R[] = {0, 0, 0, 6, 3, 6, 4, 5, 4, 4, 3, 3, 0, 3, -1, 2, 3, 4, 0, 99};
    static const float F[] = {4, 6, 0, 6, 0, 0, -1, 0, 3, 3, 3, 99};
    switch (letter) {
    case 'U': return U;
    case 'T': return T;
    case 'K': return K;
    case 'A': return A;
    case 'S': return S;
    case 'D': return D;
    case 'R': return R;
    default: return F;
    }
}

static void draw_watermark(Pdf *pdf) {
    /* Only the letters the strokes exist for; the built-in word otherwise. */
    const char *word = label(pdf, "draft_watermark");
    if (!*word || strspn(word, "ADFKRSTU") != strlen(word))
        word = pdf->options->presentation->language == LANGUAGE_EN ? "DRAFT" : "UTKAST";
    size_t letters = strlen(word);
    float unit = 11.5f, advance = 6.2f * unit;
    float width = (float)letters * advance - 2.2f * unit, height = 6 * unit;
    float angle = 0.93f, cosine = cosf(angle), sine = sinf(angle);
    HPDF_Page page = pdf->page;
    HPDF_Page_GSave(page);
    /* Rotate about the page's centre, then centre the word there. */
    HPDF_Page_Concat(page, cosine, sine, -sine, cosine, PAGE_WIDTH / 2, PAGE_HEIGHT / 2);
    HPDF_Page_SetGrayStroke(page, 0.88f);
    HPDF_Page_SetLineWidth(page, 0.9f * unit);
    HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    for (size_t i = 0; i < letters; i++) {
        const float *points = watermark_letter(word[i]);
        float origin_x = -width / 2 + (float)i * advance, origin_y = -height / 2;
        bool pen_down = false;
        for (size_t k = 0; points[k] < 98; k += 2) {
            if (points[k] < 0) {
                pen_down = false;
                k -= 1; /* the marker is one number */
                continue;
            }
            float x = origin_x + points[k] * unit, y = origin_y + points[k + 1] * unit;
            if (pen_down)
                HPDF_Page_LineTo(page, x, y);
            else
                HPDF_Page_MoveTo(page, x, y);
            pen_down = true;
        }
        HPDF_Page_Stroke(page);
    }
    HPDF_Page_GRestore(page);
}

static void new_page(Pdf *pdf) {
    HPDF_Page page = HPDF_AddPage(pdf->doc);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (pdf->page_count == pdf->page_capacity) {
        pdf->page_capacity = pdf->page_capacity ? pdf->page_capacity * 2 : 16;
        pdf->pages = xrealloc(pdf->pages, pdf->page_capacity * sizeof *pdf->pages);
    }
    pdf->pages[pdf->page_count++] = page;
    pdf->page = page;
    pdf->y = PAGE_HEIGHT - MARGIN_TOP;
    if (pdf->meeting->kind == MEETING_MINUTES && !pdf->meeting->approved.year)
        draw_watermark(pdf); /* first, so that it lies behind the text */
}

static void ensure_space(Pdf *pdf, float height) {
    if (!pdf->page || pdf->y - height < MARGIN_BOTTOM)
        new_page(pdf);
}

static void draw_text(Pdf *pdf, int style, float size, float x, float y, const char *text) {
    HPDF_Page_BeginText(pdf->page);
    HPDF_Page_SetFontAndSize(pdf->page, font_for(pdf, style), size);
    HPDF_Page_TextOut(pdf->page, x, y, text);
    HPDF_Page_EndText(pdf->page);
}

static void draw_rule(Pdf *pdf, float x1, float x2, float y, float gray, float width) {
    HPDF_Page_SetGrayStroke(pdf->page, gray);
    HPDF_Page_SetLineWidth(pdf->page, width);
    HPDF_Page_MoveTo(pdf->page, x1, y);
    HPDF_Page_LineTo(pdf->page, x2, y);
    HPDF_Page_Stroke(pdf->page);
}

/* Lays words out from x_left to x_right, line by line, breaking pages as
 * needed. `marker` (a bullet or number) is drawn left of the first line.
 * With `draw` false only the number of lines is counted. */
static size_t layout_words(Pdf *pdf, const Words *input, float x_left, float x_right, float size, bool draw,
                           const char *marker, float marker_x) {
    float width = x_right - x_left;
    Words words = fit_words(pdf, input, width);
    float leading = size * LEADING;
    size_t lines = 0, i = 0;
    while (i < words.count) {
        size_t end = i;
        float line_width = 0;
        while (end < words.count) {
            const Word *word = &words.items[end];
            float space = end > i && word->space_before ? text_width(pdf, word->style, word->size, " ", 1) : 0;
            if (end > i && line_width + space + word->width > width)
                break;
            line_width += space + word->width;
            end++;
        }
        if (draw) {
            ensure_space(pdf, leading);
            float baseline = pdf->y - size;
            if (marker && lines == 0)
                draw_text(pdf, STYLE_REGULAR, size, marker_x, baseline, marker);
            float x = x_left;
            for (size_t k = i; k < end; k++) {
                const Word *word = &words.items[k];
                if (k > i && word->space_before)
                    x += text_width(pdf, word->style, word->size, " ", 1);
                if (word->link)
                    HPDF_Page_SetRGBFill(pdf->page, 0.04f, 0.33f, 0.58f);
                draw_text(pdf, word->style, word->size, x, baseline, word->text);
                if (word->link) {
                    HPDF_Page_SetRGBFill(pdf->page, 0, 0, 0);
                    HPDF_Rect rect = {x, baseline - 2, x + word->width, baseline + word->size};
                    HPDF_Annotation annotation = HPDF_Page_CreateURILinkAnnot(pdf->page, rect, word->link);
                    if (annotation)
                        HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0);
                    pdf_archive_printable(annotation);
                }
                x += word->width;
            }
            pdf->y -= leading;
        }
        lines++;
        i = end;
    }
    return lines;
}

static void paragraph(Pdf *pdf, const Words *words, float indent, float size, float space_after) {
    layout_words(pdf, words, MARGIN_LEFT + indent, PAGE_WIDTH - MARGIN_RIGHT, size, true, NULL, 0);
    pdf->y -= space_after;
}

static void heading(Pdf *pdf, const char *text, float size, float space_before, size_t case_index) {
    Words words = {0};
    words_add_cstring(pdf, &words, text, STYLE_BOLD, size);
    size_t lines = layout_words(pdf, &words, MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT, size, false, NULL, 0);
    /* Never the last line on a page: the heading and three lines of body. */
    float needed = space_before + (float)lines * size * LEADING + 3 * BODY_SIZE * LEADING;
    if (!pdf->page || pdf->y - needed < MARGIN_BOTTOM)
        new_page(pdf);
    else
        pdf->y -= space_before;
    if (case_index != (size_t)-1) {
        pdf->case_pages[case_index] = pdf->page;
        pdf->case_y[case_index] = pdf->y;
    }
    layout_words(pdf, &words, MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT, size, true, NULL, 0);
    pdf->y -= size * 0.35f;
}

/* ---- Markdown ---------------------------------------------------------- */

/* Markdown trees are walked with cmark's iterator and an explicit stack,
 * never by recursion: nesting is bounded by what check allows
 * (LIMIT_MARKDOWN_NESTING on one line) and by the file size, not by the
 * C stack. */

/* Deeper levels keep this indentation: a line must keep room for words. */
static const float MAX_INDENT = 180.0f;

static float indent_within(float indent) {
    return indent > MAX_INDENT ? MAX_INDENT : indent;
}

typedef struct {
    int style;
    const char *link;
    cmark_node *node; /* the container that set them */
} InlineStyle;

/* The words of a block's inline content (emphasis, links, code, …). */
static void collect_inlines(Pdf *pdf, cmark_node *root, int base_style, float size, Words *words) {
    size_t depth = 0, capacity = 16;
    InlineStyle *stack = arena_alloc_array(pdf->arena, capacity, sizeof *stack);
    stack[0] = (InlineStyle){base_style, NULL, root};
    bool space = false;
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (node == root)
            continue;
        cmark_node_type type = cmark_node_get_type(node);
        InlineStyle current = stack[depth];
        if (event == CMARK_EVENT_EXIT) {
            /* Only what was pushed is popped: cmark-gfm also gives some
             * inlines handled as leaves (footnote references) an exit. */
            if (depth > 0 && stack[depth].node == node)
                depth--;
            continue;
        }
        const char *literal = cmark_node_get_literal(node);
        switch (type) {
        case CMARK_NODE_TEXT:
            words_add_text(pdf, words, literal, strlen(literal), current.style, size, current.link, &space);
            continue;
        case CMARK_NODE_CODE:
            words_add_text(pdf, words, literal, strlen(literal), STYLE_MONO, size * 0.92f, current.link, &space);
            continue;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            space = true;
            continue;
        case CMARK_NODE_FOOTNOTE_REFERENCE: {
            char number[16];
            snprintf(number, sizeof number, "[%s]", literal ? literal : "");
            words_push(pdf, words, number, strlen(number), current.style, size * 0.85f, current.link, false);
            continue;
        }
        case CMARK_NODE_HTML_INLINE:
            continue; /* raw HTML is never passed on */
        default:
            break;
        }
        if (event != CMARK_EVENT_ENTER)
            continue;
        /* A container: emphasis, strong, link, image, strikethrough. */
        InlineStyle inner = current;
        inner.node = node;
        if (type == CMARK_NODE_EMPH)
            inner.style = current.style == STYLE_BOLD ? STYLE_BOLD_ITALIC : STYLE_ITALIC;
        else if (type == CMARK_NODE_STRONG)
            inner.style = current.style == STYLE_ITALIC ? STYLE_BOLD_ITALIC : STYLE_BOLD;
        else if (type == CMARK_NODE_IMAGE)
            inner.style = STYLE_ITALIC;
        else if (type == CMARK_NODE_LINK) {
            const char *url = cmark_node_get_url(node);
            if (url && (strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0 ||
                        strncmp(url, "mailto:", 7) == 0))
                inner.link = arena_strdup(pdf->arena, url);
        }
        if (depth + 1 == capacity) {
            InlineStyle *grown = arena_alloc_array(pdf->arena, capacity * 2, sizeof *grown);
            memcpy(grown, stack, capacity * sizeof *stack);
            stack = grown;
            capacity *= 2;
        }
        stack[++depth] = inner;
    }
    cmark_iter_free(iter);
}

static Words inline_words(Pdf *pdf, cmark_node *node, int style, float size) {
    Words words = {0};
    collect_inlines(pdf, node, style, size, &words);
    return words;
}

/* A GFM table: columns sized by their content within the line, cells
 * wrapped, rows kept whole on a page. */
static void layout_table(Pdf *pdf, cmark_node *table, float indent) {
    size_t columns = cmark_gfm_extensions_get_table_columns(table);
    if (columns == 0)
        return;
    size_t rows = 0;
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row))
        rows++;
    Words *cells = arena_alloc_array(pdf->arena, rows * columns + 1, sizeof *cells);
    bool *header = arena_alloc_array(pdf->arena, rows + 1, sizeof *header);
    float size = BODY_SIZE * 0.9f, padding = 3.0f;
    float *natural = arena_alloc_array(pdf->arena, columns, sizeof *natural);
    float *minimum = arena_alloc_array(pdf->arena, columns, sizeof *minimum);
    float available = PAGE_WIDTH - MARGIN_RIGHT - MARGIN_LEFT - indent;
    size_t r = 0;
    for (cmark_node *row = cmark_node_first_child(table); row; row = cmark_node_next(row), r++) {
        header[r] = cmark_gfm_extensions_get_table_row_is_header(row);
        size_t c = 0;
        for (cmark_node *cell = cmark_node_first_child(row); cell && c < columns; cell = cmark_node_next(cell), c++) {
            cells[r * columns + c] = inline_words(pdf, cell, header[r] ? STYLE_BOLD : STYLE_REGULAR, size);
            float line = 0, longest = 0;
            for (size_t w = 0; w < cells[r * columns + c].count; w++) {
                const Word *word = &cells[r * columns + c].items[w];
                line += word->width + (w ? size * 0.3f : 0);
                if (word->width > longest)
                    longest = word->width;
            }
            if (line + 2 * padding > natural[c])
                natural[c] = line + 2 * padding;
            if (longest + 2 * padding > minimum[c])
                minimum[c] = longest + 2 * padding;
        }
    }
    float total_natural = 0, total_minimum = 0;
    for (size_t c = 0; c < columns; c++) {
        if (minimum[c] > available / (float)columns)
            minimum[c] = available / (float)columns; /* long words are broken instead */
        if (natural[c] < minimum[c])
            natural[c] = minimum[c];
        total_natural += natural[c];
        total_minimum += minimum[c];
    }
    float *widths = arena_alloc_array(pdf->arena, columns, sizeof *widths);
    for (size_t c = 0; c < columns; c++) {
        if (total_natural <= available)
            widths[c] = natural[c] * available / total_natural;
        else if (total_minimum >= available || total_natural <= total_minimum)
            widths[c] = available / (float)columns;
        else
            widths[c] = minimum[c] + (available - total_minimum) * (natural[c] - minimum[c]) / (total_natural - total_minimum);
    }
    float leading = size * LEADING;
    for (r = 0; r < rows; r++) {
        size_t most = 1;
        float x = MARGIN_LEFT + indent;
        for (size_t c = 0; c < columns; x += widths[c], c++) {
            size_t lines = layout_words(pdf, &cells[r * columns + c], x + padding, x + widths[c] - padding, size, false,
                                        NULL, 0);
            if (lines > most)
                most = lines;
        }
        float height = (float)most * leading + 2 * padding;
        ensure_space(pdf, height);
        float top = pdf->y, lowest = top;
        x = MARGIN_LEFT + indent;
        for (size_t c = 0; c < columns; c++) {
            pdf->y = top - padding;
            layout_words(pdf, &cells[r * columns + c], x + padding, x + widths[c] - padding, size, true, NULL, 0);
            if (pdf->y < lowest)
                lowest = pdf->y;
            x += widths[c];
        }
        pdf->y = top - height;
        draw_rule(pdf, MARGIN_LEFT + indent, MARGIN_LEFT + indent + available, pdf->y, header[r] ? 0.3f : 0.75f,
                  header[r] ? 0.8f : 0.4f);
    }
    pdf->y -= 6.0f;
}

/* What the walk over the blocks keeps per open container. */
typedef struct {
    cmark_node *node;
    float indent;            /* of the container's children */
    /* lists */
    bool ordered, tight;
    int number;
    /* list items */
    char marker[16];
    float marker_indent;
    bool first_block;
    /* block quotes */
    HPDF_Page start_page;
    float start_y, bar_indent;
} BlockFrame;

static void layout_code_block(Pdf *pdf, cmark_node *node, float indent) {
    const char *literal = cmark_node_get_literal(node);
    const char *line = literal;
    while (line && *line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        Words words = {0};
        bool space = false;
        words_add_text(pdf, &words, line, length, STYLE_MONO, BODY_SIZE * 0.88f, NULL, &space);
        if (words.count == 0)
            pdf->y -= BODY_SIZE * 0.88f * LEADING;
        else
            layout_words(pdf, &words, MARGIN_LEFT + indent + 8, PAGE_WIDTH - MARGIN_RIGHT, BODY_SIZE * 0.88f, true,
                         NULL, 0);
        line = end ? end + 1 : NULL;
    }
    pdf->y -= 5.0f;
}

/* A block without block children, laid out whole; `frame` is the
 * container it is in. */
static void layout_leaf_block_in(Pdf *pdf, cmark_node *node, BlockFrame *frame);

/* A block's words are drawn before the next block is read: they live in a
 * scratch arena freed after each block, so that a meeting of many
 * paragraphs holds one paragraph's words at a time, not all of them. */
static void layout_leaf_block(Pdf *pdf, cmark_node *node, BlockFrame *frame) {
    Arena *meeting_arena = pdf->arena;
    Arena scratch;
    arena_init(&scratch);
    pdf->arena = &scratch;
    layout_leaf_block_in(pdf, node, frame);
    pdf->arena = meeting_arena;
    arena_free(&scratch);
}

static void layout_leaf_block_in(Pdf *pdf, cmark_node *node, BlockFrame *frame) {
    cmark_node_type type = cmark_node_get_type(node);
    const char *name = cmark_node_get_type_string(node);
    float indent = frame->indent;
    bool in_item = cmark_node_get_type(frame->node) == CMARK_NODE_ITEM;
    if (type == CMARK_NODE_PARAGRAPH && in_item && frame->first_block) {
        Words words = inline_words(pdf, node, STYLE_REGULAR, BODY_SIZE);
        layout_words(pdf, &words, MARGIN_LEFT + indent, PAGE_WIDTH - MARGIN_RIGHT, BODY_SIZE, true, frame->marker,
                     MARGIN_LEFT + frame->marker_indent);
        pdf->y -= frame->tight ? 1.5f : 5.0f;
    } else if (type == CMARK_NODE_PARAGRAPH) {
        Words words = inline_words(pdf, node, STYLE_REGULAR, BODY_SIZE);
        paragraph(pdf, &words, indent, BODY_SIZE, in_item && frame->tight ? 1.5f : 5.0f);
    } else if (type == CMARK_NODE_HEADING) {
        Words words = inline_words(pdf, node, STYLE_BOLD, BODY_SIZE + 1);
        ensure_space(pdf, 4 * BODY_SIZE * LEADING);
        pdf->y -= 3.0f;
        paragraph(pdf, &words, indent, BODY_SIZE + 1, 3.0f);
    } else if (type == CMARK_NODE_CODE_BLOCK) {
        layout_code_block(pdf, node, indent);
    } else if (type == CMARK_NODE_THEMATIC_BREAK) {
        ensure_space(pdf, 12);
        draw_rule(pdf, MARGIN_LEFT + indent, PAGE_WIDTH - MARGIN_RIGHT, pdf->y - 6, 0.6f, 0.5f);
        pdf->y -= 12;
    } else if (name && strcmp(name, "table") == 0) {
        layout_table(pdf, node, indent);
    }
    /* HTML blocks are never passed on. */
    frame->first_block = false;
}

/* Opens a container block: the frame its children are laid out in. */
static void open_container(Pdf *pdf, cmark_node *node, const BlockFrame *parent, BlockFrame *frame) {
    cmark_node_type type = cmark_node_get_type(node);
    memset(frame, 0, sizeof *frame);
    frame->node = node;
    frame->indent = parent->indent;
    if (type == CMARK_NODE_LIST) {
        frame->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
        frame->number = cmark_node_get_list_start(node);
        frame->tight = cmark_node_get_list_tight(node);
    } else if (type == CMARK_NODE_ITEM) {
        BlockFrame *list = (BlockFrame *)parent; /* an item's parent is its list */
        if (list->ordered)
            snprintf(frame->marker, sizeof frame->marker, "%d.", list->number++);
        else
            snprintf(frame->marker, sizeof frame->marker, "\xE2\x80\xA2");
        frame->marker_indent = parent->indent;
        frame->indent = indent_within(parent->indent + (list->ordered ? 20.0f : 14.0f));
        frame->tight = list->tight;
        frame->first_block = true;
    } else if (type == CMARK_NODE_BLOCK_QUOTE) {
        frame->start_page = pdf->page;
        frame->start_y = pdf->y;
        frame->bar_indent = parent->indent;
        frame->indent = indent_within(parent->indent + 14.0f);
    } else if (type == CMARK_NODE_FOOTNOTE_DEFINITION) {
        /* Numbered in order, as cmark numbers the references. */
        char marker[16];
        snprintf(marker, sizeof marker, "[%d]", ++pdf->footnotes);
        if (pdf->footnotes == 1) {
            ensure_space(pdf, 14);
            draw_rule(pdf, MARGIN_LEFT + parent->indent, MARGIN_LEFT + parent->indent + 120, pdf->y - 4, 0.6f, 0.5f);
            pdf->y -= 8;
        }
        ensure_space(pdf, BODY_SIZE * LEADING);
        draw_text(pdf, STYLE_REGULAR, BODY_SIZE * 0.85f, MARGIN_LEFT + parent->indent, pdf->y - BODY_SIZE * 0.85f,
                  marker);
        frame->indent = indent_within(parent->indent + 20.0f);
    }
}

static void close_container(Pdf *pdf, const BlockFrame *frame) {
    cmark_node_type type = cmark_node_get_type(frame->node);
    if (type == CMARK_NODE_LIST) {
        pdf->y -= 4.0f;
    } else if (type == CMARK_NODE_BLOCK_QUOTE && pdf->page == frame->start_page) {
        HPDF_Page_SetGrayStroke(pdf->page, 0.7f);
        HPDF_Page_SetLineWidth(pdf->page, 2.0f);
        HPDF_Page_MoveTo(pdf->page, MARGIN_LEFT + frame->bar_indent + 4, frame->start_y);
        HPDF_Page_LineTo(pdf->page, MARGIN_LEFT + frame->bar_indent + 4, pdf->y + 4);
        HPDF_Page_Stroke(pdf->page);
    }
}

static bool is_container_block(cmark_node *node) {
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        return true;
    default:
        return false;
    }
}

static void layout_blocks(Pdf *pdf, cmark_node *document, float indent) {
    size_t depth = 0, capacity = 16;
    BlockFrame *frames = arena_alloc_array(pdf->arena, capacity, sizeof *frames);
    memset(&frames[0], 0, sizeof frames[0]);
    frames[0].node = document;
    frames[0].indent = indent;
    cmark_iter *iter = cmark_iter_new(document);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (node == document)
            continue;
        if (!is_container_block(node)) {
            /* A leaf block and its inlines: laid out at once, then skipped. */
            if (event == CMARK_EVENT_ENTER) {
                layout_leaf_block(pdf, node, &frames[depth]);
                cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
            }
            continue;
        }
        if (event == CMARK_EVENT_EXIT) {
            close_container(pdf, &frames[depth]);
            depth--;
            frames[depth].first_block = false;
            continue;
        }
        if (depth + 1 == capacity) {
            BlockFrame *grown = arena_alloc_array(pdf->arena, capacity * 2, sizeof *grown);
            memcpy(grown, frames, capacity * sizeof *frames);
            frames = grown;
            capacity *= 2;
        }
        open_container(pdf, node, &frames[depth], &frames[depth + 1]);
        depth++;
    }
    cmark_iter_free(iter);
}

static void markdown(Pdf *pdf, Slice text, float indent) {
    if (text.length == 0)
        return;
    cmark_node *document = markdown_parse(text);
    if (!document) {
        Words words = {0};
        bool space = false;
        words_add_text(pdf, &words, text.data, text.length, STYLE_MONO, BODY_SIZE * 0.88f, NULL, &space);
        paragraph(pdf, &words, indent, BODY_SIZE * 0.88f, 5.0f);
        return;
    }
    layout_blocks(pdf, document, indent);
    cmark_node_free(document);
}

/* ---- the meeting --------------------------------------------------------- */

static const char *date_text(const Pdf *pdf, Date date) {
    return present_date(pdf->options->presentation, pdf->arena, date);
}

static const char *number_text(const Pdf *pdf, const Case *c) {
    return present_case_number(pdf->arena, c->number, pdf->meeting->body);
}

static const char *case_title(const Pdf *pdf, const Case *c) {
    return arena_strndup(pdf->arena, c->title.data, c->title.length);
}

static void label_value(Pdf *pdf, const char *key, const char *value, float indent) {
    if (!value || !*value)
        return;
    Words words = {0};
    words_add_cstring(pdf, &words, arena_printf(pdf->arena, "%s:", key), STYLE_BOLD, BODY_SIZE);
    words_add_cstring(pdf, &words, value, STYLE_REGULAR, BODY_SIZE);
    paragraph(pdf, &words, indent, BODY_SIZE, 1.0f);
}

static void simple_paragraph(Pdf *pdf, const char *text, int style, float size, float indent, float after) {
    Words words = {0};
    words_add_cstring(pdf, &words, text, style, size);
    paragraph(pdf, &words, indent, size, after);
}

/* Attendance as a three-column table: name, role, note. */
static void attendance_group(Pdf *pdf, const char *title, const PersonList *list) {
    if (list->count == 0)
        return;
    heading(pdf, title, BODY_SIZE + 0.5f, 6.0f, (size_t)-1);
    float size = BODY_SIZE * 0.92f, leading = size * LEADING;
    float columns[3] = {MARGIN_LEFT, MARGIN_LEFT + 150, PAGE_WIDTH - MARGIN_RIGHT - 110};
    float right[3] = {MARGIN_LEFT + 144, PAGE_WIDTH - MARGIN_RIGHT - 116, PAGE_WIDTH - MARGIN_RIGHT};
    for (size_t i = 0; i < list->count; i++) {
        const Person *p = &list->items[i];
        Words cells[3] = {{0}, {0}, {0}};
        words_add_cstring(pdf, &cells[0], arena_strndup(pdf->arena, p->name.data, p->name.length), STYLE_REGULAR, size);
        if (p->role.length)
            words_add_cstring(pdf, &cells[1], arena_strndup(pdf->arena, p->role.data, p->role.length), STYLE_REGULAR, size);
        if (p->deputy_for.length)
            words_add_cstring(pdf, &cells[2],
                              arena_printf(pdf->arena, "%s %.*s", label(pdf, "deputy_for"), (int)p->deputy_for.length,
                                           p->deputy_for.data),
                              STYLE_ITALIC, size);
        for (const CaseRef *r = p->cases; r; r = r->next) {
            const char *number = present_case_number(pdf->arena, r->number, pdf->meeting->body);
            words_add_cstring(pdf, &cells[2], arena_printf(pdf->arena, "%s %s", label(pdf, "guest_cases"), number),
                              STYLE_ITALIC, size);
        }
        size_t most = 1;
        for (int c = 0; c < 3; c++) {
            size_t lines = layout_words(pdf, &cells[c], columns[c], right[c], size, false, NULL, 0);
            if (lines > most)
                most = lines;
        }
        float height = (float)most * leading + 3;
        ensure_space(pdf, height);
        float top = pdf->y;
        for (int c = 0; c < 3; c++) {
            pdf->y = top;
            layout_words(pdf, &cells[c], columns[c], right[c], size, true, NULL, 0);
        }
        pdf->y = top - height;
        draw_rule(pdf, MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT, pdf->y + 1.5f, 0.85f, 0.3f);
    }
}

static void part(Pdf *pdf, const char *title, Slice text, float gray) {
    ensure_space(pdf, 4 * BODY_SIZE * LEADING);
    pdf->y -= 4.0f;
    HPDF_Page start_page = pdf->page;
    float start_y = pdf->y;
    simple_paragraph(pdf, title, STYLE_BOLD, BODY_SIZE + 0.5f, 10.0f, 2.0f);
    markdown(pdf, text, 10.0f);
    /* A bar beside the part, on each page it covers. */
    for (size_t i = 0; i < pdf->page_count; i++) {
        if (pdf->pages[i] == start_page) {
            for (size_t k = i; k < pdf->page_count; k++) {
                float from = k == i ? start_y : PAGE_HEIGHT - MARGIN_TOP;
                float to = k + 1 == pdf->page_count ? pdf->y + 4 : MARGIN_BOTTOM;
                HPDF_Page_SetGrayStroke(pdf->pages[k], gray);
                HPDF_Page_SetLineWidth(pdf->pages[k], 2.5f);
                HPDF_Page_MoveTo(pdf->pages[k], MARGIN_LEFT + 2, from);
                HPDF_Page_LineTo(pdf->pages[k], MARGIN_LEFT + 2, to);
                HPDF_Page_Stroke(pdf->pages[k]);
            }
            break;
        }
    }
}

static void layout_case(Pdf *pdf, const Case *c, size_t index, const Case *previous) {
    const char *type = present_type_name(pdf->options->presentation, c->type);
    heading(pdf,
            arena_printf(pdf->arena, "%s %s %s%s%s%s", label(pdf, "case"), number_text(pdf, c), case_title(pdf, c),
                         type ? " (" : "", type ? type : "", type ? ")" : ""),
            13.0f, 14.0f, index);
    const Presentation *presentation = pdf->options->presentation;
    const char *exempt = present_exempt_note(presentation, pdf->arena, c);
    if (exempt)
        simple_paragraph(pdf, exempt, STYLE_BOLD_ITALIC, BODY_SIZE, 0, 4.0f);
    const char *closed = present_closed_note(presentation, pdf->arena, c);
    if (closed)
        simple_paragraph(pdf, closed, STYLE_BOLD_ITALIC, BODY_SIZE, 0, 4.0f);
    const char *quorum = present_quorum_note(pdf->options->presentation, pdf->arena, c, previous);
    if (quorum)
        simple_paragraph(pdf, quorum, STYLE_ITALIC, BODY_SIZE * 0.92f, 0, 4.0f);
    if (c->withheld)
        return;
    for (const Recusal *r = c->recusals; r; r = r->next)
        label_value(pdf, label(pdf, "recusal"), present_recusal(presentation, pdf->arena, c, r), 0);
    if (c->case_chair.length)
        label_value(pdf, label(pdf, "case_chair"), arena_strndup(pdf->arena, c->case_chair.data, c->case_chair.length), 0);
    for (const CaseField *f = c->fields; f; f = f->next) {
        /* Attachments and follow-up read well as written; the rest of the
         * fields with a meaning of their own are laid out by it. */
        if (!present_field_is_plain(f) && f->concept != KEYWORD_FIELD_ATTACHMENT && f->concept != KEYWORD_FIELD_FOLLOWS_UP)
            continue;
        label_value(pdf, arena_strndup(pdf->arena, f->key.data, f->key.length),
                    arena_strndup(pdf->arena, f->value.data, f->value.length), 0);
    }
    if (c->fields)
        pdf->y -= 5.0f;
    markdown(pdf, c->text, 0);
    if (c->proposal)
        part(pdf, label(pdf, "proposal"), c->proposal->text, 0.7f);
    if (c->decision)
        part(pdf, present_decision_heading(presentation, c->decision), c->decision->text, 0.15f);
    if (c->votes)
        pdf->y -= 4.0f;
    for (const Vote *vote = c->votes; vote; vote = vote->next) {
        if (!vote->valid)
            continue;
        /* A vote and its For/Mot lines stay on one page. */
        ensure_space(pdf, 3 * BODY_SIZE * LEADING);
        label_value(pdf, present_vote_heading(presentation, pdf->arena, vote),
                    present_vote_summary(presentation, pdf->arena, vote), 0);
        for (int side = 0; side < VOTE_SIDE_COUNT; side++)
            label_value(pdf, present_vote_side(presentation, (VoteSide)side),
                        present_vote_names(pdf->arena, vote, (VoteSide)side), 14.0f);
    }
    if (c->video.length)
        label_value(pdf, label(pdf, "recording_case"), arena_strndup(pdf->arena, c->video.data, c->video.length), 0);
}

/* The signatures at the end of the minutes: a line to sign on above each
 * name, then who took the minutes. */
static void layout_signatures(Pdf *pdf) {
    const Meeting *m = pdf->meeting;
    if (m->kind != MEETING_MINUTES || (m->signed_count == 0 && m->referent.length == 0))
        return;
    heading(pdf, label(pdf, "signatures"), 14.0f, 18.0f, (size_t)-1);
    float column_width = (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / 2;
    for (size_t i = 0; i < m->signed_count; i += 2) {
        ensure_space(pdf, 48.0f);
        pdf->y -= 30.0f;
        float top = pdf->y;
        for (size_t k = i; k < i + 2 && k < m->signed_count; k++) {
            float left = MARGIN_LEFT + (float)(k - i) * column_width;
            draw_rule(pdf, left, left + column_width - 24, top, 0.6f, 0.2f);
            pdf->y = top - 2.0f;
            Words words = {0};
            words_add_cstring(pdf, &words, arena_strndup(pdf->arena, m->signed_by[k].data, m->signed_by[k].length),
                              STYLE_REGULAR, BODY_SIZE);
            layout_words(pdf, &words, left, left + column_width - 24, BODY_SIZE, true, NULL, 0);
        }
        pdf->y = top - BODY_SIZE * LEADING - 4.0f;
    }
    if (m->referent.length) {
        pdf->y -= 8.0f;
        label_value(pdf, label(pdf, "referent"), arena_strndup(pdf->arena, m->referent.data, m->referent.length), 0);
    }
}

static void layout_meeting(Pdf *pdf) {
    const Meeting *m = pdf->meeting;
    new_page(pdf);
    /* The organisation first: two projects may each have an "SSU". */
    const Project *project = pdf->options->presentation->project;
    if (project && project->site_title.length)
        simple_paragraph(pdf, arena_strndup(pdf->arena, project->site_title.data, project->site_title.length),
                         STYLE_REGULAR, 10.0f, 0, 2.0f);
    simple_paragraph(pdf, arena_strndup(pdf->arena, m->body->name.data, m->body->name.length), STYLE_BOLD, 12.0f, 0, 2.0f);
    const char *kind = label(pdf, m->kind == MEETING_NOTICE ? "notice" : "minutes");
    const char *title = m->title.length ? arena_strndup(pdf->arena, m->title.data, m->title.length)
                                        : arena_printf(pdf->arena, "%s %s", kind, date_text(pdf, m->date));
    simple_paragraph(pdf, title, STYLE_BOLD, 20.0f, 0, 8.0f);
    label_value(pdf, label(pdf, "date"), date_text(pdf, m->date), 0);
    label_value(pdf, label(pdf, "time"), present_time(pdf->arena, m->time), 0);
    label_value(pdf, label(pdf, "place"), arena_strndup(pdf->arena, m->place.data, m->place.length), 0);
    label_value(pdf, label(pdf, "chair"), arena_strndup(pdf->arena, m->chair.data, m->chair.length), 0);
    const char *approved = date_text(pdf, m->approved);
    if (approved && m->approved_in && m->approved_in->target)
        approved = arena_printf(pdf->arena, "%s, %s %s", approved, label(pdf, "approved_in"),
                                present_case_number(pdf->arena, m->approved_in->target->number, m->body));
    label_value(pdf, label(pdf, "approved"), approved, 0);
    label_value(pdf, label(pdf, "recording"), arena_strndup(pdf->arena, m->video.data, m->video.length), 0);
    label_value(pdf, label(pdf, "next_meeting"), date_text(pdf, m->next_meeting), 0);
    if (m->present.count + m->advisory.count + m->secretariat.count + m->observers.count + m->guests.count +
            m->absent.count) {
        heading(pdf, label(pdf, "attendance"), 14.0f, 12.0f, (size_t)-1);
        attendance_group(pdf, label(pdf, "present"), &m->present);
        attendance_group(pdf, label(pdf, "advisory"), &m->advisory);
        attendance_group(pdf, label(pdf, "secretariat"), &m->secretariat);
        attendance_group(pdf, label(pdf, "observers"), &m->observers);
        attendance_group(pdf, label(pdf, "guests"), &m->guests);
        attendance_group(pdf, label(pdf, "absent"), &m->absent);
        for (size_t i = 0; i < m->movement_count; i++) {
            const Movement *movement = &m->movements[i];
            StringBuffer names = {0};
            for (size_t n = 0; n < movement->name_count; n++)
                buffer_printf(&names, "%s%.*s", n ? ", " : "", (int)movement->names[n].length, movement->names[n].data);
            const char *number = present_case_number(pdf->arena, movement->before, m->body);
            pdf->y -= 3.0f;
            simple_paragraph(pdf,
                             arena_printf(pdf->arena, "%s %s %s", names.data ? names.data : "",
                                          label(pdf, movement->kind == MOVEMENT_LEFT ? "left_before" : "arrived_before"),
                                          number),
                             STYLE_ITALIC, BODY_SIZE * 0.92f, 0, 1.0f);
            buffer_free(&names);
        }
    }
    if (m->preamble.length) {
        pdf->y -= 8.0f;
        markdown(pdf, m->preamble, 0);
    }
    /* The saksliste; each line links to its case once the cases are laid out. */
    heading(pdf, label(pdf, "agenda"), 14.0f, 12.0f, (size_t)-1);
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        Words words = {0};
        words_add_cstring(pdf, &words, arena_printf(pdf->arena, "%s %s", label(pdf, "case"), number_text(pdf, c)),
                          STYLE_BOLD, BODY_SIZE);
        words_add_cstring(pdf, &words, case_title(pdf, c), STYLE_REGULAR, BODY_SIZE);
        ensure_space(pdf, BODY_SIZE * LEADING);
        HPDF_Page page = pdf->page;
        float top = pdf->y;
        paragraph(pdf, &words, 0, BODY_SIZE, 1.5f);
        if (pdf->page == page) {
            if (pdf->link_count == pdf->link_capacity) {
                pdf->link_capacity = pdf->link_capacity ? pdf->link_capacity * 2 : 32;
                pdf->links = xrealloc(pdf->links, pdf->link_capacity * sizeof *pdf->links);
            }
            HPDF_Rect rect = {MARGIN_LEFT, pdf->y + 1.5f, PAGE_WIDTH - MARGIN_RIGHT, top};
            pdf->links[pdf->link_count++] = (PendingLink){page, rect, i};
        }
    }
    const Case *previous = NULL;
    for (size_t i = 0; i < m->item_count; i++) {
        const Item *item = &m->items[i];
        if (item->kind == ITEM_CASE) {
            layout_case(pdf, item->case_item, item->case_item->index, previous);
            previous = item->case_item;
        } else {
            heading(pdf, arena_strndup(pdf->arena, item->section->title.data, item->section->title.length), 13.0f, 14.0f,
                    (size_t)-1);
            markdown(pdf, item->section->text, 0);
        }
    }
    layout_signatures(pdf);
}

/* Header, "Side X av Y" and the draft watermark, on every page. */
static void page_furniture(Pdf *pdf) {
    const Meeting *m = pdf->meeting;
    const char *kind = label(pdf, m->kind == MEETING_NOTICE ? "notice" : "minutes");
    /* A checked meeting always has a date; the fallback keeps %s away from NULL. */
    const char *date = date_text(pdf, m->date) ? date_text(pdf, m->date) : "";
    const char *header = arena_printf(pdf->arena, "%s – %s %s", m->body->name.data, kind, date);
    /* One line: a body name too long for it is shortened, never overflowing. */
    size_t name_length = m->body->name.length;
    while (name_length > 1 &&
           text_width(pdf, STYLE_REGULAR, 8.0f, header, strlen(header)) > PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT) {
        name_length--;
        while (name_length > 1 && ((unsigned char)m->body->name.data[name_length] & 0xC0) == 0x80)
            name_length--;
        header = arena_printf(pdf->arena, "%.*s… – %s %s", (int)name_length, m->body->name.data, kind, date);
    }
    for (size_t i = 0; i < pdf->page_count; i++) {
        pdf->page = pdf->pages[i];
        HPDF_Page_SetGrayFill(pdf->page, 0.35f);
        draw_text(pdf, STYLE_REGULAR, 8.0f, MARGIN_LEFT, PAGE_HEIGHT - 40, header);
        const char *footer =
            arena_printf(pdf->arena, "%s %zu %s %zu", label(pdf, "page"), i + 1, label(pdf, "page_of"), pdf->page_count);
        float width = text_width(pdf, STYLE_REGULAR, 8.0f, footer, strlen(footer));
        draw_text(pdf, STYLE_REGULAR, 8.0f, PAGE_WIDTH - MARGIN_RIGHT - width, 36, footer);
        draw_rule(pdf, MARGIN_LEFT, PAGE_WIDTH - MARGIN_RIGHT, PAGE_HEIGHT - 46, 0.75f, 0.4f);
        HPDF_Page_SetGrayFill(pdf->page, 0);
    }
}

static void navigation(Pdf *pdf) {
    const Meeting *m = pdf->meeting;
    HPDF_Encoder encoder = HPDF_GetEncoder(pdf->doc, "UTF-8");
    HPDF_Destination *destinations = xcalloc(m->case_count + 1, sizeof *destinations);
    for (size_t i = 0; i < m->case_count; i++) {
        if (!pdf->case_pages[i])
            continue;
        destinations[i] = HPDF_Page_CreateDestination(pdf->case_pages[i]);
        HPDF_Destination_SetFitH(destinations[i], pdf->case_y[i] + 4);
        const Case *c = m->cases[i];
        HPDF_Outline outline = HPDF_CreateOutline(
            pdf->doc, NULL, arena_printf(pdf->arena, "%s %s %s", label(pdf, "case"), number_text(pdf, c), case_title(pdf, c)),
            encoder);
        HPDF_Outline_SetDestination(outline, destinations[i]);
    }
    for (size_t k = 0; k < pdf->link_count; k++) {
        const PendingLink *link = &pdf->links[k];
        if (!destinations[link->case_index])
            continue;
        HPDF_Annotation annotation = HPDF_Page_CreateLinkAnnot(link->page, link->rect, destinations[link->case_index]);
        if (annotation)
            HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0);
        pdf_archive_printable(annotation);
    }
    free(destinations);
    HPDF_SetPageMode(pdf->doc, HPDF_PAGE_MODE_USE_OUTLINE);
}

/* The information dictionary, XMP and PDF/A parts (pdf_archive.c). The
 * /ID is a hash of what the PDF is made from: the meeting's text, the
 * labels, the body and site names and which edition this is. */
static bool document_info(Pdf *pdf) {
    const Meeting *m = pdf->meeting;
    const Presentation *presentation = pdf->options->presentation;
    const char *kind = label(pdf, m->kind == MEETING_NOTICE ? "notice" : "minutes");
    const Project *project = presentation->project;
    PdfArchiveInfo info;
    memset(&info, 0, sizeof info);
    info.title = arena_printf(pdf->arena, "%s %s %s", kind, m->body->short_name.data, date_text(pdf, m->date));
    info.author = m->body->name.data;
    /* The organisation, so that two projects' "SSU" are told apart. */
    info.subject = project && project->site_title.length
                       ? arena_printf(pdf->arena, "%s, %s – %.*s", kind, m->body->name.data,
                                      (int)project->site_title.length, project->site_title.data)
                       : arena_printf(pdf->arena, "%s, %s", kind, m->body->name.data);
    info.creator = "referat";
    info.producer = "referat (libharu)";
    info.date = m->approved.year ? m->approved : m->date;
    info.language = language_code(presentation->language);
    for (int half = 0; half < 2; half++) {
        Digest digest;
        digest_init(&digest);
        digest_number(&digest, (uint64_t)half);
        digest_field(&digest, m->file->text, m->file->length);
        digest_string(&digest, m->file->path);
        digest_string(&digest, info.subject);
        digest_number(&digest, presentation->publication);
        if (presentation->labels_file)
            digest_field(&digest, presentation->labels_file->text, presentation->labels_file->length);
        for (int i = 0; i < 8; i++)
            info.id[half * 8 + i] = (uint8_t)(digest.state >> (8 * i));
    }
    return pdf_archive_finish(pdf->doc, &info);
}

/* ---- fonts ------------------------------------------------------------- */

/* Characters drawn that need not be in the source: cmark's smart
 * punctuation, the dashes and ellipsis of the page furniture, a bullet. */
static const uint32_t EXTRA_CHARACTERS[] = {0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x00A0};

static void mark_characters(unsigned char *seen, const char *text, size_t length) {
    const unsigned char *p = (const unsigned char *)text, *end = p + length;
    while (p && p < end) {
        uint32_t c = *p;
        size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (n > (size_t)(end - p))
            break;
        if (n == 2)
            c = (c & 0x1F) << 6 | (p[1] & 0x3F);
        else if (n == 3)
            c = (c & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
        else if (n == 4)
            c = 0x10000; /* beyond the fonts' format 4 maps */
        if (c < 0x10000)
            seen[c / 8] |= (unsigned char)(1u << (c % 8));
        p += n;
    }
}

/* A superset of what the PDF can draw: every character of the meeting's
 * file, of referat.yaml and of the labels, printable ASCII and a few
 * typographic marks. libharu writes outlines only for glyphs it drew. */
static void collect_characters(Pdf *pdf) {
    unsigned char *seen = arena_alloc(pdf->arena, 0x10000 / 8);
    for (uint32_t c = 0x20; c < 0x7F; c++)
        seen[c / 8] |= (unsigned char)(1u << (c % 8));
    for (size_t i = 0; i < sizeof EXTRA_CHARACTERS / sizeof EXTRA_CHARACTERS[0]; i++)
        seen[EXTRA_CHARACTERS[i] / 8] |= (unsigned char)(1u << (EXTRA_CHARACTERS[i] % 8));
    pdf->characters = seen;
    mark_characters(seen, pdf->meeting->file->text, pdf->meeting->file->length);
    if (pdf->options->config_file)
        mark_characters(seen, pdf->options->config_file->text, pdf->options->config_file->length);
    const Presentation *presentation = pdf->options->presentation;
    for (size_t i = 0; i < presentation->label_count; i++)
        mark_characters(seen, presentation->labels[i].text, strlen(presentation->labels[i].text));
    size_t count = 0;
    for (uint32_t c = 0; c < 0x10000; c++)
        count += (seen[c / 8] >> (c % 8)) & 1;
    pdf->code_points = arena_alloc_array(pdf->arena, count + 1, sizeof *pdf->code_points);
    for (uint32_t c = 0; c < 0x10000; c++)
        if ((seen[c / 8] >> (c % 8)) & 1)
            pdf->code_points[pdf->code_point_count++] = c;
}

/* The subset as a file libharu (2.3, no loading from memory) can open: a
 * memory file, open until the PDF is written. NULL to use the whole font. */
static const char *subset_path(Pdf *pdf, int style) {
    const FontFile *font = pdf->options->font_files ? pdf->options->font_files[style] : NULL;
    unsigned char *data = NULL;
    size_t length = 0;
    if (!font || !font_subset(font, pdf->code_points, pdf->code_point_count, &data, &length))
        return NULL;
    int descriptor = memfd_create("referat-font", MFD_CLOEXEC);
    size_t written = 0;
    while (descriptor >= 0 && written < length) {
        ssize_t n = write(descriptor, data + written, length - written);
        if (n <= 0)
            break;
        written += (size_t)n;
    }
    free(data);
    if (descriptor < 0 || written != length) {
        if (descriptor >= 0)
            close(descriptor);
        return NULL;
    }
    pdf->font_descriptors[style] = descriptor;
    return arena_printf(pdf->arena, "/proc/self/fd/%d", descriptor);
}

static bool load_font(Pdf *pdf, int style) {
    const char *path = arena_printf(pdf->arena, "%s/%s", pdf->options->font_directory, PDF_FONT_FILES[style]);
    FILE *probe = fopen(path, "rb");
    if (!probe) {
        /* Debian ships the oblique faces in fonts-dejavu-extra, the others
         * in fonts-dejavu-core. */
        diag_report(pdf->diagnostics, DIAG_E_PDF, pdf->span, "font %s not found (install %s)", path,
                    style == STYLE_ITALIC || style == STYLE_BOLD_ITALIC ? "fonts-dejavu-extra" : "fonts-dejavu-core");
        return false;
    }
    fclose(probe);
    double began = trace_clock();
    const char *subset = subset_path(pdf, style);
    trace_task("pdf-font-subset", began);
    began = trace_clock();
    const char *name = subset ? HPDF_LoadTTFontFromFile(pdf->doc, subset, HPDF_TRUE) : NULL;
    if (!name) {
        /* The whole font: larger, slower, the same text. */
        HPDF_ResetError(pdf->doc);
        pdf->error = HPDF_OK;
        name = HPDF_LoadTTFontFromFile(pdf->doc, path, HPDF_TRUE);
    }
    pdf->fonts[style] = name ? HPDF_GetFont(pdf->doc, name, "UTF-8") : NULL;
    trace_task("pdf-font-libharu", began);
    if (!pdf->fonts[style]) {
        diag_report(pdf->diagnostics, DIAG_E_PDF, pdf->span, "libharu cannot load the font %s (error 0x%04lX)", path,
                    (unsigned long)pdf->error);
        return false;
    }
    return true;
}

/* A style's font, loaded on first use; the regular font stands in for one
 * that failed (reported once: the build fails). */
static HPDF_Font font_for(Pdf *pdf, int style) {
    if (!pdf->fonts[style] && !pdf->font_failed[style] && !load_font(pdf, style)) {
        pdf->font_failed[style] = true;
        pdf->error = pdf->error ? pdf->error : HPDF_INVALID_FONTDEF_DATA;
    }
    return pdf->fonts[style] ? pdf->fonts[style] : pdf->fonts[STYLE_REGULAR];
}

bool emit_pdf_meeting(Arena *arena, Diagnostics *diagnostics, const Meeting *meeting, const PdfOptions *options,
                      char **data, size_t *length) {
    Pdf pdf;
    memset(&pdf, 0, sizeof pdf);
    pdf.arena = arena;
    pdf.diagnostics = diagnostics;
    pdf.meeting = meeting;
    pdf.options = options;
    for (int style = 0; style < STYLE_COUNT; style++)
        pdf.font_descriptors[style] = -1;
    Span span = {meeting->file, 1, 1, 1, 2};
    pdf.span = span;
    double began = trace_clock(); /* the parts of a PDF's cost, for bench/run's profile */
    pdf_libharu_document_boundary();
    pdf.doc = HPDF_New(pdf_error_handler, &pdf);
    if (!pdf.doc) {
        diag_report(diagnostics, DIAG_E_PDF, span, "cannot start a PDF (out of memory)");
        return false;
    }
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf.doc);
    HPDF_SetCurrentEncoder(pdf.doc, "UTF-8");
    collect_characters(&pdf);
    /* The regular font first: every PDF uses it, and it stands in. */
    if (!load_font(&pdf, STYLE_REGULAR)) {
        HPDF_Free(pdf.doc);
        pdf_libharu_document_boundary();
        return false;
    }
    trace_task("pdf-start-and-regular-font", began);
    began = trace_clock();
    pdf.case_pages = xcalloc(meeting->case_count + 1, sizeof *pdf.case_pages);
    pdf.case_y = xcalloc(meeting->case_count + 1, sizeof *pdf.case_y);
    layout_meeting(&pdf);
    page_furniture(&pdf);
    navigation(&pdf);
    trace_task("pdf-layout-and-other-fonts", began);
    began = trace_clock();
    for (int style = 0; style < STYLE_COUNT; style++)
        if (pdf.fonts[style] && !pdf_archive_to_unicode(pdf.fonts[style], pdf.characters))
            pdf.error = pdf.error ? pdf.error : HPDF_INVALID_STREAM;
    if (!document_info(&pdf))
        pdf.error = pdf.error ? pdf.error : HPDF_INVALID_DOCUMENT;
    trace_task("pdf-archive-metadata", began);
    began = trace_clock();
    bool ok = false;
    if (!pdf.error && HPDF_SaveToStream(pdf.doc) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(pdf.doc);
        *data = xmalloc(size);
        HPDF_UINT32 read = size;
        HPDF_ResetStream(pdf.doc);
        if (HPDF_ReadFromStream(pdf.doc, (HPDF_BYTE *)*data, &read) == HPDF_OK || read == size) {
            *length = read;
            ok = true;
        } else {
            free(*data);
            *data = NULL;
        }
    }
    trace_task("pdf-save-and-deflate", began);
    if (!ok)
        diag_report(diagnostics, DIAG_E_PDF, span, "libharu failed while writing the PDF (error 0x%04lX)",
                    (unsigned long)pdf.error);
    HPDF_Free(pdf.doc);
    pdf_libharu_document_boundary();
    for (int style = 0; style < STYLE_COUNT; style++)
        if (pdf.font_descriptors[style] >= 0)
            close(pdf.font_descriptors[style]);
    free(pdf.pages);
    free(pdf.links);
    free(pdf.case_pages);
    free(pdf.case_y);
    return ok;
}
