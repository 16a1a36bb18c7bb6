/* parse: the recursive-descent parser of grammar/minutes.ebnf. Each
 * function parses one rule, quoted above it. The input is the lexer's line
 * tokens; the output is the typed AST with spans. Free text is never
 * interpreted here: it stays a slice of Markdown for the emitters. */
#include "parse.h"

#include <string.h>

#include "keywords.h"
#include "lex.h"
#include "limits.h"
#include "meta.h"
#include "refs.h"
#include "suggest.h"
#include "values.h"
#include "yaml_tree.h"

typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    const Project *project;
    const SourceFile *file;
    Meeting *meeting;
    Language language;
    TokenList tokens;
    size_t position;
    CaseRef **reference_tail;
    Item *items;
    size_t item_capacity;
    bool case_limit_reported;
    /* The case whose fields are being read, and where its lists end, so
     * that a case of many votes or attachments is read in linear time. */
    Vote **vote_tail, *last_vote;
    Recusal **recusal_tail;
    StandIn **stand_in_tail;
    Attachment **attachment_tail;
} Parser;

static const Token *peek(const Parser *p) {
    return &p->tokens.items[p->position];
}

static const Token *advance(Parser *p) {
    const Token *token = &p->tokens.items[p->position];
    if (token->kind != TOKEN_EOF)
        p->position++;
    return token;
}

static Slice token_content(const Parser *p, const Token *token) {
    return slice_make(p->file->text + token->content_start, token->content_end - token->content_start);
}

static Slice token_line(const Parser *p, const Token *token) {
    return slice_make(p->file->text + token->start, token->end - token->start);
}

/* [start, end) on the token's line, which the token knows: no search of
 * the line table (a span for every field, part and heading of every case
 * made that search a few percent of `check`). */
static Span span_on_token_line(const Parser *p, const Token *token, size_t start, size_t end) {
    if (token->line < 1 || token->line > p->file->line_count)
        return source_span(p->file, start, end);
    SpanCursor cursor = source_cursor_at_line(p->file, token->line);
    return source_span_on_line(&cursor, start, end);
}

static Span token_span(const Parser *p, const Token *token) {
    return span_on_token_line(p, token, token->start, token->end);
}

static int reference_year(const Parser *p) {
    return p->meeting->date.year ? p->meeting->date.year : 2000;
}

static bool is_space_byte(char c) {
    return c == ' ' || c == '\t';
}

/* Word templates bold their headings: `**Sak 19/24: Tittel**`. The
 * emphasis markers are removed (both ends, or just the opening) so that the
 * heading can be recognised, and reported. Sets *emphasised. */
static Slice strip_emphasis(Slice text, bool *emphasised) {
    *emphasised = false;
    if (text.length >= 2 && (text.data[0] == '*' || text.data[0] == '_') && text.data[1] == text.data[0]) {
        char marker = text.data[0];
        *emphasised = true;
        text = slice_make(text.data + 2, text.length - 2);
        const char *close = NULL;
        for (size_t i = 0; i + 1 < text.length; i++) {
            if (text.data[i] == marker && text.data[i + 1] == marker) {
                close = text.data + i;
                break;
            }
        }
        if (close && close + 2 == text.data + text.length)
            text.length -= 2;
    }
    return text;
}

/* case_keyword_start = "##" , case_keyword , ( ws | ":" | end ) */
static bool is_case_heading(const Parser *p, const Token *token) {
    if (token->kind != TOKEN_HEADING || token->heading_level != 2)
        return false;
    size_t length;
    bool emphasised;
    Slice content = strip_emphasis(token_content(p, token), &emphasised);
    if (keyword_prefix(KEYWORD_GROUP_CASE, content, p->language, &length) < 0)
        return false;
    return length == content.length || is_space_byte(content.data[length]) || content.data[length] == ':';
}

/* structural_heading = h1 | h2   (ends a case, a part, a section) */
static bool is_structural_heading(const Token *token) {
    return token->kind == TOKEN_HEADING && token->heading_level <= 2;
}

/* part_heading = "###" , ( proposal_keyword | decision_keyword , [ ws , "(" , status , ")" ] ) */
static int part_heading_concept(const Parser *p, const Token *token, Slice *status_text) {
    if (token->kind != TOKEN_HEADING || token->heading_level != 3)
        return -1;
    Slice content = token_content(p, token);
    size_t length;
    int concept = keyword_prefix(KEYWORD_GROUP_PART, content, p->language, &length);
    if (concept < 0)
        return -1;
    Slice rest = slice_trim(slice_make(content.data + length, content.length - length));
    *status_text = slice_make("", 0);
    if (rest.length == 0)
        return concept;
    if (concept == KEYWORD_PART_DECISION && rest.length >= 2 && rest.data[0] == '(' &&
        rest.data[rest.length - 1] == ')') {
        *status_text = slice_trim(slice_make(rest.data + 1, rest.length - 2));
        return concept;
    }
    return -1; /* "### Vedtak i saken" and the like are ordinary text */
}

/* A line that reads like a case heading but is not one: a `### Sak 25/24`
 * heading or a bold `**Sak 28/24: ...**` paragraph. Word templates produce
 * both, and as text they would silently merge the case into the one before. */
