/* lsp: the language server (see lsp.h). One loop reads a message, answers
 * it, and after a document changed checks its project again with the open
 * documents as overlays (source.c) and publishes the diagnostics of every
 * file that has some, or had some last time (an empty list clears them).
 * The last compilation of each project is kept to answer hover and
 * definition. Positions are converted between the spans' code-point
 * columns and the client's encoding (UTF-32, UTF-8, or UTF-16). */
#include "lsp.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>

#include "fix.h"
#include "format.h"
#include "json.h"
#include "keywords.h"
#include "json_read.h"
#include "limits.h"
#include "memory.h"
#include "present.h"
#include "referat.h"
#include "session.h"
#include "source.h"
#include "values.h"

typedef struct {
    char *uri, *path; /* path: absolute, percent-decoded */
    char *text;
    size_t length;
} Document;

typedef struct {
    char *root;
    Session *session;
    Compilation *compilation; /* the last check's, NULL before the first */
    bool stale;                     /* a document changed since that check */
    char **published; /* relative paths that had diagnostics last time */
    size_t published_count;
} ProjectState;

typedef struct {
    FILE *in, *out;
    Document *documents;
    size_t document_count;
    ProjectState *projects;
    size_t project_count;
    int encoding; /* code units of a position's character: 8, 16 or 32 bits */
    bool shutdown;
    unsigned checks; /* how many checks ran: the log counts them */
} Server;

/* How long the client must be quiet after a change before the project is
 * checked: a burst of keystrokes costs one check. */
enum { LSP_QUIET_MILLISECONDS = 75 };

/* ---- transport ----------------------------------------------------------- */

/* The input is read through a buffer of our own rather than stdio's, so
 * that the server can tell whether another message is already waiting (in
 * the buffer, or on the descriptor within a short wait) before it checks:
 * the debounce. A stream without a descriptor (fmemopen, in the fuzz
 * target) is read through stdio and never waited on. */
typedef struct {
    FILE *stream;
    int fd;
    char *buffer;
    size_t start, end;
    bool ended;
} Input;

enum { INPUT_BUFFER_BYTES = 64 * 1024 };

static bool input_fill(Input *in) {
    if (in->ended)
        return false;
    ssize_t got;
    if (in->fd >= 0) {
        do
            got = read(in->fd, in->buffer, INPUT_BUFFER_BYTES);
        while (got < 0 && errno == EINTR);
    } else {
        got = (ssize_t)fread(in->buffer, 1, INPUT_BUFFER_BYTES, in->stream);
    }
    if (got <= 0) {
        in->ended = true;
        return false;
    }
    in->start = 0;
    in->end = (size_t)got;
    return true;
}

static int input_byte(Input *in) {
    if (in->start == in->end && !input_fill(in))
        return EOF;
    return (unsigned char)in->buffer[in->start++];
}

/* Whether no byte arrives within `milliseconds`. */
static bool input_quiet_for(Input *in, int milliseconds) {
    if (in->start < in->end)
        return false;
    if (in->fd < 0 || in->ended)
        return true;
    struct pollfd waiting = {in->fd, POLLIN, 0};
    int ready;
    do
        ready = poll(&waiting, 1, milliseconds);
    while (ready < 0 && errno == EINTR);
    return ready == 0;
}

/* One header line without its line end (cut at the buffer's size); false
 * at the end of input. */
static bool input_line(Input *in, char *line, size_t size) {
    size_t length = 0;
    int c;
    while ((c = input_byte(in)) != EOF && c != '\n')
        if (length + 1 < size)
            line[length++] = (char)c;
    if (length && line[length - 1] == '\r')
        length--;
    line[length] = '\0';
    return c != EOF || length > 0;
}

/* One message's body (malloc'd), or NULL at the end of input. A header
 * without a usable Content-Length, or a body over the limit, is skipped
 * with a note on stderr. */
static char *read_message(Input *in, size_t *length) {
    for (;;) {
        char line[1024];
        long content_length = -1;
        bool any = false;
        while (input_line(in, line, sizeof line)) {
            any = true;
            if (line[0] == '\0')
                break;
            if (strncasecmp(line, "Content-Length:", 15) == 0)
                content_length = strtol(line + 15, NULL, 10);
        }
        if (!any || (in->ended && content_length < 0))
            return NULL;
        if (content_length < 0 || content_length > LIMIT_LSP_MESSAGE_BYTES) {
            fprintf(stderr, "referat lsp: a message without a usable Content-Length is skipped\n");
            if (content_length > LIMIT_LSP_MESSAGE_BYTES)
                for (long i = 0; i < content_length && input_byte(in) != EOF; i++)
                    ;
            continue;
        }
        char *body = xmalloc((size_t)content_length + 1);
        size_t read_count = 0;
        while (read_count < (size_t)content_length) {
            if (in->start == in->end && !input_fill(in))
                break;
            size_t take = in->end - in->start;
            if (take > (size_t)content_length - read_count)
                take = (size_t)content_length - read_count;
            memcpy(body + read_count, in->buffer + in->start, take);
            in->start += take;
            read_count += take;
        }
        body[read_count] = '\0';
        if (read_count < (size_t)content_length) {
            free(body);
            return NULL;
        }
        *length = read_count;
        return body;
    }
}

static void send(Server *server, const char *body, size_t length) {
    fprintf(server->out, "Content-Length: %zu\r\n\r\n", length);
    fwrite(body, 1, length, server->out);
    fflush(server->out);
}

