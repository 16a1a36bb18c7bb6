/* check_references: case references (`Oppfølging av`, running text) and
 * attachments. References are resolved against the case index and the
 * target recorded on the AST for the emitters' links. */
#include <limits.h>
#include <linux/limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "project_index.h"
#include "suggest.h"
#include "values.h"

static bool is_abbreviation(Slice word) {
    size_t letters = 0;
    for (size_t i = 0; i < word.length; i++) {
        unsigned char c = (unsigned char)word.data[i];
        if (c >= 'a' && c <= 'z')
            return false;
        if (c >= 'A' && c <= 'Z')
            letters++;
        if (c == 0xC3 && i + 1 < word.length) {
            unsigned char next = (unsigned char)word.data[i + 1];
            if (next == 0xA5 || next == 0xA6 || next == 0xB8) /* å æ ø */
                return false;
        }
    }
    return letters >= 2;
}

static Body *body_named(const Project *project, const Meeting *meeting, Slice name) {
    if (meeting->body && (slice_equal_fold(meeting->body->short_name, name) || slice_equal_fold(meeting->body->id, name) ||
                          slice_equal_fold(meeting->body->name, name)))
        return meeting->body;
    for (size_t i = 0; i < project->body_count; i++) {
        Body *body = &project->bodies[i];
        if (slice_equal_fold(body->short_name, name) || slice_equal_fold(body->id, name) ||
            slice_equal_fold(body->name, name))
            return body;
    }
    return NULL;
}

/* A reference predates the project's archive of the body: not checkable. */
static bool before_archive(const Body *body, int year, int number) {
    if (!body->archive_from.valid)
        return false;
    return year < body->archive_from.year || (year == body->archive_from.year && number < body->archive_from.number);
}

static void format_reference(const CaseRef *reference, char *out, size_t capacity) {
    case_number_format(reference->number, reference->number.form, out, capacity);
}

/* The body a reference value names (its own meeting's without a prefix),
 * or NULL after reporting `code` at `span` with a did-you-mean. */
static Body *reference_body(Diagnostics *diagnostics, const Project *project, const Meeting *meeting,
                            const CaseRef *reference, DiagCode code, Span span) {
    Body *body = reference->body_prefix.length ? body_named(project, meeting, reference->body_prefix) : meeting->body;
    if (body)
        return body;
    const char *candidates[256];
    size_t count = 0;
    for (size_t i = 0; i < project->body_count && count < 256; i++)
        candidates[count++] = project->bodies[i].short_name.data;
    Diagnostic *d = diag_report(diagnostics, code, span, "no body '%.*s' in referat.yaml",
                                (int)reference->body_prefix.length, reference->body_prefix.data);
    diag_suggest(diagnostics, d,
                 suggest_nearest(reference->body_prefix, candidates, count, suggest_default_distance(reference->body_prefix)));
    return NULL;
}

/* Resolves a reference value's body and case onto it (NULL body: reported
 * as `code`); *number gets the number as written for messages. */
static Body *resolve_reference(Diagnostics *diagnostics, const Project *project, const ProjectIndex *index,
                               const Meeting *meeting, CaseRef *reference, DiagCode code, Span span, char number[32]) {
    format_reference(reference, number, 32);
    Body *body = reference_body(diagnostics, project, meeting, reference, code, span);
    if (!body)
        return NULL;
    reference->body = body;
    reference->target = project_index_case(index, body, reference->number.year, reference->number.number);
    return body;
}

static void check_follows_up(Diagnostics *diagnostics, const Project *project, const ProjectIndex *index,
                             const Meeting *meeting, Case *c) {
    CaseRef *reference = c->follows_up;
    if (!reference)
        return;
    char number[32];
    Body *body = resolve_reference(diagnostics, project, index, meeting, reference, DIAG_E_REF, c->follows_up_span, number);
    if (!body)
        return;
    if (reference->target == c)
        reference->target = NULL; /* a case does not follow itself up */
    if (reference->target) {
        /* Prepended, so that many follow-ups of one case stay linear; the
         * emitters order them by date. */
        FollowUp *follow = arena_alloc(diagnostics->arena, sizeof *follow);
        follow->by = c;
        follow->next = reference->target->followed_up_by;
        reference->target->followed_up_by = follow;
    }
    if (reference->target || before_archive(body, reference->number.year, reference->number.number))
        return;
    Diagnostic *d = diag_report(diagnostics, DIAG_E_REF, c->follows_up_span, "case %s of %s is not in the project", number,
                                body->short_name.data);
    if (!project_index_holds_year(index, body, reference->number.year))
        diag_note(diagnostics, d, c->follows_up_span,
                  "the project holds no meetings of %s in %d; if the archive starts later, say so with archive_from",
                  body->short_name.data, reference->number.year);
}