static bool check_case_lookalike(Parser *p, const Token *token) {
    Slice text;
    bool emphasised;
    if (token->kind == TOKEN_HEADING && token->heading_level >= 3) {
        text = strip_emphasis(token_content(p, token), &emphasised);
    } else if (token->kind == TOKEN_TEXT) {
        text = strip_emphasis(slice_trim(token_line(p, token)), &emphasised);
        if (!emphasised)
            return false;
    } else {
        return false;
    }
    size_t length;
    if (keyword_prefix(KEYWORD_GROUP_CASE, text, p->language, &length) < 0 || length >= text.length ||
        text.data[length] != ' ')
        return false;
    Slice rest = slice_trim(slice_make(text.data + length, text.length - length));
    CaseNumber number;
    size_t consumed;
    if (case_number_parse(rest, reference_year(p), &number, &consumed) != CASE_NUMBER_OK)
        return false;
    Diagnostic *d = diag_report(p->diagnostics, DIAG_W_CASE_LEVEL, token_span(p, token),
                                "this reads like a case heading, but a case heading is a level-2 heading ('## %.*s')",
                                (int)length, text.data);
    diag_note(p->diagnostics, d, token_span(p, token), "as written it is text of the case or section before it");
    return true;
}

static void scan_references(Parser *p, const Token *token) {
    if (check_case_lookalike(p, token))
        return;
    if (token->kind == TOKEN_TEXT)
        refs_scan_line(p->arena, p->file, token->start, token->end, p->language, reference_year(p),
                       &p->reference_tail);
}

typedef bool (*StopRule)(const Parser *p, const Token *token);

/* text = { line - stop } ; collected as one Markdown slice without the
 * blank lines around it. */
static Slice parse_text(Parser *p, StopRule stop, uint32_t *first_line) {
    size_t start = 0, end = 0;
    bool any = false;
    *first_line = peek(p)->line;
    while (peek(p)->kind != TOKEN_EOF && !stop(p, peek(p))) {
        const Token *token = advance(p);
        scan_references(p, token);
        if (token->kind == TOKEN_BLANK)
            continue;
        if (!any) {
            start = token->start;
            *first_line = token->line;
            any = true;
        }
        end = token->end;
    }
    return any ? slice_make(p->file->text + start, end - start) : slice_make("", 0);
}

static bool stops_preamble(const Parser *p, const Token *token) {
    (void)p;
    return is_structural_heading(token);
}

static bool stops_case_text(const Parser *p, const Token *token) {
    Slice status;
    return is_structural_heading(token) || part_heading_concept(p, token, &status) >= 0;
}

static bool stops_section(const Parser *p, const Token *token) {
    (void)p;
    return is_structural_heading(token);
}

static Item *new_item(Parser *p, ItemKind kind) {
    Meeting *meeting = p->meeting;
    if (meeting->item_count == p->item_capacity) {
        size_t capacity = p->item_capacity ? p->item_capacity * 2 : 16;
        Item *items = arena_alloc_array(p->arena, capacity, sizeof *items);
        if (meeting->item_count)
            memcpy(items, meeting->items, meeting->item_count * sizeof *items);
        meeting->items = items;
        p->item_capacity = capacity;
    }
    Item *item = &meeting->items[meeting->item_count++];
    item->kind = kind;
    return item;
}

/* case_heading = "##" , case_keyword , ws , case_number , [ ":" ] , ws , title ,
 *                [ ws , "(" , case_type , ")" ] ;
 * case_number  = digit , [ digit , [ digit ] ] , ( "/" | "-" ) , ( 2 * digit | 4 * digit ) ; */