/* A message is written with the project's JSON writer into memory, then
 * framed. */
typedef struct {
    StringBuffer text;
    JsonWriter writer;
} Outgoing;

static JsonWriter *outgoing_begin(Outgoing *message) {
    message->text = (StringBuffer){0};
    json_init(&message->writer, &message->text, JSON_PRETTY);
    json_object_begin(&message->writer);
    json_field_string(&message->writer, "jsonrpc", "2.0");
    return &message->writer;
}

static void outgoing_send(Server *server, Outgoing *message) {
    json_object_end(&message->writer);
    send(server, message->text.data, message->text.length);
    buffer_free(&message->text);
}

static void write_id(JsonWriter *w, const JsonValue *id) {
    json_key(w, "id");
    if (id && id->kind == JSON_NUMBER)
        json_int(w, json_as_integer(id, 0));
    else if (id && id->kind == JSON_STRING)
        json_slice(w, id->string.length ? id->string : slice_make("", 0));
    else
        json_null(w);
}

/* A response: its id, then the caller writes the result's value. */
static JsonWriter *response_begin(Outgoing *message, const JsonValue *id) {
    JsonWriter *w = outgoing_begin(message);
    write_id(w, id);
    json_key(w, "result");
    return w;
}

static void send_error(Server *server, const JsonValue *id, int code, const char *text) {
    Outgoing message;
    JsonWriter *w = outgoing_begin(&message);
    write_id(w, id);
    json_key(w, "error");
    json_object_begin(w);
    json_field_int(w, "code", code);
    json_field_string(w, "message", text);
    json_object_end(w);
    outgoing_send(server, &message);
}

/* ---- documents and positions --------------------------------------------- */