static void check_text_reference(Diagnostics *diagnostics, const Project *project, const ProjectIndex *index,
                                 const Meeting *meeting, CaseRef *reference) {
    Body *body = meeting->body;
    if (reference->body_prefix.length) {
        Body *named = body_named(project, meeting, reference->body_prefix);
        const char *after = reference->body_prefix.data + reference->body_prefix.length;
        bool joined = *after == '-';
        if (named)
            body = named;
        else if (joined || is_abbreviation(reference->body_prefix))
            return; /* another body's case (`PM-sak 08/23`): not ours to check */
        else {
            /* An ordinary word ("Se sak 01/25"): not part of the reference. */
            reference->text_offset = (size_t)(after + 1 - meeting->file->text);
            /* The word and the space after it leave the span; counted from
             * the span, not from the line's start, so a line of many
             * references stays linear. */
            reference->span.column += (uint32_t)utf8_length(reference->body_prefix.data, reference->body_prefix.length) + 1;
            reference->body_prefix = slice_make("", 0);
        }
    }
    if (!body)
        return;
    reference->body = body;
    reference->target = project_index_case(index, body, reference->number.year, reference->number.number);
    if (reference->target || !project_index_holds_year(index, body, reference->number.year) ||
        before_archive(body, reference->number.year, reference->number.number))
        return;
    char number[32];
    format_reference(reference, number, sizeof number);
    diag_report(diagnostics, DIAG_W_REF, reference->span, "%s has no case %s in %d in this project", body->short_name.data,
                number, reference->number.year);
}

/* `approved_in: SSU 02/26`: the case of a later meeting that approved
 * these minutes (E-APPROVED-IN), and `approved:` against its date
 * (W-APPROVED-DATE). */
static void check_approved_in(Diagnostics *diagnostics, const Project *project, const ProjectIndex *index,
                              Meeting *meeting) {
    char date[16], approved[16];
    if (meeting->approved.year && date_compare(meeting->approved, meeting->date) < 0) {
        snprintf(approved, sizeof approved, "%02d.%02d.%04d", meeting->approved.day, meeting->approved.month,
                 meeting->approved.year);
        diag_report(diagnostics, DIAG_W_APPROVED_DATE, meeting->approved_span,
                    "the minutes are approved %s, before the meeting itself", approved);
    }
    CaseRef *reference = meeting->approved_in;
    if (!reference)
        return;
    char number[32];
    Body *body = resolve_reference(diagnostics, project, index, meeting, reference, DIAG_E_APPROVED_IN,
                                   meeting->approved_in_span, number);
    if (!body)
        return;
    Case *target = reference->target;
    if (!target) {
        diag_report(diagnostics, DIAG_E_APPROVED_IN, meeting->approved_in_span,
                    "'approved_in' names case %s of %s, which is not in the project", number, body->short_name.data);
        return;
    }
    const Meeting *later = target->meeting;
    snprintf(date, sizeof date, "%02d.%02d.%04d", later->date.day, later->date.month, later->date.year);
    if (later == meeting || date_compare(later->date, meeting->date) <= 0) {
        Diagnostic *d = diag_report(diagnostics, DIAG_E_APPROVED_IN, meeting->approved_in_span,
                                    "minutes are approved by a later meeting, but case %s is of the meeting of %s",
                                    number, date);
        diag_note(diagnostics, d, target->span, "case %s is here", number);
        reference->target = NULL;
        return;
    }
    if (meeting->approved.year && date_compare(meeting->approved, later->date) != 0) {
        snprintf(approved, sizeof approved, "%02d.%02d.%04d", meeting->approved.day, meeting->approved.month,
                 meeting->approved.year);
        Diagnostic *d = diag_report(diagnostics, DIAG_W_APPROVED_DATE, meeting->approved_span,
                                    "'approved' is %s, but case %s that approved the minutes was dealt with on %s",
                                    approved, number, date);
        diag_note(diagnostics, d, later->date_span, "that meeting's date");
    }
    target->approves = meeting;
}