static void parse_case_heading(Parser *p, const Token *token, Case *c) {
    bool emphasised;
    Slice content = strip_emphasis(token_content(p, token), &emphasised);
    size_t keyword_length;
    keyword_prefix(KEYWORD_GROUP_CASE, content, p->language, &keyword_length);
    const char *keyword = keyword_spelling(KEYWORD_GROUP_CASE, KEYWORD_CASE_CASE, p->language);
    size_t position = keyword_length;
    size_t content_offset = (size_t)(content.data - p->file->text);
    c->span = token_span(p, token);
    Diagnostic *bold = NULL;
    if (emphasised) {
        /* Reported, then read as the case it plainly is. Trailing emphasis
         * inside (`**Sak 19/24:** Tittel`) is dropped from the content. */
        bold = diag_report(p->diagnostics, DIAG_E_CASE_HEADING, c->span,
                           "a case heading is plain text after '## ', not bold or italic");
        char *plain = arena_strndup(p->arena, content.data, content.length);
        size_t out = 0;
        for (size_t i = 0; i < content.length; i++) {
            if ((plain[i] == '*' || plain[i] == '_') && i + 1 < content.length && plain[i + 1] == plain[i]) {
                i++;
                continue;
            }
            plain[out++] = plain[i];
        }
        plain[out] = '\0';
        diag_suggest(p->diagnostics, bold, arena_printf(p->arena, "## %s", plain));
    }
    while (position < content.length && is_space_byte(content.data[position]))
        position++;

    if (position < content.length && content.data[position] == ':') {
        /* "## Sak: 01/25" is how the Word templates write it; reported,
         * then read as the case it plainly is. */
        Diagnostic *d = diag_report(p->diagnostics, DIAG_E_CASE_HEADING,
                                    source_span(p->file, content_offset, content_offset + position + 1),
                                    "the case number goes right after '%s', without a colon", keyword);
        Slice after = slice_trim(slice_make(content.data + position + 1, content.length - position - 1));
        diag_suggest(p->diagnostics, d,
                     arena_printf(p->arena, "## %s %.*s%s", keyword, (int)after.length, after.data,
                                  after.length ? "" : "01/25 Tittel"));

        position++;
        while (position < content.length && is_space_byte(content.data[position]))
            position++;
    }
    if (position >= content.length) {
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, c->span,
                    "a case heading needs a number and a title: ## %s 01/25 Tittel", keyword);
        return;
    }
    Slice rest = slice_make(content.data + position, content.length - position);
    size_t number_offset = content_offset + position;
    size_t consumed;
    CaseNumberStatus status = case_number_parse(rest, reference_year(p), &c->number, &consumed);
    Span number_span = source_span(p->file, number_offset, number_offset + (consumed ? consumed : 1));
    switch (status) {
    case CASE_NUMBER_OK: break;
    case CASE_NUMBER_NOT_A_NUMBER:
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, number_span,
                    "expected a case number such as 01/25 after '%s'", keyword);
        return;
    case CASE_NUMBER_TOO_MANY_DIGITS:
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, number_span,
                    "a case number has at most 3 digits before the year");
        return;
    case CASE_NUMBER_BAD_YEAR:
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, number_span,
                    "a case number is N/YY, N/YYYY, N-YY or N-YYYY (e.g. 01/25)");
        return;
    case CASE_NUMBER_ZERO:
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, number_span, "case numbers start at 1");
        return;
    }
    c->number.span = number_span;
    position += consumed;
    while (emphasised && position < content.length && (content.data[position] == '*' || content.data[position] == '_'))
        position++;
    if (position < content.length && content.data[position] == ':')
        position++;
    while (emphasised && position < content.length && (content.data[position] == '*' || content.data[position] == '_'))
        position++;
    if (position < content.length && !is_space_byte(content.data[position])) {
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, source_span(p->file, number_offset, content_offset + position + 1),
                    "expected a space between the case number and the title");
        return;
    }
    Slice title = slice_trim(slice_make(content.data + position, content.length - position));
    while (emphasised && title.length && (title.data[title.length - 1] == '*' || title.data[title.length - 1] == '_'))
        title = slice_trim(slice_make(title.data, title.length - 1));
    /* case_type = "B" | "O" | "R"   at the very end, in parentheses */
    if (title.length >= 3 && title.data[title.length - 1] == ')') {
        size_t open = title.length - 1;
        while (open > 0 && title.data[open] != '(')
            open--;
        if (title.data[open] == '(') {
            Slice letter = slice_trim(slice_make(title.data + open + 1, title.length - open - 2));
            int type = keyword_lookup(KEYWORD_GROUP_TYPE, letter, p->language);
            if (type >= 0) {
                c->type = type == KEYWORD_TYPE_DECISION      ? CASE_TYPE_B
                          : type == KEYWORD_TYPE_INFORMATION ? CASE_TYPE_O
                                                             : CASE_TYPE_R;
                title = slice_trim(slice_make(title.data, open));
            }
        }
    }
    if (title.length == 0) {
        /* The number is sound: it still takes part in numbering. */
        diag_report(p->diagnostics, DIAG_E_CASE_HEADING, c->span, "case %.*s has no title", (int)consumed, rest.data);
        return;
    }
    c->title = title;
    size_t title_offset = (size_t)(title.data - p->file->text);
    c->title_span = source_span(p->file, title_offset, title_offset + title.length);
    const Body *body = p->meeting->body;
    if (body && body->numbering_known && c->number.form != body->numbering) {
        char expected[32];
        case_number_format(c->number, body->numbering, expected, sizeof expected);
        Diagnostic *d = diag_report(p->diagnostics, DIAG_E_CASE_HEADING, number_span,
                                    "case number '%.*s' is not in the form %s numbers its cases (%s)",
                                    (int)consumed, rest.data, body->short_name.data,
                                    numbering_form_name(body->numbering));
        diag_suggest(p->diagnostics, d, expected);
        return;
    }
    c->heading_valid = true;
}

/* attachment = "[" , text , "](" , target , ")" | text ; */
static Attachment *parse_attachment(Parser *p, const CaseField *field) {
    Attachment *attachment = arena_alloc(p->arena, sizeof *attachment);
    Slice value = field->value;
    attachment->span = field->value_span;
    attachment->text = value;
    if (value.length >= 4 && value.data[0] == '[' && value.data[value.length - 1] == ')') {
        const char *close = NULL;
        for (size_t i = 1; i + 1 < value.length; i++) {
            if (value.data[i] == ']' && value.data[i + 1] == '(') {
                close = value.data + i;
                break;
            }
        }
        if (close) {
            attachment->text = slice_make(value.data + 1, (size_t)(close - value.data) - 1);
            attachment->target = slice_trim(slice_make(close + 2, (size_t)(value.data + value.length - 1 - (close + 2))));
        }
    }
    return attachment;
}

/* ---- votes, recusal and stand-ins (issue 16) ---------------------------- */

static Span value_part_span(const Parser *p, Slice part) {
    size_t offset = (size_t)(part.data - p->file->text);
    return source_span(p->file, offset, offset + part.length);
}

static bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The next number or word of a vote value, skipping spaces; empty at the end. */
static Slice vote_token(Slice value, size_t *position) {
    size_t i = *position;
    while (i < value.length && is_space_byte(value.data[i]))
        i++;
    size_t start = i;
    if (i < value.length && value.data[i] >= '0' && value.data[i] <= '9')
        while (i < value.length && value.data[i] >= '0' && value.data[i] <= '9')
            i++;
    else if (i < value.length && is_word_byte((unsigned char)value.data[i]))
        while (i < value.length && is_word_byte((unsigned char)value.data[i]))
            i++;
    else if (i < value.length)
        i++; /* one punctuation byte: ',' or '.' */
    *position = i;
    return slice_make(value.data + start, i - start);
}