static int hex_value(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* file:///a/b%20c.md → /a/b c.md; NULL for another scheme. */
static char *uri_to_path(Slice uri) {
    if (uri.length < 7 || strncmp(uri.data, "file://", 7) != 0)
        return NULL;
    char *path = xmalloc(uri.length + 1);
    size_t n = 0;
    for (size_t i = 7; i < uri.length; i++) {
        if (uri.data[i] == '%' && i + 2 < uri.length && hex_value(uri.data[i + 1]) >= 0 && hex_value(uri.data[i + 2]) >= 0) {
            path[n++] = (char)(hex_value(uri.data[i + 1]) * 16 + hex_value(uri.data[i + 2]));
            i += 2;
        } else {
            path[n++] = uri.data[i];
        }
    }
    path[n] = '\0';
    if (path[0] != '/' || memchr(path, '\0', n)) {
        free(path);
        return NULL;
    }
    return path;
}

static char *path_to_uri(const char *path) {
    StringBuffer uri = {0};
    buffer_append_cstring(&uri, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
            buffer_append(&uri, (const char *)p, 1);
        else
            buffer_printf(&uri, "%%%02X", *p);
    }
    return uri.data;
}

static Document *document_find(Server *server, const char *path) {
    for (size_t i = 0; i < server->document_count; i++)
        if (strcmp(server->documents[i].path, path) == 0)
            return &server->documents[i];
    return NULL;
}

/* The client's units for the character starting with `lead` (UTF-8 bytes,
 * UTF-16 units, or one code point), and its length in bytes. */
static long character_units(const Server *server, unsigned char lead, size_t *bytes) {
    *bytes = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    return server->encoding == 8 ? (long)*bytes : server->encoding == 16 && *bytes == 4 ? 2 : 1;
}

/* A span column (code points, 1-based) as the client counts: UTF-8 bytes,
 * UTF-16 units or code points, 0-based. */
static long column_to_client(const Server *server, const SourceFile *file, uint32_t line, uint32_t column) {
    if (server->encoding == 32 || !file)
        return column ? column - 1 : 0;
    Slice text = source_line(file, line);
    long units = 0;
    uint32_t seen = 1;
    for (size_t i = 0, n; i < text.length && seen < column; seen++, i += n)
        units += character_units(server, (unsigned char)text.data[i], &n);
    return units;
}

/* The client's (line, character) as a span column (code points, 1-based). */
static uint32_t column_from_client(const Server *server, const SourceFile *file, uint32_t line, long character) {
    if (server->encoding == 32 || !file)
        return character < (long)UINT32_MAX ? (uint32_t)character + 1 : UINT32_MAX;
    Slice text = source_line(file, line);
    long units = 0;
    uint32_t column = 1;
    for (size_t i = 0, n; i < text.length && units < character; column++, i += n)
        units += character_units(server, (unsigned char)text.data[i], &n);
    return column;
}

static void write_range(const Server *server, JsonWriter *w, Span span) {
    uint32_t line = span.line ? span.line : 1, end_line = span.end_line ? span.end_line : line;
    json_key(w, "range");
    json_object_begin(w);
    json_key(w, "start");
    json_object_begin(w);
    json_field_int(w, "line", line - 1);
    json_field_int(w, "character", column_to_client(server, span.file, line, span.column));
    json_object_end(w);
    json_key(w, "end");
    json_object_begin(w);
    json_field_int(w, "line", end_line - 1);
    json_field_int(w, "character", column_to_client(server, span.file, end_line, span.end_column));
    json_object_end(w);
    json_object_end(w);
}

/* ---- checking and diagnostics ------------------------------------------- */

static ProjectState *project_for(Server *server, const char *root) {
    for (size_t i = 0; i < server->project_count; i++)
        if (strcmp(server->projects[i].root, root) == 0)
            return &server->projects[i];
    server->projects = xrealloc(server->projects, (server->project_count + 1) * sizeof *server->projects);
    ProjectState *project = &server->projects[server->project_count++];
    memset(project, 0, sizeof *project);
    project->root = xstrdup(root);
    return project;
}

static const char *uri_of(Server *server, ProjectState *project, const char *relative, Arena *arena) {
    char *path = arena_printf(arena, "%s/%s", project->root, relative);
    const Document *open = document_find(server, path);
    if (open)
        return open->uri; /* as the client wrote it */
    char *uri = path_to_uri(path);
    char *copy = arena_strdup(arena, uri);
    free(uri);
    return copy;
}

/* What is published in one file: a diagnostic, or — in the file of one of
 * its notes when that is another file (a number's first use) — the note,
 * as information pointing back at the diagnostic. */
typedef struct {
    const Diagnostic *diagnostic;
    const DiagnosticNote *note; /* NULL: the diagnostic itself */
    const char *path;
} Published;

static void write_related(Server *server, JsonWriter *w, ProjectState *project, Span span, const char *text,
                          Arena *arena) {
    json_object_begin(w);
    json_key(w, "location");
    json_object_begin(w);
    json_field_string(w, "uri", uri_of(server, project, span.file->path, arena));
    write_range(server, w, span);
    json_object_end(w);
    json_field_string(w, "message", text);
    json_object_end(w);
}

static void publish(Server *server, ProjectState *project, const char *relative, const Published *items, size_t count,
                    Arena *arena) {
    Outgoing message;
    JsonWriter *w = outgoing_begin(&message);
    json_field_string(w, "method", "textDocument/publishDiagnostics");
    json_key(w, "params");
    json_object_begin(w);
    json_field_string(w, "uri", uri_of(server, project, relative, arena));
    json_key(w, "diagnostics");
    json_array_begin(w);
    for (size_t i = 0; i < count; i++) {
        const Diagnostic *d = items[i].diagnostic;
        const DiagnosticNote *shown = items[i].note;
        const char *text = d->suggestion ? arena_printf(arena, "%s (did you mean '%s'?)", d->message, d->suggestion)
                                         : d->message;
        json_object_begin(w);
        write_range(server, w, shown ? shown->span : d->span);
        json_field_int(w, "severity", shown ? 3 : d->severity == SEVERITY_ERROR ? 1 : 2);
        json_field_string(w, "code", diag_code_name(d->code));
        json_field_string(w, "source", "referat");
        json_field_string(w, "message", shown ? arena_printf(arena, "%s: %s", shown->message, text) : text);
        json_key(w, "relatedInformation");
        json_array_begin(w);
        if (shown)
            write_related(server, w, project, d->span, text, arena);
        for (const DiagnosticNote *note = d->notes; !shown && note; note = note->next)
            if (note->span.file)
                write_related(server, w, project, note->span, note->message, arena);
        json_array_end(w);
        json_object_end(w);
    }
    json_array_end(w);
    json_object_end(w);
    outgoing_send(server, &message);
}

static int compare_published(const void *left, const void *right) {
    const Published *a = left, *b = right;
    int order = strcmp(a->path, b->path);
    if (order)
        return order;
    if (a->diagnostic->sequence != b->diagnostic->sequence)
        return a->diagnostic->sequence < b->diagnostic->sequence ? -1 : 1;
    return (a->note != NULL) - (b->note != NULL);
}

/* Checks the project again with every open document as it is in the editor,
 * and publishes: each file with diagnostics, and an empty list for each
 * file that had some last time. */
static void check_project_of(Server *server, ProjectState *project) {
    SourceOverlay *overlays = xcalloc(server->document_count + 1, sizeof *overlays);
    for (size_t i = 0; i < server->document_count; i++)
        overlays[i] = (SourceOverlay){server->documents[i].path, server->documents[i].text, server->documents[i].length};
    if (!project->session)
        project->session = session_new(project->root);
    struct timespec began, ended, cpu_began, cpu_ended;
    clock_gettime(CLOCK_MONOTONIC, &began);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_began);
    project->compilation = session_check(project->session, overlays, server->document_count, compilation_default_jobs());
    clock_gettime(CLOCK_MONOTONIC, &ended);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu_ended);
    free(overlays);
    project->stale = false;
    server->checks++;
    size_t files, parsed;
    session_last_counts(project->session, &files, &parsed);
    /* The figure bench/ reads, and what a user reading the editor's log
     * wants to know. */
    fprintf(stderr, "referat lsp: check %u of %s: %zu meeting files, %zu parsed again, %.1f ms (%.1f ms of CPU)\n",
            server->checks, project->root, files, parsed,
            (double)(ended.tv_sec - began.tv_sec) * 1e3 + (double)(ended.tv_nsec - began.tv_nsec) / 1e6,
            (double)(cpu_ended.tv_sec - cpu_began.tv_sec) * 1e3 +
                (double)(cpu_ended.tv_nsec - cpu_began.tv_nsec) / 1e6);
    const Diagnostics *d = &project->compilation->diagnostics;
    Arena arena;
    arena_init(&arena);
    size_t capacity = 1;
    for (size_t i = 0; i < d->count; i++) {
        capacity++;
        for (const DiagnosticNote *note = d->items[i]->notes; note; note = note->next)
            capacity++;
    }
    Published *items = xcalloc(capacity, sizeof *items);
    size_t count = 0;
    for (size_t i = 0; i < d->count; i++) {
        const Diagnostic *diagnostic = d->items[i];
        if (!diagnostic->span.file || !diagnostic->span.file->path)
            continue;
        items[count++] = (Published){diagnostic, NULL, diagnostic->span.file->path};
        for (const DiagnosticNote *note = diagnostic->notes; note; note = note->next)
            if (note->span.file && note->span.file->path &&
                strcmp(note->span.file->path, diagnostic->span.file->path) != 0)
                items[count++] = (Published){diagnostic, note, note->span.file->path};
    }
    qsort(items, count, sizeof *items, compare_published);
    char **now = xcalloc(count + 1, sizeof *now);
    size_t now_count = 0;
    for (size_t start = 0; start < count;) {
        size_t end = start;
        while (end < count && strcmp(items[end].path, items[start].path) == 0)
            end++;
        publish(server, project, items[start].path, items + start, end - start, &arena);
        now[now_count++] = xstrdup(items[start].path);
        start = end;
    }
    for (size_t i = 0; i < project->published_count; i++) {
        bool still = false;
        for (size_t k = 0; k < now_count && !still; k++)
            still = strcmp(now[k], project->published[i]) == 0;
        if (!still)
            publish(server, project, project->published[i], NULL, 0, &arena);
        free(project->published[i]);
    }
    free(project->published);
    project->published = now;
    project->published_count = now_count;
    free(items);
    arena_free(&arena);
}

