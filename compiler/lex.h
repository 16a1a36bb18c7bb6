/* lex: the Markdown body → a list of line tokens. The lexer knows just
 * enough CommonMark to tell structure from text: ATX headings, blank lines,
 * and the fenced code blocks and HTML blocks inside which nothing is ever
 * structure. Everything else is a text line, kept as Markdown. */
#ifndef REFERAT_LEX_H
#define REFERAT_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "source.h"

typedef enum {
    TOKEN_TEXT,     /* a line of Markdown text */
    TOKEN_BLANK,    /* empty or only white space */
    TOKEN_HEADING,  /* an ATX heading outside code and HTML blocks */
    TOKEN_VERBATIM, /* a line of a fenced code block or HTML block, fences included */
    TOKEN_EOF,
} TokenKind;

typedef struct {
    TokenKind kind;
    uint32_t line;
    size_t start, end;          /* the line's bytes, without its line ending */
    size_t next;                /* offset of the following line */
    int heading_level;          /* headings: 1..6 */
    size_t content_start, content_end; /* headings: text without #s, spaces and closing #s */
    unsigned nesting;           /* text: block quotes and list items the line opens (`> - x`: 2) */
    unsigned pipes;             /* text: '|' characters (an upper bound on table cells) */
} Token;

typedef struct {
    Token *items;
    size_t count;
} TokenList;

/* Lex file->text from byte offset `start` (the first line of the body). */
TokenList lex_body(Arena *arena, const SourceFile *file, size_t start);

#endif