static int vote_number(Slice token) {
    if (token.length == 0 || token.length > 6 || token.data[0] < '0' || token.data[0] > '9')
        return -1;
    int n = 0;
    for (size_t i = 0; i < token.length; i++)
        n = n * 10 + (token.data[i] - '0');
    return n;
}

/* vote_value = <unanimous> , [ text ]
 *            | count , ( <against> | <versus> ) , count , [ "," , count , <blank> ]
 *            | count , side , { "," , count , side } , [ "." ] ;
 * side       = <for> | <against> | <blank> ;            (grammar/keywords.tsv: vote) */
static bool vote_value_parse(const Parser *p, Slice value, Vote *vote) {
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        vote->counts[side] = -1;
    size_t position = 0;
    Slice first = vote_token(value, &position);
    if (keyword_lookup(KEYWORD_GROUP_VOTE, first, p->language) == KEYWORD_VOTE_UNANIMOUS) {
        vote->unanimous = true;
        return true;
    }
    int count = vote_number(first);
    if (count < 0)
        return false;
    size_t after_word = position;
    Slice word = vote_token(value, &after_word);
    int concept = keyword_lookup(KEYWORD_GROUP_VOTE, word, p->language);
    size_t after_second = after_word;
    int second = vote_number(vote_token(value, &after_second));
    if ((concept == KEYWORD_VOTE_AGAINST || concept == KEYWORD_VOTE_VERSUS) && second >= 0) {
        vote->counts[VOTE_FOR] = count;
        vote->counts[VOTE_AGAINST] = second;
        Slice rest = vote_token(value, &after_second);
        if (rest.length == 1 && rest.data[0] == ',') { /* "9 mot 3, 1 blank" */
            int blank = vote_number(vote_token(value, &after_second));
            if (blank < 0 || keyword_lookup(KEYWORD_GROUP_VOTE, vote_token(value, &after_second), p->language) != KEYWORD_VOTE_BLANK)
                return false;
            vote->counts[VOTE_BLANK] = blank;
            rest = vote_token(value, &after_second);
        }
        if (rest.length == 1 && rest.data[0] == '.')
            rest = vote_token(value, &after_second);
        return rest.length == 0;
    }
    for (;;) {
        static const int sides[] = {[KEYWORD_VOTE_FOR] = VOTE_FOR + 1, [KEYWORD_VOTE_AGAINST] = VOTE_AGAINST + 1,
                                    [KEYWORD_VOTE_BLANK] = VOTE_BLANK + 1};
        if (concept < 0 || concept >= (int)(sizeof sides / sizeof sides[0]) || sides[concept] == 0)
            return false;
        int side = sides[concept] - 1;
        if (vote->counts[side] >= 0)
            return false; /* "9 for, 3 for" */
        vote->counts[side] = count;
        position = after_word;
        Slice separator = vote_token(value, &position);
        if (separator.length == 0 || (separator.length == 1 && separator.data[0] == '.' &&
                                      vote_token(value, &position).length == 0))
            break;
        if (!(separator.length == 1 && separator.data[0] == ','))
            return false;
        count = vote_number(vote_token(value, &position));
        if (count < 0)
            return false;
        after_word = position;
        concept = keyword_lookup(KEYWORD_GROUP_VOTE, vote_token(value, &after_word), p->language);
    }
    for (int side = 0; side < VOTE_SIDE_COUNT; side++)
        if (side != VOTE_BLANK && vote->counts[side] < 0)
            vote->counts[side] = 0;
    return true;
}

/* vote_field = <vote_key> , [ ws , "(" , label , ")" ] , ":" , ws , vote_value , newline ; */
static void parse_vote(Parser *p, const CaseField *field) {
    Vote *vote = arena_alloc(p->arena, sizeof *vote);
    vote->span = field->span;
    vote->value_span = field->value_span;
    const char *open = memchr(field->key.data, '(', field->key.length);
    if (open && field->key.data[field->key.length - 1] == ')')
        vote->label = slice_trim(slice_make(open + 1, (size_t)(field->key.data + field->key.length - 1 - (open + 1))));
    vote->valid = vote_value_parse(p, field->value, vote);
    if (!vote->valid) {
        const char *unanimous = keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_UNANIMOUS, p->language);
        const char *against = keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_AGAINST, p->language);
        const char *versus = p->language == LANGUAGE_EN ? keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_VERSUS, p->language) : against;
        diag_report(p->diagnostics, DIAG_E_VOTE_FORM, field->value.length ? field->value_span : field->span,
                    "'%.*s' is not a vote result; write '%s', '9 %s 3' or '9 %s, 3 %s, 1 %s'", (int)field->value.length,
                    field->value.data, unanimous, versus,
                    keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_FOR, p->language), against,
                    keyword_spelling(KEYWORD_GROUP_VOTE, KEYWORD_VOTE_BLANK, p->language));
    }
    *p->vote_tail = vote;
    p->vote_tail = &vote->next;
    p->last_vote = vote;
}

/* vote_names = vote_name , { "," , vote_name } ;
 * vote_name  = name , [ "(" , count , ")" ] ;      a member, or a party with how many of it */