static ProjectState *project_of_document(Server *server, const char *path) {
    Arena arena;
    arena_init(&arena);
    char *root = compilation_project_of(&arena, path);
    ProjectState *project = root ? project_for(server, root) : NULL;
    arena_free(&arena);
    return project;
}

/* ---- requests -------------------------------------------------------------- */

static void on_initialize(Server *server, const JsonValue *id, const JsonValue *params) {
    /* Code points if the client can, else UTF-8, else UTF-16 (the default). */
    server->encoding = 16;
    const JsonValue *offered = json_path(params, "capabilities", "general", "positionEncodings", NULL);
    for (size_t i = 0; offered && offered->kind == JSON_ARRAY && i < offered->count; i++) {
        Slice name = json_as_string(offered->items[i]);
        if (slice_equal_cstring(name, "utf-32"))
            server->encoding = 32;
        else if (slice_equal_cstring(name, "utf-8") && server->encoding != 32)
            server->encoding = 8;
    }
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    json_object_begin(w);
    json_key(w, "capabilities");
    json_object_begin(w);
    json_field_string(w, "positionEncoding", server->encoding == 32 ? "utf-32" : server->encoding == 8 ? "utf-8" : "utf-16");
    json_key(w, "textDocumentSync");
    json_object_begin(w);
    json_field_bool(w, "openClose", true);
    json_field_int(w, "change", 1); /* the whole text each time */
    json_field_bool(w, "save", true);
    json_object_end(w);
    json_field_bool(w, "hoverProvider", true);
    json_field_bool(w, "definitionProvider", true);
    json_field_bool(w, "referencesProvider", true);
    json_field_bool(w, "documentFormattingProvider", true);
    json_field_bool(w, "codeActionProvider", true);
    json_key(w, "completionProvider");
    json_object_begin(w);
    json_key(w, "triggerCharacters");
    json_array_begin(w);
    json_string(w, "-");
    json_array_end(w);
    json_object_end(w);
    json_object_end(w);
    json_key(w, "serverInfo");
    json_object_begin(w);
    json_field_string(w, "name", "referat");
    json_field_string(w, "version", REFERAT_VERSION);
    json_object_end(w);
    json_object_end(w);
    outgoing_send(server, &message);
}

static void set_document(Server *server, Slice uri, Slice text) {
    char *path = uri_to_path(uri);
    if (!path)
        return;
    Document *document = document_find(server, path);
    if (!document) {
        server->documents = xrealloc(server->documents, (server->document_count + 1) * sizeof *server->documents);
        document = &server->documents[server->document_count++];
        document->uri = xstrndup(uri.data, uri.length);
        document->path = path;
        document->text = NULL;
    } else {
        free(path);
    }
    free(document->text);
    document->text = xstrndup(text.data, text.length);
    document->length = text.length;
}

static void close_document(Server *server, Slice uri) {
    char *path = uri_to_path(uri);
    Document *document = path ? document_find(server, path) : NULL;
    free(path);
    if (!document)
        return;
    free(document->uri);
    free(document->path);
    free(document->text);
    *document = server->documents[--server->document_count];
}

/* A document changed: its project is checked once the client has been
 * quiet for LSP_QUIET_MILLISECONDS (lsp_serve), or before a request reads
 * it (document_of) — not once per keystroke. */
static void recheck(Server *server, Slice uri) {
    char *path = uri_to_path(uri);
    ProjectState *project = path ? project_of_document(server, path) : NULL;
    if (project)
        project->stale = true;
    else if (path)
        fprintf(stderr, "referat lsp: %s is in no project (no referat.yaml above it)\n", path);
    free(path);
}

static void check_stale_projects(Server *server) {
    for (size_t i = 0; i < server->project_count; i++)
        if (server->projects[i].stale)
            check_project_of(server, &server->projects[i]);
}

/* The case reference under (line, column) in `meeting`: in running text,
 * Oppfølging av, or approved_in. */