static bool has_scheme(Slice target, Slice *scheme) {
    size_t i = 0;
    while (i < target.length && ((target.data[i] >= 'a' && target.data[i] <= 'z') ||
                                 (target.data[i] >= 'A' && target.data[i] <= 'Z') ||
                                 (i > 0 && ((target.data[i] >= '0' && target.data[i] <= '9') || target.data[i] == '+' ||
                                            target.data[i] == '.' || target.data[i] == '-'))))
        i++;
    if (i == 0 || i >= target.length || target.data[i] != ':')
        return false;
    *scheme = slice_make(target.data, i);
    return true;
}

/* Lexically: does the relative path climb above the project root? */
static bool escapes_root(const char *path) {
    int depth = 0;
    const char *p = path;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (--depth < 0)
                return true;
        } else if (!(n == 0 || (n == 1 && p[0] == '.'))) {
            depth++;
        }
        p += n + (slash != NULL);
    }
    return false;
}

static void check_attachment(Diagnostics *diagnostics, const Project *project, const Meeting *meeting,
                             const Attachment *attachment, const char *root_real) {
    Slice target = attachment->target;
    if (target.length == 0)
        return;
    Slice scheme;
    if (has_scheme(target, &scheme)) {
        if (!slice_equal_fold(scheme, slice_from_cstring("https")) && !slice_equal_fold(scheme, slice_from_cstring("http")))
            diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span,
                        "an attachment is a file in the project or an http(s) address, not a '%.*s:' link",
                        (int)scheme.length, scheme.data);
        return;
    }
    if (target.data[0] == '/' || target.data[0] == '\\') {
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span,
                    "attachment path '%.*s' is absolute; give it relative to the meeting file", (int)target.length,
                    target.data);
        return;
    }
    const char *slash = strrchr(meeting->file->path, '/');
    int directory_length = slash ? (int)(slash - meeting->file->path) : 0;
    char relative[PATH_MAX];
    int written = snprintf(relative, sizeof relative, "%.*s%s%.*s", directory_length, meeting->file->path,
                           directory_length ? "/" : "", (int)target.length, target.data);
    if (written < 0 || (size_t)written >= sizeof relative) {
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span, "attachment path is too long");
        return;
    }
    if (escapes_root(relative)) {
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span,
                    "attachment '%.*s' is outside the project folder", (int)target.length, target.data);
        return;
    }
    char full[2 * PATH_MAX + 2], resolved[PATH_MAX];
    written = snprintf(full, sizeof full, "%s/%s", project->root, relative);
    if (written < 0 || (size_t)written >= sizeof full || !realpath(full, resolved)) {
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span, "attachment '%.*s' does not exist (looked for %s)",
                    (int)target.length, target.data, relative);
        return;
    }
    size_t root_length = strlen(root_real);
    if (!root_real[0] || strncmp(resolved, root_real, root_length) != 0 || resolved[root_length] != '/') {
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span,
                    "attachment '%.*s' leads outside the project folder (through a symbolic link)",
                    (int)target.length, target.data);
        return;
    }
    /* Only a regular file can be published: a folder (or a device) would
     * become an empty or endless file on the site. */
    struct stat info;
    bool readable = stat(resolved, &info) == 0;
    if (!readable || !S_ISREG(info.st_mode))
        diag_report(diagnostics, DIAG_E_ATTACHMENT, attachment->span, "attachment '%.*s' is %s, not a file",
                    (int)target.length, target.data, readable && S_ISDIR(info.st_mode) ? "a folder" : "not a regular file");
}

void check_references(Diagnostics *diagnostics, Project *project) {
    const ProjectIndex *index = project->index;
    char root_real[PATH_MAX];
    if (!realpath(project->root, root_real))
        root_real[0] = '\0';
    for (size_t m = 0; m < project->meeting_count; m++) {
        Meeting *meeting = project->meetings[m];
        for (size_t i = 0; i < meeting->case_count; i++) {
            Case *c = meeting->cases[i];
            if (meeting->metadata_valid && !meeting->superseded_by)
                check_follows_up(diagnostics, project, index, meeting, c);
            for (const Attachment *attachment = c->attachments; attachment; attachment = attachment->next)
                check_attachment(diagnostics, project, meeting, attachment, root_real);
        }
        if (!meeting->metadata_valid || meeting->superseded_by)
            continue;
        check_approved_in(diagnostics, project, index, meeting);
        for (CaseRef *reference = meeting->references; reference; reference = reference->next)
            check_text_reference(diagnostics, project, index, meeting, reference);
    }
}