static void parse_vote_names(Parser *p, const CaseField *field, VoteSide side) {
    Vote *vote = p->last_vote;
    if (!vote) {
        diag_report(p->diagnostics, DIAG_E_VOTE_FORM, field->span,
                    "'%.*s:' names who voted in a vote; it follows a '%s:' line", (int)field->key.length,
                    field->key.data, keyword_spelling(KEYWORD_GROUP_FIELD, KEYWORD_FIELD_VOTE, p->language));
        return;
    }
    if (vote->names_given[side]) {
        Diagnostic *d = diag_report(p->diagnostics, DIAG_E_VOTE_FORM, field->span, "a second '%.*s:' line for one vote",
                                    (int)field->key.length, field->key.data);
        diag_note(p->diagnostics, d, vote->names_span[side], "the first is here");
        return;
    }
    vote->names_given[side] = true;
    vote->names_span[side] = field->span;
    VoteName **tail = &vote->names[side];
    Slice rest = field->value;
    while (rest.length) {
        const char *comma = memchr(rest.data, ',', rest.length);
        size_t length = comma ? (size_t)(comma - rest.data) : rest.length;
        Slice entry = slice_trim(slice_make(rest.data, length));
        rest = comma ? slice_make(comma + 1, rest.length - length - 1) : slice_make(rest.data + length, 0);
        VoteName *name = arena_alloc(p->arena, sizeof *name);
        name->count = -1;
        name->name = entry;
        name->span = entry.length ? value_part_span(p, entry) : field->value_span;
        const char *open = entry.length ? memchr(entry.data, '(', entry.length) : NULL;
        if (open && entry.data[entry.length - 1] == ')') {
            Slice number = slice_trim(slice_make(open + 1, (size_t)(entry.data + entry.length - 1 - (open + 1))));
            size_t end = 0;
            name->count = vote_number(vote_token(number, &end));
            if (end != number.length)
                name->count = -1;
            name->name = slice_trim(slice_make(entry.data, (size_t)(open - entry.data)));
            if (name->count < 0) {
                diag_report(p->diagnostics, DIAG_E_VOTE_FORM, name->span,
                            "'%.*s' is not a party with a count such as 'H (4)'", (int)entry.length, entry.data);
                continue;
            }
        }
        if (name->name.length == 0) {
            diag_report(p->diagnostics, DIAG_E_VOTE_FORM, name->span, "an empty name in '%.*s:'",
                        (int)field->key.length, field->key.data);
            continue;
        }
        *tail = name;
        tail = &name->next;
    }
}

/* recusal = name , [ "(" , basis , ")" ] ; */
static void parse_recusal(Parser *p, const CaseField *field) {
    Recusal *recusal = arena_alloc(p->arena, sizeof *recusal);
    recusal->span = field->span;
    Slice value = field->value;
    const char *open = value.length ? memchr(value.data, '(', value.length) : NULL;
    if (open && value.data[value.length - 1] == ')') {
        recusal->name = slice_trim(slice_make(value.data, (size_t)(open - value.data)));
        recusal->basis = slice_trim(slice_make(open + 1, (size_t)(value.data + value.length - 1 - (open + 1))));
    } else {
        recusal->name = value;
    }
    recusal->name_span = recusal->name.length ? value_part_span(p, recusal->name) : field->span;
    if (recusal->name.length == 0) {
        diag_report(p->diagnostics, DIAG_E_RECUSAL, field->span, "'%.*s:' names the member who is disqualified",
                    (int)field->key.length, field->key.data);
        return;
    }
    *p->recusal_tail = recusal;
    p->recusal_tail = &recusal->next;
}

/* stand_in = name , ws , <for> , ws , name ; */
static void parse_stand_in(Parser *p, const CaseField *field) {
    Slice value = field->value;
    const char *for_word = NULL;
    size_t for_length = 0;
    for (size_t i = 1; i < value.length && !for_word; i++) {
        if (!is_space_byte(value.data[i - 1]))
            continue;
        size_t end = i;
        while (end < value.length && is_word_byte((unsigned char)value.data[end]))
            end++;
        if (end < value.length && is_space_byte(value.data[end]) &&
            keyword_lookup(KEYWORD_GROUP_STAND_IN, slice_make(value.data + i, end - i), p->language) == KEYWORD_STAND_IN_FOR) {
            for_word = value.data + i;
            for_length = end - i;
        }
    }
    if (!for_word) {
        diag_report(p->diagnostics, DIAG_E_RECUSAL, field->value.length ? field->value_span : field->span,
                    "'%.*s:' is 'deputy %s member', e.g. 'Kari Nordmann %s Ola Nordmann'", (int)field->key.length,
                    field->key.data, keyword_spelling(KEYWORD_GROUP_STAND_IN, KEYWORD_STAND_IN_FOR, p->language),
                    keyword_spelling(KEYWORD_GROUP_STAND_IN, KEYWORD_STAND_IN_FOR, p->language));
        return;
    }
    StandIn *stand_in = arena_alloc(p->arena, sizeof *stand_in);
    stand_in->span = field->span;
    stand_in->deputy = slice_trim(slice_make(value.data, (size_t)(for_word - value.data)));
    stand_in->member = slice_trim(slice_make(for_word + for_length, (size_t)(value.data + value.length - for_word - for_length)));
    if (stand_in->deputy.length == 0 || stand_in->member.length == 0) {
        diag_report(p->diagnostics, DIAG_E_RECUSAL, field->value_span, "'%.*s:' needs both the deputy and the member",
                    (int)field->key.length, field->key.data);
        return;
    }
    stand_in->deputy_span = value_part_span(p, stand_in->deputy);
    stand_in->member_span = value_part_span(p, stand_in->member);
    *p->stand_in_tail = stand_in;
    p->stand_in_tail = &stand_in->next;
}