static const CaseRef *reference_at(const Meeting *m, uint32_t line, uint32_t column) {
    const CaseRef *candidates[3] = {m->approved_in, NULL, NULL};
    for (const CaseRef *r = m->references; r; r = r->next)
        if (r->span.line == line && r->span.column <= column && column < r->span.end_column)
            return r;
    for (size_t i = 0; i < m->case_count; i++) {
        const Case *c = m->cases[i];
        candidates[1] = c->follows_up;
        for (int k = 0; k < 2; k++) {
            const CaseRef *r = candidates[k];
            Span span = k == 0 ? m->approved_in_span : c->follows_up_span;
            if (r && span.line == line && span.column <= column && column < span.end_column)
                return r;
        }
    }
    return NULL;
}

typedef struct {
    ProjectState *project;
    const Meeting *meeting;
    uint32_t line, column;
} Place;

static bool document_of(Server *server, const JsonValue *params, Place *place);

static bool place_of(Server *server, const JsonValue *params, Place *place) {
    if (!document_of(server, params, place))
        return false;
    long line = json_as_integer(json_path(params, "position", "line", NULL), -1);
    long character = json_as_integer(json_path(params, "position", "character", NULL), -1);
    if (line < 0 || character < 0 || line >= (long)place->meeting->file->line_count)
        return false;
    place->line = (uint32_t)line + 1;
    place->column = column_from_client(server, place->meeting->file, place->line, character);
    return true;
}

/* The project and meeting of params.textDocument (checked first if it
 * never was). */
static bool document_of(Server *server, const JsonValue *params, Place *place) {
    char *path = uri_to_path(json_as_string(json_path(params, "textDocument", "uri", NULL)));
    ProjectState *project = path ? project_of_document(server, path) : NULL;
    if (project && (!project->compilation || project->stale))
        check_project_of(server, project);
    place->project = project;
    place->meeting = NULL;
    if (!project) {
        free(path);
        return false;
    }
    const char *relative = path + strlen(project->root) + 1;
    const Project *p = &project->compilation->project;
    for (size_t i = 0; i < p->meeting_count && !place->meeting; i++)
        if (strcmp(p->meetings[i]->file->path, relative) == 0)
            place->meeting = p->meetings[i];
    free(path);
    /* The answers read the meeting's body and front matter: a meeting whose
     * front matter could not be read has its diagnostics, and no more. */
    if (place->meeting && (!place->meeting->front_matter_read || !place->meeting->body))
        place->meeting = NULL;
    return place->meeting != NULL;
}

/* The roster member whose name is under the position, on its line. */
static const Member *member_at(const Place *place) {
    const Body *body = place->meeting->body;
    Slice text = source_line(place->meeting->file, place->line);
    for (size_t i = 0; body && i < body->member_count; i++) {
        Slice name = body->members[i].name;
        for (size_t at = 0; name.length && at + name.length <= text.length; at++) {
            if (memcmp(text.data + at, name.data, name.length) != 0)
                continue;
            uint32_t first = (uint32_t)utf8_length(text.data, at) + 1;
            uint32_t last = first + (uint32_t)utf8_length(name.data, name.length);
            if (first <= place->column && place->column < last)
                return &body->members[i];
        }
    }
    return NULL;
}

static void on_hover(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    const CaseRef *reference = NULL;
    const Case *heading = NULL;
    bool placed = place_of(server, params, &place);
    if (placed) {
        reference = reference_at(place.meeting, place.line, place.column);
        for (size_t i = 0; !reference && i < place.meeting->case_count; i++)
            if (place.meeting->cases[i]->span.line == place.line)
                heading = place.meeting->cases[i];
    }
    const Member *member = placed && !reference && !heading ? member_at(&place) : NULL;
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    const Case *c = reference && reference->target ? reference->target : heading;
    if (member) {
        Arena arena;
        arena_init(&arena);
        Diagnostics quiet;
        diag_init(&quiet, &arena);
        Presentation presentation;
        const char *key = member->deputy ? "member_deputy" : member->vote ? "member_vote" : "advisory_member";
        const char *right = presentation_init(&presentation, &arena, &quiet, &place.project->compilation->project,
                                              PUBLICATION_INTERNAL)
                                ? present_label(&presentation, key)
                                : key;
        json_object_begin(w);
        json_key(w, "contents");
        json_object_begin(w);
        json_field_string(w, "kind", "markdown");
        json_field_string(w, "value", arena_printf(&arena, "**%.*s**%s%.*s%s%.*s — %s, %s", (int)member->name.length,
                                                   member->name.data, member->role.length ? ", " : "",
                                                   (int)member->role.length, member->role.data,
                                                   member->party.length ? ", " : "", (int)member->party.length,
                                                   member->party.data, place.meeting->body->short_name.data, right));
        json_object_end(w);
        json_object_end(w);
        outgoing_send(server, &message);
        diag_dispose(&quiet);
        arena_free(&arena);
        return;
    }
    if (!c) {
        json_null(w);
        outgoing_send(server, &message);
        return;
    }
    Arena arena;
    arena_init(&arena);
    Presentation presentation;
    Diagnostics scratch;
    diag_init(&scratch, &arena);
    StringBuffer text = {0};
    const Meeting *m = c->meeting;
    buffer_printf(&text, "**%s %s %.*s**", m->body->short_name.data, present_case_number(&arena, c->number, m->body),
                  (int)c->title.length, c->title.data);
    if (presentation_init(&presentation, &arena, &scratch, &place.project->compilation->project, PUBLICATION_INTERNAL)) {
        const char *type = present_type_name(&presentation, c->type);
        buffer_printf(&text, "%s%s%s\n\n%s, %s — %s", type ? " (" : "", type ? type : "", type ? ")" : "",
                      present_meeting_title(&presentation, &arena, m), m->file->path,
                      present_outcome_with_vote(&presentation, &arena, c));
        const char *quorum = present_quorum_note(&presentation, &arena, c, NULL);
        if (quorum)
            buffer_printf(&text, "\n\n%s", quorum);
        if (c->decision && c->decision->text.length)
            buffer_printf(&text, "\n\n%s\n\n%.*s", present_decision_heading(&presentation, c->decision),
                          (int)(c->decision->text.length < 1500 ? c->decision->text.length : 1500),
                          c->decision->text.data);
    }
    json_object_begin(w);
    json_key(w, "contents");
    json_object_begin(w);
    json_field_string(w, "kind", "markdown");
    json_field_string(w, "value", text.data);
    json_object_end(w);
    json_object_end(w);
    outgoing_send(server, &message);
    buffer_free(&text);
    diag_dispose(&scratch);
    arena_free(&arena);
}