static void apply_field(Parser *p, Case *c, CaseField *field, size_t value_offset) {
    switch (field->concept) {
    case KEYWORD_FIELD_ATTACHMENT: {
        Attachment *attachment = parse_attachment(p, field);
        *p->attachment_tail = attachment;
        p->attachment_tail = &attachment->next;
        break;
    }
    case KEYWORD_FIELD_FOLLOWS_UP:
        c->follows_up_span = field->value_span;
        c->follows_up = refs_parse_value(p->arena, p->file, field->value, value_offset, p->language, reference_year(p));
        if (!c->follows_up)
            diag_report(p->diagnostics, DIAG_E_REF, field->value_span,
                        "'%.*s' is not a case reference such as 72/24 or SSU 72/24", (int)field->value.length,
                        field->value.data);
        break;
    case KEYWORD_FIELD_EXEMPT: c->exempt_basis = field->value; break;
    case KEYWORD_FIELD_PUBLIC_TITLE: c->public_title = field->value; break;
    case KEYWORD_FIELD_VOTE: parse_vote(p, field); break;
    case KEYWORD_FIELD_VOTE_FOR: parse_vote_names(p, field, VOTE_FOR); break;
    case KEYWORD_FIELD_VOTE_AGAINST: parse_vote_names(p, field, VOTE_AGAINST); break;
    case KEYWORD_FIELD_VOTE_BLANK: parse_vote_names(p, field, VOTE_BLANK); break;
    case KEYWORD_FIELD_RECUSAL: parse_recusal(p, field); break;
    case KEYWORD_FIELD_STAND_IN: parse_stand_in(p, field); break;
    case KEYWORD_FIELD_CLOSED:
        c->closed = true;
        c->closed_basis = field->value;
        c->closed_span = field->value.length ? field->value_span : field->span;
        break;
    case KEYWORD_FIELD_CASE_CHAIR:
        c->case_chair = field->value;
        c->case_chair_span = field->value_span;
        break;
    case KEYWORD_FIELD_VIDEO: c->video = field->value; break;
    default: break;
    }
}


/* case_fields = { blank } , field , { field } ;
 * field       = key , ":" , ws , value ;      key from grammar/keywords.tsv (field) */
static void parse_case_fields(Parser *p, Case *c) {
    size_t start = p->position;
    while (peek(p)->kind == TOKEN_BLANK)
        advance(p);
    CaseField **tail = &c->fields;
    p->vote_tail = &c->votes;
    p->last_vote = NULL;
    p->recusal_tail = &c->recusals;
    p->stand_in_tail = &c->stand_ins;
    p->attachment_tail = &c->attachments;
    bool any = false;
    while (peek(p)->kind == TOKEN_TEXT) {
        const Token *token = peek(p);
        Slice line = token_line(p, token);
        const char *colon = memchr(line.data, ':', line.length);
        if (!colon)
            break;
        Slice key = slice_trim(slice_make(line.data, (size_t)(colon - line.data)));
        /* `Votering (endringsforslag fra H):` — a vote's key may carry a label. */
        Slice bare_key = key;
        const char *label_open = key.length ? memchr(key.data, '(', key.length) : NULL;
        if (label_open && key.data[key.length - 1] == ')')
            bare_key = slice_trim(slice_make(key.data, (size_t)(label_open - key.data)));
        if (bare_key.length == 0 || bare_key.length > LIMIT_FIELD_KEY_BYTES)
            break;
        int concept = keyword_lookup(KEYWORD_GROUP_FIELD, bare_key, p->language);
        if (bare_key.length != key.length && concept != KEYWORD_FIELD_VOTE) {
            if (key.length > LIMIT_FIELD_KEY_BYTES)
                break;
            concept = keyword_lookup(KEYWORD_GROUP_FIELD, key, p->language);
        }
        const char *suggestion = NULL;
        if (concept < 0) {
            const char *candidates[32];
            size_t count = keyword_spellings(KEYWORD_GROUP_FIELD, p->language, candidates, 32);
            suggestion = suggest_nearest(key, candidates, count > 32 ? 32 : count, 2);
            if (!suggestion)
                break;
        }
        advance(p);
        CaseField *field = arena_alloc(p->arena, sizeof *field);
        field->concept = concept;
        field->key = key;
        Slice value = slice_trim(slice_make(colon + 1, (size_t)(line.data + line.length - colon - 1)));
        size_t value_offset = value.length ? (size_t)(value.data - p->file->text) : (size_t)(colon + 1 - p->file->text);
        field->value = value;
        field->span = token_span(p, token);
        field->value_span = span_on_token_line(p, token, value_offset, value_offset + value.length);
        if (concept < 0) {
            size_t key_offset = (size_t)(key.data - p->file->text);
            Diagnostic *d = diag_report(p->diagnostics, DIAG_W_CASE_FIELD, source_span(p->file, key_offset, key_offset + key.length),
                                        "'%.*s' is not a case field; it is kept as written", (int)key.length, key.data);
            diag_suggest(p->diagnostics, d, suggestion);
        } else {
            apply_field(p, c, field, value_offset);
        }
        *tail = field;
        tail = &field->next;
        any = true;
    }
    if (!any)
        p->position = start; /* the blank lines belong to the text */
}

/* part = part_heading , part_text ; */
static void parse_part(Parser *p, Case *c) {
    const Token *token = advance(p);
    Slice status_text;
    int concept = part_heading_concept(p, token, &status_text);
    Part *part = arena_alloc(p->arena, sizeof *part);
    part->heading_span = token_span(p, token);
    if (status_text.length) {
        int status = keyword_lookup(KEYWORD_GROUP_STATUS, status_text, p->language);
        if (status == KEYWORD_STATUS_POSTPONED)
            part->status = DECISION_POSTPONED;
        else if (status == KEYWORD_STATUS_WITHDRAWN)
            part->status = DECISION_WITHDRAWN;
        else {
            const char *candidates[8];
            size_t count = keyword_spellings(KEYWORD_GROUP_STATUS, p->language, candidates, 8);
            Diagnostic *d = diag_report(p->diagnostics, DIAG_E_CASE_PARTS, part->heading_span,
                                        "unknown decision status '%.*s'; a decision is %s or %s",
                                        (int)status_text.length, status_text.data,
                                        keyword_spelling(KEYWORD_GROUP_STATUS, KEYWORD_STATUS_POSTPONED, p->language),
                                        keyword_spelling(KEYWORD_GROUP_STATUS, KEYWORD_STATUS_WITHDRAWN, p->language));
            diag_suggest(p->diagnostics, d, suggest_nearest(status_text, candidates, count > 8 ? 8 : count, 3));
        }
    }
    part->text = parse_text(p, stops_case_text, &part->text_line);
    const char *name = concept == KEYWORD_PART_PROPOSAL ? "proposal" : "decision";
    if (concept == KEYWORD_PART_PROPOSAL && c->decision) {
        Diagnostic *d = diag_report(p->diagnostics, DIAG_E_CASE_PARTS, part->heading_span,
                                    "the proposal comes after the decision; the proposal goes first");
        diag_note(p->diagnostics, d, c->decision->heading_span, "the decision is here");
    }
    Part **slot = concept == KEYWORD_PART_PROPOSAL ? &c->proposal : &c->decision;
    if (*slot) {
        char number[32];
        case_number_format(c->number, c->number.form, number, sizeof number);
        Diagnostic *d = diag_report(p->diagnostics, DIAG_E_CASE_PARTS, part->heading_span,
                                    "a second %s in case %s; a case has at most one", name, number);
        diag_note(p->diagnostics, d, (*slot)->heading_span, "the first %s is here", name);
        return;
    }
    *slot = part;
}

/* case = case_heading , [ case_fields ] , case_text , { part } ; */
static void parse_case(Parser *p) {
    const Token *token = advance(p);
    Meeting *meeting = p->meeting;
    if (meeting->case_count >= LIMIT_CASES_PER_MEETING) {
        if (!p->case_limit_reported)
            diag_report(p->diagnostics, DIAG_E_LIMIT, token_span(p, token),
                        "too many cases in one meeting (the limit is %d)", LIMIT_CASES_PER_MEETING);
        p->case_limit_reported = true;
        uint32_t ignored;
        parse_text(p, stops_section, &ignored);
        return;
    }
    Case *c = arena_alloc(p->arena, sizeof *c);
    c->meeting = meeting;
    parse_case_heading(p, token, c);
    parse_case_fields(p, c);
    c->text = parse_text(p, stops_case_text, &c->text_line);
    Slice status;
    while (part_heading_concept(p, peek(p), &status) >= 0)
        parse_part(p, c);
    Item *item = new_item(p, ITEM_CASE);
    item->case_item = c;
    c->index = meeting->case_count++;
}

/* section = ( h1 | h2 ) - case_heading , section_text ; */
static void parse_section(Parser *p) {
    const Token *token = advance(p);
    Section *section = arena_alloc(p->arena, sizeof *section);
    section->span = token_span(p, token);
    section->level = token->heading_level;
    section->title = token_content(p, token);
    section->text = parse_text(p, stops_section, &section->text_line);
    Item *item = new_item(p, ITEM_SECTION);
    item->section = section;
}

/* preamble = [ h1 ] , { line - structural_heading } ;   the h1 is the title */
static void parse_preamble(Parser *p) {
    while (peek(p)->kind == TOKEN_BLANK)
        advance(p);
    size_t start = p->position;
    const Token *token = peek(p);
    if (token->kind == TOKEN_HEADING && token->heading_level == 1) {
        advance(p);
        if (p->meeting->title.length == 0)
            p->meeting->title = token_content(p, token);
        else
            p->position = start; /* a title is given in the front matter: the h1 opens a section */
    }
    if (p->position == start && token->kind == TOKEN_HEADING && token->heading_level == 1) {
        p->meeting->preamble = slice_make("", 0);
        return;
    }
    p->meeting->preamble = parse_text(p, stops_preamble, &p->meeting->preamble_line);
}

/* body = preamble , { case | section } ; */
static void parse_body(Parser *p) {
    parse_preamble(p);
    while (peek(p)->kind != TOKEN_EOF) {
        if (is_case_heading(p, peek(p)))
            parse_case(p);
        else
            parse_section(p);
    }
    Meeting *meeting = p->meeting;
    meeting->cases = arena_alloc_array(p->arena, meeting->case_count ? meeting->case_count : 1, sizeof *meeting->cases);
    size_t n = 0;
    for (size_t i = 0; i < meeting->item_count; i++) {
        if (meeting->items[i].kind == ITEM_CASE)
            meeting->cases[n++] = meeting->items[i].case_item;
    }
}