static void on_definition(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    const CaseRef *reference = place_of(server, params, &place) ? reference_at(place.meeting, place.line, place.column)
                                                                 : NULL;
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    if (!reference || !reference->target) {
        json_null(w);
    } else {
        Arena arena;
        arena_init(&arena);
        const Case *target = reference->target;
        json_object_begin(w);
        json_field_string(w, "uri", uri_of(server, place.project, target->meeting->file->path, &arena));
        write_range(server, w, target->span);
        json_object_end(w);
        arena_free(&arena);
    }
    outgoing_send(server, &message);
}

/* One edit replacing the whole document with `text`. */
static void write_whole_document_edit(Server *server, JsonWriter *w, const Meeting *m, const char *text, size_t length) {
    Slice old = slice_make(m->file->text, m->file->length);
    uint32_t lines = 0;
    size_t last_start = 0;
    for (size_t i = 0; i < old.length; i++)
        if (old.data[i] == '\n') {
            lines++;
            last_start = i + 1;
        }
    long end_character = 0;
    for (size_t i = last_start, n; i < old.length; i += n)
        end_character += character_units(server, (unsigned char)old.data[i], &n);
    json_object_begin(w);
    json_key(w, "range");
    json_object_begin(w);
    json_key(w, "start");
    json_object_begin(w);
    json_field_int(w, "line", 0);
    json_field_int(w, "character", 0);
    json_object_end(w);
    json_key(w, "end");
    json_object_begin(w);
    json_field_int(w, "line", lines);
    json_field_int(w, "character", end_character);
    json_object_end(w);
    json_object_end(w);
    json_field_slice(w, "newText", slice_make(text, length));
    json_object_end(w);
}

/* textDocument/formatting: `referat fmt`'s canonical layout, when it reads
 * as the same meeting. */
static void on_formatting(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    StringBuffer text = {0};
    bool formatted = document_of(server, params, &place) &&
                     format_meeting_safely(&place.project->compilation->project, place.meeting,
                                           place.meeting->file->path, &text);
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    json_array_begin(w);
    if (formatted && (text.length != place.meeting->file->length ||
                      memcmp(text.data ? text.data : "", place.meeting->file->text, text.length) != 0))
        write_whole_document_edit(server, w, place.meeting, text.data ? text.data : "", text.length);
    json_array_end(w);
    outgoing_send(server, &message);
    buffer_free(&text);
}

/* textDocument/codeAction: the certain fixes of `check --fix` for this
 * file, as one quick fix. */
static void on_code_action(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    StringBuffer text = {0};
    size_t fixes = document_of(server, params, &place)
                       ? fix_meeting(&place.project->compilation->project, place.meeting,
                                     &place.project->compilation->diagnostics, &text)
                       : 0;
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    json_array_begin(w);
    if (fixes) {
        Arena arena;
        arena_init(&arena);
        json_object_begin(w);
        json_field_string(w, "title", arena_printf(&arena, "referat: apply the certain fix%s (%zu)",
                                                  fixes == 1 ? "" : "es", fixes));
        json_field_string(w, "kind", "quickfix");
        json_key(w, "edit");
        json_object_begin(w);
        json_key(w, "changes");
        json_object_begin(w);
        json_key(w, uri_of(server, place.project, place.meeting->file->path, &arena));
        json_array_begin(w);
        write_whole_document_edit(server, w, place.meeting, text.data ? text.data : "", text.length);
        json_array_end(w);
        json_object_end(w);
        json_object_end(w);
        json_object_end(w);
        arena_free(&arena);
    }
    json_array_end(w);
    outgoing_send(server, &message);
    buffer_free(&text);
}

static void write_location(Server *server, JsonWriter *w, ProjectState *project, Span span, Arena *arena) {
    json_object_begin(w);
    json_field_string(w, "uri", uri_of(server, project, span.file->path, arena));
    write_range(server, w, span);
    json_object_end(w);
}

/* textDocument/references on a case heading (or a reference): every place
 * in the project that cites the case. */