/* Lines beyond what the emitters lay out: more nested block quotes and
 * list items than LIMIT_MARKDOWN_NESTING, headings longer than
 * LIMIT_TITLE_BYTES, table lines of more than LIMIT_TABLE_COLUMNS cells.
 * One diagnostic of each per file, so that what check accepts, every
 * emitter can publish in time linear in its size. */
static void report_layout_limits(Parser *p) {
    bool nesting_reported = false, heading_reported = false, table_reported = false;
    for (size_t i = 0; i < p->tokens.count; i++) {
        const Token *token = &p->tokens.items[i];
        if (!nesting_reported && token->kind == TOKEN_TEXT && token->nesting > LIMIT_MARKDOWN_NESTING) {
            diag_report(p->diagnostics, DIAG_E_LIMIT, token_span(p, token),
                        "Markdown nested too deeply: this line opens %u block quotes and list items (the limit is %d)",
                        token->nesting, LIMIT_MARKDOWN_NESTING);
            nesting_reported = true;
        }
        if (!table_reported && token->kind == TOKEN_TEXT && token->pipes > LIMIT_TABLE_COLUMNS + 1) {
            diag_report(p->diagnostics, DIAG_E_LIMIT, token_span(p, token),
                        "this line has %u '|': a table this wide cannot be published (the limit is %d columns)",
                        token->pipes, LIMIT_TABLE_COLUMNS);
            table_reported = true;
        }
        if (!heading_reported && token->kind == TOKEN_HEADING &&
            token->content_end - token->content_start > LIMIT_TITLE_BYTES) {
            diag_report(p->diagnostics, DIAG_E_LIMIT, token_span(p, token),
                        "this heading is too long to publish (%zu bytes; the limit is %d)",
                        token->content_end - token->content_start, LIMIT_TITLE_BYTES);
            heading_reported = true;
        }
    }
    if (p->meeting->title.length > LIMIT_TITLE_BYTES)
        diag_report(p->diagnostics, DIAG_E_LIMIT, source_span_at_line(p->file, 1, 1, 4),
                    "the meeting's title is too long to publish (%zu bytes; the limit is %d)", p->meeting->title.length,
                    LIMIT_TITLE_BYTES);
}

/* meeting_file = "---" , newline , front_matter , "---" , newline , body ; */
static size_t split_front_matter(Parser *p, size_t *yaml_start, size_t *yaml_end) {
    const SourceFile *file = p->file;
    Slice first = source_line(file, 1);
    if (file->line_count == 0 || !slice_equal_cstring(first, "---")) {
        diag_report(p->diagnostics, DIAG_E_FRONT_MATTER, source_span_at_line(file, 1, 1, 2),
                    "a meeting file starts with front matter: a line '---', the meeting's keys, and '---'");
        return (size_t)-1;
    }
    for (uint32_t line = 2; line <= file->line_count; line++) {
        if (slice_equal_cstring(source_line(file, line), "---")) {
            *yaml_start = file->line_count >= 2 ? file->line_starts[1] : file->length;
            *yaml_end = file->line_starts[line - 1];
            return line < file->line_count ? file->line_starts[line] : file->length;
        }
    }
    diag_report(p->diagnostics, DIAG_E_FRONT_MATTER, source_span_at_line(file, 1, 1, 4),
                "the front matter is not closed: no line '---' after it");
    return (size_t)-2;
}

Meeting *parse_meeting(Arena *arena, Diagnostics *diagnostics, const Project *project, const SourceFile *file) {
    Meeting *meeting = arena_alloc(arena, sizeof *meeting);
    meeting->file = file;
    Parser parser;
    memset(&parser, 0, sizeof parser);
    parser.arena = arena;
    parser.diagnostics = diagnostics;
    parser.project = project;
    parser.file = file;
    parser.meeting = meeting;
    parser.language = project->language;
    parser.reference_tail = &meeting->references;

    size_t yaml_start = 0, yaml_end = 0;
    size_t body_start = split_front_matter(&parser, &yaml_start, &yaml_end);
    if (body_start == (size_t)-2)
        return meeting; /* unterminated: everything after is ambiguous */
    if (body_start == (size_t)-1) {
        body_start = 0;
    } else if (yaml_end - yaml_start > LIMIT_FRONT_MATTER_BYTES) {
        diag_report(diagnostics, DIAG_E_LIMIT, source_span_at_line(file, 1, 1, 4),
                    "the front matter is too large (%zu bytes; the limit is %d KiB)", yaml_end - yaml_start,
                    LIMIT_FRONT_MATTER_BYTES / 1024);
    } else {
        /* The tree lives only while it is read: meta keeps copies. */
        Arena yaml_arena;
        arena_init(&yaml_arena);
        YamlTreeNode *root = yaml_tree_load(&yaml_arena, diagnostics, file, file->text + yaml_start,
                                            yaml_end - yaml_start, 2, DIAG_E_FRONT_MATTER);
        if (root) {
            meta_read(arena, diagnostics, project, meeting, root, source_span_at_line(file, 1, 1, 4));
            meeting->front_matter_read = true;
        }
        arena_free(&yaml_arena);
    }
    /* Tokens (64 bytes a line) are not part of the AST: they live only for
     * the parse, which halved the front end's peak memory. */
    Arena token_arena;
    arena_init(&token_arena);
    parser.tokens = lex_body(&token_arena, file, body_start);
    report_layout_limits(&parser);
    parse_body(&parser);
    arena_free(&token_arena);
    return meeting;
}