static void on_references(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    const Case *target = NULL;
    if (place_of(server, params, &place)) {
        const CaseRef *reference = reference_at(place.meeting, place.line, place.column);
        target = reference ? reference->target : NULL;
        for (size_t i = 0; !target && i < place.meeting->case_count; i++)
            if (place.meeting->cases[i]->span.line == place.line)
                target = place.meeting->cases[i];
    }
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    json_array_begin(w);
    if (target) {
        Arena arena;
        arena_init(&arena);
        const Project *project = &place.project->compilation->project;
        const JsonValue *include = json_path(params, "context", "includeDeclaration", NULL);
        if (include && include->kind == JSON_TRUE)
            write_location(server, w, place.project, target->span, &arena);
        for (size_t i = 0; i < project->meeting_count; i++) {
            const Meeting *m = project->meetings[i];
            for (const CaseRef *r = m->references; r; r = r->next)
                if (r->target == target)
                    write_location(server, w, place.project, r->span, &arena);
            for (size_t k = 0; k < m->case_count; k++)
                if (m->cases[k]->follows_up && m->cases[k]->follows_up->target == target)
                    write_location(server, w, place.project, m->cases[k]->follows_up_span, &arena);
            if (m->approved_in && m->approved_in->target == target)
                write_location(server, w, place.project, m->approved_in_span, &arena);
        }
        arena_free(&arena);
    }
    json_array_end(w);
    outgoing_send(server, &message);
}

static void completion_item(JsonWriter *w, Slice label, int kind, const char *insert) {
    json_object_begin(w);
    json_field_slice(w, "label", label);
    json_field_int(w, "kind", kind);
    if (insert)
        json_field_string(w, "insertText", insert);
    json_object_end(w);
}

/* Whether the text before the cursor ends with the case keyword and a
 * space ("jf. sak ") or is an `Oppfølging av:` field's value. */
static bool after_case_keyword(const Server *server, const Meeting *m, uint32_t line, const JsonValue *params) {
    Slice text = source_line(m->file, line);
    uint32_t column = column_from_client(server, m->file, line,
                                         json_as_integer(json_path(params, "position", "character", NULL), 0));
    size_t end = 0;
    for (uint32_t seen = 1; end < text.length && seen < column; seen++)
        end += utf8_sequence_length((const unsigned char *)text.data + end, text.length - end);
    if (end > text.length)
        end = text.length;
    Slice before = slice_make(text.data, end);
    const char *colon = memchr(before.data, ':', before.length);
    if (colon) {
        Slice key = slice_trim(slice_make(before.data, (size_t)(colon - before.data)));
        for (int l = LANGUAGE_NB; l <= LANGUAGE_EN; l *= 2)
            if (keyword_lookup(KEYWORD_GROUP_FIELD, key, (Language)l) == KEYWORD_FIELD_FOLLOWS_UP)
                return true;
    }
    if (!before.length || before.data[before.length - 1] != ' ')
        return false;
    size_t word_end = before.length - 1, word_start = word_end;
    while (word_start > 0 && before.data[word_start - 1] != ' ')
        word_start--;
    Slice word = slice_make(before.data + word_start, word_end - word_start);
    for (int l = LANGUAGE_NB; l <= LANGUAGE_EN; l *= 2)
        if (keyword_lookup(KEYWORD_GROUP_CASE, word, (Language)l) >= 0)
            return true;
    return false;
}

/* textDocument/completion: in the front matter, the body's roster names
 * (attendance lists, `for:`, `chair:`); at the start of a line of the
 * Markdown, the case field keys of the project's language. */
static void on_completion(Server *server, const JsonValue *id, const JsonValue *params) {
    Place place;
    long line = json_as_integer(json_path(params, "position", "line", NULL), -1);
    bool known = document_of(server, params, &place) && line >= 0;
    Outgoing message;
    JsonWriter *w = response_begin(&message, id);
    json_array_begin(w);
    if (known) {
        const Meeting *m = place.meeting;
        /* The front matter ends at the second line that is "---". */
        uint32_t fences = 0, front_matter_end = 0;
        for (uint32_t i = 1; i <= m->file->line_count && fences < 2; i++) {
            Slice text = slice_trim(source_line(m->file, i));
            if (slice_equal_cstring(text, "---") && ++fences == 2)
                front_matter_end = i;
        }
        Arena arena;
        arena_init(&arena);
        const Project *project = &place.project->compilation->project;
        if ((uint32_t)line + 1 < front_matter_end && m->body) {
            for (size_t i = 0; i < m->body->member_count; i++)
                completion_item(w, m->body->members[i].name, 12 /* Value */, NULL);
        } else if ((uint32_t)line < m->file->line_count && after_case_keyword(server, m, (uint32_t)line + 1, params)) {
            /* A reference being written: the body's cases, newest first. */
            for (size_t i = project->meeting_count; i-- > 0;) {
                const Meeting *other = project->meetings[i];
                for (size_t k = 0; other->body == m->body && k < other->case_count; k++) {
                    const Case *c = other->cases[k];
                    if (!c->number.valid)
                        continue;
                    json_object_begin(w);
                    json_field_string(w, "label", present_case_number(&arena, c->number, m->body));
                    json_field_int(w, "kind", 18 /* Reference */);
                    json_field_slice(w, "detail", c->title);
                    json_object_end(w);
                }
            }
        } else {
            const Language language = place.project->compilation->project.language;
            const char *keys[64];
            size_t count = keyword_spellings(KEYWORD_GROUP_FIELD, language, keys, 64);
            for (size_t i = 0; i < count && i < 64; i++)
                completion_item(w, slice_from_cstring(keys[i]), 14 /* Keyword */, arena_printf(&arena, "%s: ", keys[i]));
        }
        arena_free(&arena);
    }
    json_array_end(w);
    outgoing_send(server, &message);
}

/* ---- the loop ---------------------------------------------------------------- */

static bool is_request(const JsonValue *message) {
    const JsonValue *id = json_member(message, "id");
    return id && (id->kind == JSON_NUMBER || id->kind == JSON_STRING);
}

/* One message; false after `exit`. */
static bool handle(Server *server, const JsonValue *message) {
    Slice method = json_as_string(json_member(message, "method"));
    const JsonValue *id = json_member(message, "id"), *params = json_member(message, "params");
    bool request = is_request(message);
    if (!method.length) {
        if (request)
            send_error(server, id, -32600, "a request needs a method");
        return true; /* a response to us: we send no requests */
    }
    if (slice_equal_cstring(method, "exit"))
        return false;
    if (server->shutdown && request) {
        send_error(server, id, -32600, "the server is shut down");
        return true;
    }
    if (slice_equal_cstring(method, "initialize") && request) {
        on_initialize(server, id, params);
    } else if (slice_equal_cstring(method, "shutdown") && request) {
        server->shutdown = true;
        Outgoing reply;
        JsonWriter *w = response_begin(&reply, id);
        json_null(w);
        outgoing_send(server, &reply);
    } else if (slice_equal_cstring(method, "textDocument/didOpen")) {
        Slice uri = json_as_string(json_path(params, "textDocument", "uri", NULL));
        set_document(server, uri, json_as_string(json_path(params, "textDocument", "text", NULL)));
        recheck(server, uri);
    } else if (slice_equal_cstring(method, "textDocument/didChange")) {
        Slice uri = json_as_string(json_path(params, "textDocument", "uri", NULL));
        const JsonValue *changes = json_member(params, "contentChanges");
        /* Full synchronisation: the last change holds the whole text. */
        if (changes && changes->kind == JSON_ARRAY && changes->count) {
            set_document(server, uri, json_as_string(json_member(changes->items[changes->count - 1], "text")));
            recheck(server, uri);
        }
    } else if (slice_equal_cstring(method, "textDocument/didSave")) {
        recheck(server, json_as_string(json_path(params, "textDocument", "uri", NULL)));
    } else if (slice_equal_cstring(method, "textDocument/didClose")) {
        Slice uri = json_as_string(json_path(params, "textDocument", "uri", NULL));
        char *kept = xstrndup(uri.data, uri.length);
        close_document(server, uri);
        recheck(server, slice_from_cstring(kept));
        free(kept);
    } else if (slice_equal_cstring(method, "textDocument/hover") && request) {
        on_hover(server, id, params);
    } else if (slice_equal_cstring(method, "textDocument/definition") && request) {
        on_definition(server, id, params);
    } else if (slice_equal_cstring(method, "textDocument/references") && request) {
        on_references(server, id, params);
    } else if (slice_equal_cstring(method, "textDocument/formatting") && request) {
        on_formatting(server, id, params);
    } else if (slice_equal_cstring(method, "textDocument/codeAction") && request) {
        on_code_action(server, id, params);
    } else if (slice_equal_cstring(method, "textDocument/completion") && request) {
        on_completion(server, id, params);
    } else if (request) {
        send_error(server, id, -32601, "method not found");
    }
    return true;
}

int lsp_serve(FILE *in, FILE *out) {
#ifdef __GLIBC__
    /* Every check allocates about what the last one freed: keep it, rather
     * than hand it back to the system and take page faults for it again
     * (a sixth of an edit's check at 2,000 meetings went to them). */
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
    Server server;
    memset(&server, 0, sizeof server);
    server.in = in;
    server.out = out;
    server.encoding = 16;
    Input input = {in, fileno(in), xmalloc(INPUT_BUFFER_BYTES), 0, 0, false};
    bool running = true;
    while (running) {
        bool stale = false;
        for (size_t i = 0; i < server.project_count; i++)
            stale = stale || server.projects[i].stale;
        if (stale && input_quiet_for(&input, LSP_QUIET_MILLISECONDS)) {
            check_stale_projects(&server);
            continue;
        }
        size_t length;
        char *body = read_message(&input, &length);
        if (!body)
            break;
        Arena arena;
        arena_init(&arena);
        const char *error = NULL;
        JsonValue *message = json_read(&arena, body, length, &error);
        if (!message || message->kind != JSON_OBJECT) {
            fprintf(stderr, "referat lsp: a message that is not a JSON object: %s\n", error ? error : "not an object");
            send_error(&server, NULL, -32700, "parse error");
        } else {
            running = handle(&server, message);
        }
        arena_free(&arena);
        free(body);
    }
    for (size_t i = 0; i < server.document_count; i++) {
        free(server.documents[i].uri);
        free(server.documents[i].path);
        free(server.documents[i].text);
    }
    free(server.documents);
    free(input.buffer);
    for (size_t i = 0; i < server.project_count; i++) {
        session_free(server.projects[i].session);
        for (size_t k = 0; k < server.projects[i].published_count; k++)
            free(server.projects[i].published[k]);
        free(server.projects[i].published);
        free(server.projects[i].root);
    }
    free(server.projects);
    return server.shutdown && !running ? 0 : 1;
}
