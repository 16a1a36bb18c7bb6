/* emit_html: the HTML emitter — each meeting's page and the index site
 * (home, body pages, case register, search index, feeds, sitemap, 404),
 * rendered through the templates from the meetings as published (present.c
 * decides what that is). Every link is relative (pages under a body's
 * folder use "../"), so the output works from disk and under any sub-path.
 * A peer of emit_pdf and emit_json: build.c decides which of them run. */
#include "memory.h"
#include "emit_html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit_calendar.h"
#include "emit_search.h"
#include "json.h"
#include "manifest.h"
#include "markdown.h"
#include "names.h"
#include "templates_embedded.h"
#include "trace.h"
#include "values.h"
#include "word_diff.h"

/* ---- helpers ----------------------------------------------------------- */

static const char *label(const Site *site, const char *key) {
    return present_label(site->presentation, key);
}

static const char *format_date(const Site *site, Date date) {
    return present_date(site->presentation, site->arena, date);
}

static const char *iso_date(const Site *site, Date date) {
    return present_iso_date(site->arena, date);
}

static const char *meeting_path(const Site *site, const Meeting *m, const char *extension) {
    const char *path = present_meeting_path(site->arena, m);
    size_t path_length = strlen(path), extension_length = strlen(extension);
    char *full = arena_alloc(site->arena, path_length + extension_length + 2);
    memcpy(full, path, path_length);
    full[path_length] = '.';
    memcpy(full + path_length + 1, extension, extension_length + 1);
    return full;
}

static const char *case_number_text(const Site *site, const Case *c) {
    return present_case_number(site->arena, c->number, c->meeting->body);
}

static const char *case_anchor(const Site *site, const Case *c) {
    return present_case_anchor(site->arena, c->number);
}

static const char *type_name(const Site *site, CaseType type) {
    return present_type_name(site->presentation, type);
}

static const char *meeting_title(const Site *site, const Meeting *m) {
    return present_meeting_title(site->presentation, site->arena, m);
}

/* The page context every template gets: site, labels, root. */
static TemplateValue *page(Site *site, const char *title, const char *root) {
    TemplateValue *context = value_object(site->arena);
    value_set(site->arena, context, "site", site->site);
    value_set(site->arena, context, "label", site->labels);
    value_set_cstring(site->arena, context, "root", root);
    value_set_cstring(site->arena, context, "page_title", title);
    return context;
}

static void render_to(Site *site, const char *template_name, TemplateValue *context, const char *path) {
    const Template *template = template_set_find(&site->templates, template_name);
    if (!template) {
        Span span = {NULL, 0, 0, 0, 0};
        diag_report(site->diagnostics, DIAG_E_TEMPLATE, span, "no template named '%s'", template_name);
        site->output->failed = true;
        return;
    }
    StringBuffer out = {0};
    template_render(template, &site->templates, context, &out, site->diagnostics);
    site_write(site, path, out.data ? out.data : "", out.length);
    buffer_free(&out);
}

/* ---- templates and labels ---------------------------------------------- */

static bool has_suffix(const char *name, const char *suffix) {
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcmp(name + n - m, suffix) == 0;
}

/* The project's templates/NAME, if there is one, else the embedded default. */
static SourceFile *template_source(Site *site, const EmbeddedFile *embedded) {
    char *path = arena_printf(site->arena, "templates/%s", embedded->name);
    char *full = arena_printf(site->arena, "%s/%s", site->project->root, path);
    struct stat info;
    if (stat(full, &info) == 0 && S_ISREG(info.st_mode))
        return source_load(site->arena, site->diagnostics, site->project->root, path);
    return source_from_memory(site->arena, site->diagnostics, arena_printf(site->arena, "<built-in>/%s", embedded->name),
                              embedded->data, embedded->length);
}

/* The labels as a template value: {{label.KEY}}. */
static void labels_value(Site *site) {
    site->labels = value_object(site->arena);
    for (size_t i = 0; i < site->presentation->label_count; i++)
        value_set_cstring(site->arena, site->labels, site->presentation->labels[i].key,
                          site->presentation->labels[i].text);
}

bool html_load_templates(Site *site) {
    size_t errors = site->diagnostics->error_count;
    for (size_t i = 0; i < embedded_template_count; i++) {
        const EmbeddedFile *embedded = &embedded_templates[i];
        if (strcmp(embedded->name, "labels.tsv") == 0)
            continue; /* the presentation's (present.c); build.c digests it */
        SourceFile *file = template_source(site, embedded);
        if (!file)
            continue;
        digest_string(&site->inputs, embedded->name);
        digest_field(&site->inputs, file->text, file->length);
        if (has_suffix(embedded->name, ".html") || has_suffix(embedded->name, ".xml")) {
            Template *template = template_parse(site->arena, site->diagnostics, embedded->name, file);
            if (template)
                template_set_add(site->arena, &site->templates, template);
        } else if (has_suffix(embedded->name, ".css") || has_suffix(embedded->name, ".js")) {
            site_write(site, arena_printf(site->arena, "assets/%s", embedded->name), file->text, file->length);
        }
    }
    labels_value(site);
    const Project *project = site->project;
    site->site = value_object(site->arena);
    value_set_text(site->arena, site->site, "title",
                   project->site_title.length ? project->site_title : slice_from_cstring("referat"));
    value_set_cstring(site->arena, site->site, "language", language_code(project->language));
    return site->diagnostics->error_count == errors;
}

/* ---- the meeting page -------------------------------------------------- */

/* Links for the resolved references inside text (a slice of the source).
 * References point into the checked meetings and pages show their
 * published copies (present.c): the same meeting is the same file. */
static size_t reference_links(Site *site, const Meeting *m, Slice text, MarkdownLink **links) {
    size_t count = 0;
    for (const CaseRef *r = m->references; r; r = r->next)
        count++;
    *links = arena_alloc_array(site->arena, count + 1, sizeof **links);
    size_t n = 0;
    size_t start = (size_t)(text.data - m->file->text);
    for (const CaseRef *r = m->references; r; r = r->next) {
        if (!r->target || r->text_offset < start || r->text_offset >= start + text.length)
            continue;
        const Case *target = r->target;
        size_t end = r->text_end;
        if (end <= r->text_offset || end > start + text.length)
            continue;
        const char *href = target->meeting->file == m->file
                               ? arena_printf(site->arena, "#%s", case_anchor(site, target))
                               : arena_printf(site->arena, "../%s#%s", meeting_path(site, target->meeting, "html"),
                                              case_anchor(site, target));
        (*links)[n].offset = r->text_offset - start;
        (*links)[n].length = end - r->text_offset;
        (*links)[n].href = href;
        n++;
    }
    return n;
}

static TemplateValue *markdown_value(Site *site, const Meeting *m, Slice text) {
    MarkdownLink *links;
    size_t count = reference_links(site, m, text, &links);
    return value_html(site->arena, markdown_to_html(site->arena, text, links, count));
}

static TemplateValue *people_group(Site *site, const Meeting *m, const char *heading, const PersonList *list) {
    TemplateValue *group = value_object(site->arena);
    value_set_cstring(site->arena, group, "heading", heading);
    TemplateValue *people = value_list(site->arena);
    for (size_t i = 0; i < list->count; i++) {
        const Person *p = &list->items[i];
        TemplateValue *person = value_object(site->arena);
        value_set_text(site->arena, person, "name", p->name);
        value_set_text(site->arena, person, "role", p->role);
        value_set_text(site->arena, person, "deputy_for", p->deputy_for);
        if (p->cases) {
            TemplateValue *cases = value_object(site->arena), *numbers = value_list(site->arena);
            for (const CaseRef *r = p->cases; r; r = r->next) {
                TemplateValue *number = value_object(site->arena);
                value_set_cstring(site->arena, number, "number", present_case_number(site->arena, r->number, m->body));
                value_set_cstring(site->arena, number, "anchor", present_case_anchor(site->arena, r->number));
                value_push(site->arena, numbers, number);
            }
            value_set(site->arena, cases, "list", numbers);
            value_set(site->arena, person, "guest_cases", cases);
        }
        value_push(site->arena, people, person);
    }
    value_set(site->arena, group, "people", people);
    return group;
}

static const char *attachment_href(Site *site, const Meeting *m, Slice target) {
    if (site_is_web_address(target))
        return arena_strndup(site->arena, target.data, target.length);
    return arena_printf(site->arena, "../files/%s", site_project_relative(site, m, target));
}

/* The attachments of a meeting's published cases, copied into files/ in
 * the order the page lists them. */
void html_copy_attachments(Site *site, const Meeting *m) {
    for (size_t i = 0; i < m->item_count; i++) {
        const Case *c = m->items[i].kind == ITEM_CASE ? m->items[i].case_item : NULL;
        for (const Attachment *at = c ? c->attachments : NULL; at; at = at->next) {
            if (!at->target.length || site_is_web_address(at->target))
                continue;
            const char *relative = site_project_relative(site, m, at->target);
            StringBuffer data = {0};
            if (site_read_project_file(site, relative, &data)) /* unreadable: E-ATTACHMENT before */
                site_write(site, arena_printf(site->arena, "files/%s", relative), data.data ? data.data : "",
                           data.length);
            buffer_free(&data);
        }
    }
}

/* A link to a case on its meeting's page: "KS 10/26, 19.03.2026". */
static TemplateValue *case_link(Site *site, const Case *c, const char *root) {
    Arena *a = site->arena;
    TemplateValue *link = value_object(a);
    value_set_cstring(a, link, "text", arena_printf(a, "%s %s, %s", c->meeting->body->short_name.data,
                                                    case_number_text(site, c), format_date(site, c->meeting->date)));
    value_set_cstring(a, link, "href",
                      arena_printf(a, "%s%s#%s", root, meeting_path(site, c->meeting, "html"), case_anchor(site, c)));
    value_set_text(a, link, "title", c->title);
    return link;
}

static TemplateValue *case_value(Site *site, const Meeting *m, const Case *c, const Case *previous) {
    Arena *a = site->arena;
    TemplateValue *v = value_object(a);
    value_set_bool(a, v, "is_case", true);
    value_set_cstring(a, v, "anchor", case_anchor(site, c));
    value_set_cstring(a, v, "number", case_number_text(site, c));
    value_set_text(a, v, "title", c->title);
    value_set_cstring(a, v, "type_name", type_name(site, c->type));
    value_set_cstring(a, v, "quorum_note", present_quorum_note(site->presentation, a, c, previous));
    value_set_bool(a, v, "quorate", !c->quorum.computed || c->quorum.quorate);
    if (c->exempt_basis.length) {
        TemplateValue *exempt = value_object(a);
        value_set_text(a, exempt, "basis", c->exempt_basis);
        value_set_bool(a, exempt, "internal", site->presentation->publication == PUBLICATION_INTERNAL);
        value_set(a, v, "exempt", exempt);
    }
    value_set_cstring(a, v, "closed_note", present_closed_note(site->presentation, a, c));
    /* Set even when empty: a template section looks a missing key up in the
     * meeting around the case, which has a video of its own. */
    value_set_text(a, v, "recording", c->video);
    if (c->withheld)
        return v;
    TemplateValue *recusals = value_list(a);
    for (const Recusal *r = c->recusals; r; r = r->next) {
        TemplateValue *item = value_object(a);
        value_set_cstring(a, item, "text", present_recusal(site->presentation, a, c, r));
        value_push(a, recusals, item);
    }
    value_set(a, v, "recusals", recusals);
    value_set_bool(a, v, "recusals_list", recusals->count > 0);
    value_set_text(a, v, "case_chair", c->case_chair);
    TemplateValue *votes = value_list(a);
    for (const Vote *vote = c->votes; vote; vote = vote->next) {
        if (!vote->valid)
            continue;
        TemplateValue *item = value_object(a);
        value_set_cstring(a, item, "heading", present_vote_heading(site->presentation, a, vote));
        value_set_cstring(a, item, "summary", present_vote_summary(site->presentation, a, vote));
        value_set_cstring(a, item, "outcome", present_vote_outcome(vote) == VOTE_ADOPTED    ? "adopted"
                                              : present_vote_outcome(vote) == VOTE_REJECTED ? "rejected"
                                                                                            : "tied");
        TemplateValue *sides = value_list(a);
        for (int side = 0; side < VOTE_SIDE_COUNT; side++) {
            const char *names = present_vote_names(a, vote, (VoteSide)side);
            if (!names)
                continue;
            TemplateValue *entry = value_object(a);
            value_set_cstring(a, entry, "key", present_vote_side(site->presentation, (VoteSide)side));
            value_set_cstring(a, entry, "names", names);
            value_push(a, sides, entry);
        }
        value_set(a, item, "sides", sides);
        value_push(a, votes, item);
    }
    value_set(a, v, "votes", votes);
    value_set_bool(a, v, "votes_list", votes->count > 0);
    /* Forward: the later cases that followed this one up, and its history. */
    const Case **followers;
    size_t follower_count = present_follow_ups(site->presentation, a, c, &followers);
    TemplateValue *followed = value_list(a);
    for (size_t i = 0; i < follower_count; i++)
        value_push(a, followed, case_link(site, followers[i], "../"));
    value_set(a, v, "followed_by", followed);
    value_set_bool(a, v, "followed_by_list", follower_count > 0);
    const Case *root = present_thread_root(site->presentation, c);
    value_set_cstring(a, v, "thread_href", root ? arena_printf(a, "../%s", present_thread_path(a, root)) : NULL);
    TemplateValue *fields = value_list(a);
    for (const CaseField *f = c->fields; f; f = f->next) {
        if (!present_field_is_plain(f))
            continue;
        TemplateValue *field = value_object(a);
        value_set_text(a, field, "key", f->key);
        value_set_text(a, field, "value", f->value);
        value_push(a, fields, field);
    }
    value_set(a, v, "fields", fields);
    value_set_bool(a, v, "fields_list", fields->count > 0);
    if (c->follows_up) {
        TemplateValue *follows = value_object(a);
        for (const CaseField *f = c->fields; f; f = f->next)
            if (f->concept == KEYWORD_FIELD_FOLLOWS_UP)
                value_set_text(a, follows, "text", f->value);
        const Case *target = c->follows_up->target;
        if (target)
            value_set_cstring(a, follows, "href",
                              target->meeting->file == m->file ? arena_printf(a, "#%s", case_anchor(site, target))
                                                   : arena_printf(a, "../%s#%s", meeting_path(site, target->meeting, "html"),
                                                                  case_anchor(site, target)));
        value_set(a, v, "follows_up", follows);
    }
    TemplateValue *attachments = value_list(a);
    for (const Attachment *at = c->attachments; at; at = at->next) {
        TemplateValue *attachment = value_object(a);
        value_set_text(a, attachment, "text", at->text);
        if (at->target.length)
            value_set_cstring(a, attachment, "href", attachment_href(site, m, at->target));
        value_push(a, attachments, attachment);
    }
    value_set(a, v, "attachments", attachments);
    value_set_bool(a, v, "attachments_list", attachments->count > 0);
    if (c->text.length)
        value_set(a, v, "text", markdown_value(site, m, c->text));
    if (c->proposal) {
        value_set(a, v, "proposal", markdown_value(site, m, c->proposal->text));
        value_set_cstring(a, v, "proposal_heading", label(site, "proposal"));
    }
    if (c->decision) {
        value_set(a, v, "decision", markdown_value(site, m, c->decision->text));
        value_set_cstring(a, v, "decision_heading", present_decision_heading(site->presentation, c->decision));
        value_set_cstring(a, v, "status_class",
                          c->decision->status == DECISION_POSTPONED   ? "postponed"
                          : c->decision->status == DECISION_WITHDRAWN ? "withdrawn"
                                                                      : NULL);
        if (c->proposal && c->decision->status == DECISION_DECIDED &&
            word_diff_differs(c->proposal->text, c->decision->text)) {
            value_set_bool(a, v, "differs", true);
            value_set(a, v, "difference", value_html(a, word_diff_html(a, c->proposal->text, c->decision->text)));
        }
    }
    return v;
}

void html_meeting_page(Site *site, const Meeting *m) {
    Arena *a = site->arena;
    const char *title = meeting_title(site, m);
    TemplateValue *context = page(site, title, "../");
    value_set_cstring(a, context, "title", title);
    TemplateValue *body = value_object(a);
    value_set_text(a, body, "id", m->body->id);
    value_set_text(a, body, "name", m->body->name);
    value_set_text(a, body, "short", m->body->short_name);
    value_set(a, context, "body", body);
    value_set_cstring(a, context, "date", format_date(site, m->date));
    value_set_cstring(a, context, "date_iso", iso_date(site, m->date));
    value_set_cstring(a, context, "time", present_time(a, m->time));
    value_set_text(a, context, "place", m->place);
    value_set_text(a, context, "chair", m->chair);
    /* A notice is not minutes: it has no approval and is no draft. */
    value_set_cstring(a, context, "approved", m->kind == MEETING_NOTICE ? "–" : format_date(site, m->approved));
    value_set_cstring(a, context, "next_meeting", format_date(site, m->next_meeting));
    const CaseRef *approved_in = m->approved_in;
    if (approved_in && approved_in->target && m->kind == MEETING_MINUTES) {
        const Case *target = approved_in->target;
        TemplateValue *approval = value_object(a);
        value_set_cstring(a, approval, "number", case_number_text(site, target));
        value_set_cstring(a, approval, "href",
                          arena_printf(a, "../%s#%s", meeting_path(site, target->meeting, "html"), case_anchor(site, target)));
        value_set(a, context, "approved_in", approval);
    } else {
        const Meeting *approving = present_approving_meeting(site->project, m);
        if (approving)
            value_set_cstring(a, context, "approved_meeting_href", arena_printf(a, "../%s", meeting_path(site, approving, "html")));
    }
    value_set_text(a, context, "recording", m->video);
    TemplateValue *signatures = value_list(a);
    for (size_t i = 0; i < m->signed_count; i++) {
        TemplateValue *name = value_object(a);
        value_set_text(a, name, "name", m->signed_by[i]);
        value_push(a, signatures, name);
    }
    value_set(a, context, "signatures", signatures);
    value_set_bool(a, context, "has_signatures", signatures->count > 0 || m->referent.length > 0);
    value_set_text(a, context, "referent", m->referent);
    TemplateValue *attendance = value_list(a);
    const struct {
        const PersonList *list;
        const char *key;
    } groups[] = {{&m->present, "present"},     {&m->advisory, "advisory"}, {&m->secretariat, "secretariat"},
                  {&m->observers, "observers"}, {&m->guests, "guests"},     {&m->absent, "absent"}};
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        if (groups[g].list->count)
            value_push(a, attendance, people_group(site, m, label(site, groups[g].key), groups[g].list));
    }
    value_set(a, context, "attendance", attendance);
    TemplateValue *movements = value_list(a);
    for (size_t i = 0; i < m->movement_count; i++) {
        const Movement *movement = &m->movements[i];
        StringBuffer names = {0};
        for (size_t n = 0; n < movement->name_count; n++) {
            if (n)
                buffer_append_cstring(&names, ", ");
            buffer_append(&names, movement->names[n].data, movement->names[n].length);
        }
        const char *number = present_case_number(a, movement->before, m->body);
        TemplateValue *item = value_object(a);
        value_set_cstring(a, item, "text",
                          arena_printf(a, "%s %s %s%s", names.data ? names.data : "",
                                       label(site, movement->kind == MOVEMENT_LEFT ? "left_before" : "arrived_before"),
                                       number,
                                       movement->at.present ? arena_printf(a, " (%02d:%02d)", movement->at.start_minute / 60,
                                                                           movement->at.start_minute % 60)
                                                            : ""));
        buffer_free(&names);
        value_push(a, movements, item);
    }
    value_set(a, context, "movements", movements);
    value_set_bool(a, context, "has_attendance", attendance->count > 0);
    if (m->preamble.length)
        value_set(a, context, "preamble", markdown_value(site, m, m->preamble));
    TemplateValue *cases = value_list(a), *items = value_list(a);
    const Case *previous = NULL;
    size_t section_number = 0;
    for (size_t i = 0; i < m->item_count; i++) {
        const Item *item = &m->items[i];
        if (item->kind == ITEM_CASE) {
            const Case *c = item->case_item;
            TemplateValue *v = case_value(site, m, c, previous);
            value_push(a, items, v);
            TemplateValue *entry = value_object(a);
            value_set_cstring(a, entry, "anchor", case_anchor(site, c));
            value_set_cstring(a, entry, "number", case_number_text(site, c));
            value_set_text(a, entry, "title", c->title);
            value_set_cstring(a, entry, "type_name", type_name(site, c->type));
            /* What became of each case, where the minutes are approved: in a
             * draft or a notice the banner says it once for all. */
            const char *outcome = present_outcome_with_vote(site->presentation, a, c);
            if (m->kind == MEETING_MINUTES && !present_is_draft(m) && strcmp(outcome, label(site, "outcome_none")) != 0)
                value_set_cstring(a, entry, "outcome", outcome);
            value_push(a, cases, entry);
            previous = c;
        } else {
            TemplateValue *v = value_object(a);
            value_set_bool(a, v, "is_case", false);
            value_set_cstring(a, v, "anchor", arena_printf(a, "vedlegg-%zu", ++section_number));
            value_set_text(a, v, "title", item->section->title);
            value_set(a, v, "text", markdown_value(site, m, item->section->text));
            value_push(a, items, v);
        }
    }
    value_set(a, context, "cases", cases);
    value_set(a, context, "items", items);
    /* Links to the meeting's other forms, where the build writes them. */
    if (site->options.outputs & BUILD_JSON)
        value_set_cstring(a, context, "json_href", arena_printf(a, "%s.json", iso_date(site, m->date)));
    if (site->options.outputs & BUILD_PDF)
        value_set_cstring(a, context, "pdf_href", arena_printf(a, "%s.pdf", iso_date(site, m->date)));
    render_to(site, "meeting.html", context, meeting_path(site, m, "html"));
}
/* ---- the index site ---------------------------------------------------- */

static TemplateValue *meeting_entry(Site *site, const Meeting *m, const char *root) {
    TemplateValue *entry = value_object(site->arena);
    value_set_cstring(site->arena, entry, "href", arena_printf(site->arena, "%s%s", root, meeting_path(site, m, "html")));
    value_set_cstring(site->arena, entry, "date", format_date(site, m->date));
    value_set_cstring(site->arena, entry, "title", meeting_title(site, m));
    value_set_text(site->arena, entry, "body", m->body->short_name);
    value_set_bool(site->arena, entry, "draft", present_is_draft(m));
    value_set_cstring(site->arena, entry, "case_count", arena_printf(site->arena, "%zu", m->case_count));
    return entry;
}

static TemplateValue *open_items(Site *site, const Body *body);

/* ---- people ------------------------------------------------------------- */

/* A roster member's page: personer/kari-nordmann.html. Letters are folded
 * to ASCII (æ ae, ø o, å a), the rest becomes '-'; a name that folds to
 * another's gets the roster position added, so every page is one person. */
static const char *person_slug(Arena *arena, Slice name) {
    StringBuffer slug = {0};
    for (size_t i = 0; i < name.length; i++) {
        unsigned char c = (unsigned char)name.data[i];
        if (c == 0xC3 && i + 1 < name.length) {
            unsigned char next = (unsigned char)name.data[++i];
            const char *folded = (next == 0xA6 || next == 0x86) ? "ae" : (next == 0xB8 || next == 0x98) ? "o"
                                 : (next == 0xA5 || next == 0x85) ? "a" : (next >= 0xA0 && next <= 0xBF) ? "e" : "-";
            buffer_append_cstring(&slug, folded);
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            buffer_append(&slug, (const char *)&c, 1);
        } else if (c >= 'A' && c <= 'Z') {
            char lower = (char)(c - 'A' + 'a');
            buffer_append(&slug, &lower, 1);
        } else if (slug.length && slug.data[slug.length - 1] != '-') {
            buffer_append_cstring(&slug, "-");
        }
    }
    while (slug.length && slug.data[slug.length - 1] == '-')
        slug.length--;
    const char *result = arena_strndup(arena, slug.data ? slug.data : "", slug.length);
    buffer_free(&slug);
    return *result ? result : "person";
}

typedef struct PersonEntry {
    const char *text;
    const char *href;
    struct PersonEntry *next;
} PersonEntry;

typedef struct {
    Slice name;
    const char *path; /* personer/SLUG.html */
    PersonEntry *attended, *absent, *guest, *recused;
    PersonEntry **tails[4];
} PersonPage;

static void person_add(Arena *arena, PersonPage *person, int list, const char *text, const char *href) {
    PersonEntry *entry = arena_alloc(arena, sizeof *entry);
    entry->text = text;
    entry->href = href;
    *person->tails[list] = entry;
    person->tails[list] = &entry->next;
}

static TemplateValue *person_entries(Arena *arena, const PersonEntry *entries) {
    TemplateValue *list = value_list(arena);
    for (const PersonEntry *e = entries; e; e = e->next) {
        TemplateValue *item = value_object(arena);
        value_set_cstring(arena, item, "text", e->text);
        value_set_cstring(arena, item, "href", e->href);
        value_push(arena, list, item);
    }
    return list;
}

/* The roster's people, each with a page, found by name. */
typedef struct {
    PersonPage *people;
    size_t count;
    NameSet *names;
} People;

static People collect_people(Site *site, Arena *arena) {
    const Project *project = site->project;
    size_t capacity = 0;
    for (size_t b = 0; b < project->body_count; b++)
        capacity += project->bodies[b].member_count;
    People people = {arena_alloc_array(arena, capacity + 1, sizeof *people.people), 0, name_set_new(arena, capacity)};
    NameSet *slugs = name_set_new(arena, capacity);
    for (size_t b = 0; b < project->body_count; b++)
        for (size_t i = 0; i < project->bodies[b].member_count; i++) {
            Slice name = project->bodies[b].members[i].name;
            if (!name.length || name_set_add(people.names, name, (long)people.count) >= 0)
                continue;
            PersonPage *person = &people.people[people.count];
            person->name = name;
            const char *slug = person_slug(arena, name);
            if (name_set_add(slugs, slice_from_cstring(slug), (long)people.count) >= 0)
                slug = arena_printf(arena, "%s-%zu", slug, people.count + 1);
            person->path = arena_printf(arena, "personer/%s.html", slug);
            person->tails[0] = &person->attended;
            person->tails[1] = &person->absent;
            person->tails[2] = &person->guest;
            person->tails[3] = &person->recused;
            people.count++;
        }
    return people;
}

/* One pass over the published meetings fills every person's lists: what a
 * public build leaves out (exempt cases' guests and recusals) is not in
 * them, because the published meetings do not hold it. */
static void fill_people(Site *site, Arena *arena, People *people) {
    for (size_t i = 0; i < site->meeting_count; i++) {
        const Meeting *m = site->meetings[i];
        if (m->kind != MEETING_MINUTES)
            continue;
        const char *href = arena_printf(arena, "../%s.html", present_meeting_path(arena, m));
        const char *meeting = arena_printf(arena, "%s %s", m->body->short_name.data, format_date(site, m->date));
        const PersonList *lists[] = {&m->present, &m->advisory, &m->absent, &m->guests};
        for (size_t l = 0; l < 4; l++)
            for (size_t k = 0; k < lists[l]->count; k++) {
                const Person *p = &lists[l]->items[k];
                long index = name_set_find(people->names, p->name);
                if (index < 0)
                    continue;
                const char *text = p->deputy_for.length
                                       ? arena_printf(arena, "%s (%s %.*s)", meeting, label(site, "deputy_for"),
                                                      (int)p->deputy_for.length, p->deputy_for.data)
                                       : meeting;
                if (l == 3) {
                    for (const CaseRef *r = p->cases; r; r = r->next)
                        person_add(arena, &people->people[index], 2,
                                   arena_printf(arena, "%s, %s %s", meeting, label(site, "case"),
                                                present_case_number(arena, r->number, m->body)),
                                   arena_printf(arena, "%s#%s", href, present_case_anchor(arena, r->number)));
                    if (!p->cases)
                        person_add(arena, &people->people[index], 2, text, href);
                } else {
                    person_add(arena, &people->people[index], l == 2 ? 1 : 0, text, href);
                }
            }
        for (size_t k = 0; k < m->case_count; k++) {
            const Case *c = m->cases[k];
            for (const Recusal *r = c->recusals; r; r = r->next) {
                long index = name_set_find(people->names, r->name);
                if (index >= 0)
                    person_add(arena, &people->people[index], 3,
                               arena_printf(arena, "%s, %s %s%s%.*s%s", meeting, label(site, "case"),
                                            case_number_text(site, c), r->basis.length ? " (" : "",
                                            (int)r->basis.length, r->basis.data, r->basis.length ? ")" : ""),
                               arena_printf(arena, "%s#%s", href, case_anchor(site, c)));
            }
        }
    }
}

static void build_person_page(Site *site, const PersonPage *person) {
    Arena *a = site->arena;
    /* The page shows its name and entries and nothing else: the digest of
     * exactly those decides whether the previous copy stands. */
    Digest fingerprint = manifest_page_digest(site, person->path);
    digest_field(&fingerprint, person->name.data, person->name.length);
    const PersonEntry *all[] = {person->attended, person->absent, person->guest, person->recused};
    for (size_t l = 0; l < 4; l++) {
        digest_number(&fingerprint, l);
        for (const PersonEntry *e = all[l]; e; e = e->next) {
            digest_string(&fingerprint, e->text);
            digest_string(&fingerprint, e->href);
        }
    }
    if (manifest_page_kept(site, person->path, fingerprint.state))
        return;
    TemplateValue *context = page(site, arena_strndup(a, person->name.data, person->name.length), "../");
    value_set_text(a, context, "name", person->name);
    const struct {
        const char *key, *heading;
        const PersonEntry *entries;
    } lists[] = {{"attended", "person_attended", person->attended},
                 {"absent", "person_absent", person->absent},
                 {"guest", "person_guest", person->guest},
                 {"recused", "person_recused", person->recused}};
    TemplateValue *sections = value_list(a);
    for (size_t l = 0; l < 4; l++) {
        if (!lists[l].entries)
            continue;
        TemplateValue *section = value_object(a);
        value_set_cstring(a, section, "heading", label(site, lists[l].heading));
        value_set_cstring(a, section, "id", lists[l].key);
        value_set(a, section, "entries", person_entries(a, lists[l].entries));
        value_push(a, sections, section);
    }
    value_set(a, context, "sections", sections);
    render_to(site, "person.html", context, person->path);
}

/* The roster as a reader wants it: voting members by party, then those
 * with møte- og talerett, then the deputies. */
static TemplateValue *member_groups(Site *site, const Body *body, const People *people) {
    Arena *a = site->arena;
    TemplateValue *groups = value_list(a);
    for (int kind = 0; kind < 3; kind++) {
        /* Parties in the order the roster first names them. */
        for (size_t first = 0; first < body->member_count; first++) {
            const Member *leader = &body->members[first];
            int leader_kind = leader->deputy ? 2 : leader->vote ? 0 : 1;
            if (leader_kind != kind)
                continue;
            bool seen = false;
            for (size_t earlier = 0; earlier < first && !seen; earlier++) {
                const Member *e = &body->members[earlier];
                seen = (e->deputy ? 2 : e->vote ? 0 : 1) == kind && slice_equal_fold(e->party, leader->party);
            }
            if (seen)
                continue;
            TemplateValue *group = value_object(a), *members = value_list(a);
            const char *heading = label(site, kind == 0 ? "members_voting" : kind == 1 ? "advisory" : "members_deputies");
            value_set_cstring(a, group, "heading",
                              leader->party.length ? arena_printf(a, "%s – %.*s", heading, (int)leader->party.length,
                                                                  leader->party.data)
                                                   : heading);
            for (size_t i = first; i < body->member_count; i++) {
                const Member *member = &body->members[i];
                if ((member->deputy ? 2 : member->vote ? 0 : 1) != kind || !slice_equal_fold(member->party, leader->party))
                    continue;
                TemplateValue *entry = value_object(a);
                value_set_text(a, entry, "name", member->name);
                value_set_text(a, entry, "role", member->role);
                long index = name_set_find(people->names, member->name);
                if (index >= 0)
                    value_set_cstring(a, entry, "href", arena_printf(a, "../%s", people->people[index].path));
                value_push(a, members, entry);
            }
            value_set(a, group, "members", members);
            value_push(a, groups, group);
        }
    }
    return groups;
}

static void build_body_page(Site *site, const Body *body, const People *people) {
    Arena *a = site->arena;
    TemplateValue *context = page(site, arena_strndup(a, body->name.data, body->name.length), "../");
    TemplateValue *b = value_object(a);
    value_set_text(a, b, "name", body->name);
    value_set_text(a, b, "short", slice_equal(body->short_name, body->name) ? slice_make("", 0) : body->short_name);
    value_set(a, context, "body", b);
    TemplateValue *feed = value_object(a);
    value_set_cstring(a, feed, "title", arena_printf(a, "%s – %s", body->name.data, label(site, "feed")));
    value_set_cstring(a, feed, "href", "feed.xml");
    value_set(a, context, "feed", feed);
    TemplateValue *years = value_list(a), *year = NULL, *meetings = NULL;
    int current_year = 0;
    /* Newest first. */
    for (size_t i = site->meeting_count; i-- > 0;) {
        const Meeting *m = site->meetings[i];
        if (m->body != body)
            continue;
        if (!year || m->date.year != current_year) {
            year = value_object(a);
            current_year = m->date.year;
            value_set_cstring(a, year, "year", arena_printf(a, "%d", current_year));
            meetings = value_list(a);
            value_set(a, year, "meetings", meetings);
            value_push(a, years, year);
        }
        value_push(a, meetings, meeting_entry(site, m, "../"));
    }
    value_set(a, context, "years", years);
    TemplateValue *groups = member_groups(site, body, people);
    value_set(a, context, "member_groups", groups);
    value_set_bool(a, context, "has_members", groups->count > 0);
    TemplateValue *open = open_items(site, body);
    value_set(a, context, "open_items", open);
    value_set_bool(a, context, "has_open_items", open->count > 0);
    render_to(site, "body.html", context, arena_printf(a, "%s/index.html", body->id.data));
}

/* A case's history: every meeting the matter came up in, from the first
 * case to the last follow-up, with what was proposed and decided at each
 * step (saker/BODY-NUMBER-YEAR.html, named by the first case). */
static void build_thread_page(Site *site, const Case *root) {
    Arena *a = site->arena;
    const Case **steps;
    size_t count = present_thread(site->presentation, a, root, &steps);
    /* A history shows its cases and nothing else of their meetings: it is
     * kept while none of those meetings changed and its cases are the
     * same (a case that joins or leaves it changes the list). */
    const char *path = present_thread_path(a, root);
    Digest fingerprint = manifest_page_digest(site, path);
    for (size_t i = 0; i < count; i++) {
        manifest_digest_meeting(site, &fingerprint, steps[i]->meeting);
        digest_number(&fingerprint, (uint64_t)steps[i]->number.number * 10000 + (uint64_t)steps[i]->number.year);
    }
    if (manifest_page_kept(site, path, fingerprint.state))
        return;
    TemplateValue *context = page(site, arena_printf(a, "%s: %.*s", label(site, "thread"), (int)root->title.length,
                                                     root->title.data), "../");
    value_set_text(a, context, "title", root->title);
    TemplateValue *list = value_list(a);
    for (size_t i = 0; i < count; i++) {
        const Case *c = steps[i];
        TemplateValue *step = case_link(site, c, "../");
        value_set_cstring(a, step, "type_name", type_name(site, c->type));
        value_set_cstring(a, step, "outcome", present_outcome_with_vote(site->presentation, a, c));
        value_set_text(a, step, "body", c->meeting->body->name);
        if (c->proposal)
            value_set(a, step, "proposal", markdown_value(site, c->meeting, c->proposal->text));
        if (c->decision) {
            value_set(a, step, "decision", markdown_value(site, c->meeting, c->decision->text));
            value_set_cstring(a, step, "decision_heading", present_decision_heading(site->presentation, c->decision));
        }
        value_push(a, list, step);
    }
    value_set(a, context, "steps", list);
    render_to(site, "thread.html", context, path);
}

/* The histories whose first case is in meetings [from, to). */
static void build_thread_pages(Site *site, size_t from, size_t to) {
    Arena *scratch = site->arena;
    for (size_t i = from; i < to; i++)
        for (size_t k = 0; k < site->meetings[i]->case_count; k++) {
            const Case *c = site->meetings[i]->cases[k];
            if (present_thread_root(site->presentation, c) == c) {
                build_thread_page(site, c);
                arena_reset(scratch);
            }
        }
}

/* The body's open items: cases postponed, or whose decision was
 * withdrawn to come back, that no later case has followed up yet. */
static TemplateValue *open_items(Site *site, const Body *body) {
    Arena *a = site->arena;
    TemplateValue *items = value_list(a);
    for (size_t i = 0; i < site->meeting_count; i++) {
        const Meeting *m = site->meetings[i];
        for (size_t k = 0; m->body == body && k < m->case_count; k++) {
            const Case *c = m->cases[k];
            const Case **followers;
            if (c->withheld || !c->decision || c->decision->status != DECISION_POSTPONED ||
                present_follow_ups(site->presentation, a, c, &followers) > 0)
                continue;
            value_push(a, items, case_link(site, c, "../"));
        }
    }
    return items;
}

static int compare_by_date_descending(const void *left, const void *right) {
    const Meeting *a = *(const Meeting *const *)left, *b = *(const Meeting *const *)right;
    int by_date = date_compare(b->date, a->date);
    return by_date ? by_date : strcmp(a->file->path, b->file->path);
}

static void build_home(Site *site) {
    Arena *a = site->arena;
    TemplateValue *context = page(site, arena_strndup(a, site->project->site_title.data, site->project->site_title.length), "");
    TemplateValue *bodies = value_list(a);
    for (size_t i = 0; i < site->project->body_count; i++) {
        const Body *body = &site->project->bodies[i];
        size_t count = 0;
        for (size_t m = 0; m < site->meeting_count; m++)
            count += site->meetings[m]->body == body;
        TemplateValue *entry = value_object(a);
        value_set_cstring(a, entry, "href", arena_printf(a, "%s/index.html", body->id.data));
        value_set_text(a, entry, "name", body->name);
        value_set_text(a, entry, "short", slice_equal(body->short_name, body->name) ? slice_make("", 0) : body->short_name);
        value_set_cstring(a, entry, "meeting_count", arena_printf(a, "%zu", count));
        value_push(a, bodies, entry);
    }
    value_set(a, context, "bodies", bodies);
    const Meeting **latest = xmalloc((site->meeting_count + 1) * sizeof *latest);
    memcpy(latest, site->meetings, site->meeting_count * sizeof *latest);
    qsort(latest, site->meeting_count, sizeof *latest, compare_by_date_descending);
    TemplateValue *entries = value_list(a);
    for (size_t i = 0; i < site->meeting_count && i < 12; i++)
        value_push(a, entries, meeting_entry(site, latest[i], ""));
    free(latest);
    value_set(a, context, "latest", entries);
    render_to(site, "index.html", context, "index.html");
}

/* The register's rows are made while the page is rendered, one at a time:
 * as values, 20,000 cases were the largest thing a build held. */
typedef struct {
    Site *site;
    const Case **cases;
} RegisterRows;

static TemplateValue *register_row(void *context, size_t index, Arena *arena) {
    RegisterRows *rows = context;
    Site *site = rows->site;
    Arena *page_arena = site->arena;
    site->arena = arena;
    const Case *c = rows->cases[index];
    const Meeting *m = c->meeting;
    TemplateValue *row = value_object(arena);
    value_set_cstring(arena, row, "href", arena_printf(arena, "%s#%s", meeting_path(site, m, "html"), case_anchor(site, c)));
    value_set_cstring(arena, row, "number", case_number_text(site, c));
    value_set_cstring(arena, row, "sort_key",
                      arena_printf(arena, "%04d-%03d-%s", c->number.year, c->number.number, m->body->id.data));
    value_set_text(arena, row, "title", c->title);
    value_set_cstring(arena, row, "type_name", type_name(site, c->type));
    value_set_text(arena, row, "body", m->body->short_name);
    value_set_cstring(arena, row, "date", format_date(site, m->date));
    value_set_cstring(arena, row, "date_iso", iso_date(site, m->date));
    value_set_cstring(arena, row, "outcome", present_outcome_with_vote(site->presentation, arena, c));
    site->arena = page_arena;
    return row;
}

/* Newest first, as a reader looks for what was decided lately. */
static int compare_cases_newest_first(const void *left, const void *right) {
    return present_compare_cases(*(const Case *const *)right, *(const Case *const *)left);
}

static void build_register(Site *site) {
    size_t count = 0;
    for (size_t i = 0; i < site->meeting_count; i++)
        count += site->meetings[i]->case_count;
    RegisterRows rows = {site, arena_alloc_array(site->arena, count + 1, sizeof *rows.cases)};
    size_t n = 0;
    for (size_t i = 0; i < site->meeting_count; i++)
        for (size_t k = 0; k < site->meetings[i]->case_count; k++)
            rows.cases[n++] = site->meetings[i]->cases[k];
    /* Newest first, as a reader looks for what was decided lately. */
    qsort(rows.cases, n, sizeof *rows.cases, compare_cases_newest_first);
    TemplateValue *context = page(site, label(site, "register"), "");
    value_set(site->arena, context, "cases", value_stream(site->arena, count, register_row, &rows));
    render_to(site, "register.html", context, "saker.html");
}

/* One slice of the search index; the one that completes the index writes
 * the page that names its version. */
static void build_search(Site *site, SearchIndex *search, size_t slice) {
    char version[SEARCH_VERSION_SIZE];
    if (!search_index_slice(search, site, slice, version))
        return;
    TemplateValue *context = page(site, label(site, "search"), "");
    value_set_cstring(site->arena, context, "search_version", version);
    render_to(site, "search.html", context, "sok.html");
}

static const char *absolute_url(Site *site, const char *path) {
    Slice base = site->project->base_url;
    if (!base.length)
        return NULL;
    bool slash = base.data[base.length - 1] == '/';
    return arena_printf(site->arena, "%.*s%s%s", (int)base.length, base.data, slash ? "" : "/", path);
}

/* A page made from one body's meetings alone (its feed, its calendar) is
 * kept from the previous site while none of them changed and none came
 * or went. */
static bool body_page_kept(Site *site, const Body *body, const char *path) {
    Digest fingerprint = manifest_page_digest(site, path);
    for (size_t i = 0; i < site->meeting_count; i++)
        if (site->meetings[i]->body == body)
            manifest_digest_meeting(site, &fingerprint, site->meetings[i]);
    return manifest_page_kept(site, path, fingerprint.state);
}

static void build_feed(Site *site, const Body *body) {
    Arena *a = site->arena;
    if (body_page_kept(site, body, arena_printf(a, "%s/feed.xml", body->id.data)))
        return;
    TemplateValue *context = page(site, "", "../");
    value_set_cstring(a, context, "title", arena_printf(a, "%s – %s", site->project->site_title.data, body->name.data));
    const char *feed_path = arena_printf(a, "%s/feed.xml", body->id.data);
    const char *self = absolute_url(site, feed_path);
    value_set_cstring(a, context, "id", self ? self : arena_printf(a, "urn:referat:%s", body->id.data));
    value_set_cstring(a, context, "self", self);
    TemplateValue *entries = value_list(a);
    const char *updated = "1970-01-01T00:00:00Z";
    size_t count = 0;
    for (size_t i = site->meeting_count; i-- > 0 && count < 50;) {
        const Meeting *m = site->meetings[i];
        if (m->body != body)
            continue;
        count++;
        Date changed = m->approved.year ? m->approved : m->date;
        const char *stamp = arena_printf(a, "%sT00:00:00Z", iso_date(site, changed));
        if (strcmp(stamp, updated) > 0)
            updated = stamp;
        const char *path = meeting_path(site, m, "html");
        const char *url = absolute_url(site, path);
        TemplateValue *entry = value_object(a);
        value_set_cstring(a, entry, "title", meeting_title(site, m));
        value_set_cstring(a, entry, "id", url ? url : arena_printf(a, "urn:referat:%s:%s", body->id.data, iso_date(site, m->date)));
        value_set_cstring(a, entry, "updated", stamp);
        value_set_cstring(a, entry, "href", url ? url : arena_printf(a, "%s.html", iso_date(site, m->date)));
        StringBuffer summary = {0};
        for (size_t k = 0; k < m->case_count; k++) {
            Slice title = m->cases[k]->title;
            buffer_printf(&summary, "%s%s %s %.*s", k ? "; " : "", label(site, "case"), case_number_text(site, m->cases[k]),
                          (int)title.length, title.data);
        }
        value_set_cstring(a, entry, "summary", arena_strndup(a, summary.data ? summary.data : "", summary.length));
        buffer_free(&summary);
        value_push(a, entries, entry);
    }
    value_set_cstring(a, context, "updated", updated);
    value_set(a, context, "entries", entries);
    render_to(site, "feed.xml", context, feed_path);
}

/* The host of site.base_url, for the events' UIDs (stable across builds
 * and unique to the site); "referat" when the site has no address. */
static const char *calendar_host(Site *site) {
    Slice base = site->project->base_url;
    const char *start = NULL;
    for (size_t i = 0; i + 3 <= base.length && !start; i++)
        if (memcmp(base.data + i, "://", 3) == 0)
            start = base.data + i + 3;
    if (!start)
        return "referat";
    size_t length = 0;
    while (start + length < base.data + base.length && start[length] != '/' && start[length] != ':')
        length++;
    return length ? arena_strndup(site->arena, start, length) : "referat";
}

/* moter.ics: the meetings of one body (or of all, body NULL) as calendar
 * events, from the published meetings — their titles, places and agendas
 * are what the pages show. Subscribed to by members' calendars. */
static void build_calendar(Site *site, const Body *body) {
    Arena *a = site->arena;
    const char *path = body ? arena_printf(a, "%s/moter.ics", body->id.data) : "moter.ics";
    if (body && body_page_kept(site, body, path))
        return;
    CalendarEvent *events = arena_alloc_array(a, site->meeting_count + 1, sizeof *events);
    size_t count = 0;
    const char *host = calendar_host(site);
    for (size_t i = 0; i < site->meeting_count; i++) {
        const Meeting *m = site->meetings[i];
        if (body && m->body != body)
            continue;
        StringBuffer agenda = {0};
        const char *case_label = label(site, "case");
        for (size_t k = 0; k < m->case_count; k++) {
            if (k)
                buffer_append(&agenda, "\n", 1);
            buffer_append_cstring(&agenda, case_label);
            buffer_append(&agenda, " ", 1);
            buffer_append_cstring(&agenda, case_number_text(site, m->cases[k]));
            buffer_append(&agenda, " ", 1);
            buffer_append(&agenda, m->cases[k]->title.data, m->cases[k]->title.length);
        }
        CalendarEvent *event = &events[count++];
        event->uid = arena_printf(a, "%s-%s@%s", m->body->id.data, iso_date(site, m->date), host);
        event->date = m->date;
        event->time = m->time;
        event->stamp = m->approved.year ? m->approved : m->date;
        event->summary = meeting_title(site, m);
        event->location = arena_strndup(a, m->place.data ? m->place.data : "", m->place.length);
        event->url = absolute_url(site, meeting_path(site, m, "html"));
        event->description = arena_strndup(a, agenda.data ? agenda.data : "", agenda.length);
        buffer_free(&agenda);
    }
    StringBuffer text = {0};
    const char *name = body ? arena_strndup(a, body->name.data, body->name.length)
                            : arena_strndup(a, site->project->site_title.data, site->project->site_title.length);
    calendar_write(&text, name, events, count);
    site_write(site, path, text.data ? text.data : "", text.length);
    buffer_free(&text);
}

static void build_sitemap(Site *site) {
    if (!site->project->base_url.length)
        return; /* a sitemap needs absolute addresses */
    Arena *a = site->arena;
    TemplateValue *context = page(site, "", "");
    TemplateValue *urls = value_list(a);
    const char *fixed[] = {"index.html", "saker.html", "sok.html"};
    for (size_t i = 0; i < 3; i++) {
        TemplateValue *url = value_object(a);
        value_set_cstring(a, url, "loc", absolute_url(site, fixed[i]));
        value_push(a, urls, url);
    }
    for (size_t i = 0; i < site->project->body_count; i++) {
        TemplateValue *url = value_object(a);
        value_set_cstring(a, url, "loc", absolute_url(site, arena_printf(a, "%s/index.html", site->project->bodies[i].id.data)));
        value_push(a, urls, url);
    }
    for (size_t i = 0; i < site->meeting_count; i++) {
        const Meeting *m = site->meetings[i];
        TemplateValue *url = value_object(a);
        value_set_cstring(a, url, "loc", absolute_url(site, meeting_path(site, m, "html")));
        value_set_cstring(a, url, "lastmod", iso_date(site, m->approved.year ? m->approved : m->date));
        value_push(a, urls, url);
    }
    value_set(a, context, "urls", urls);
    render_to(site, "sitemap.xml", context, "sitemap.xml");
}


/* ---- the index site as tasks ------------------------------------------ */

/* The index pages read only the published meetings (never another page),
 * so they are built on the worker pool alongside the meetings instead of
 * after them, each task in its worker's scratch arena: home, body pages,
 * feeds, calendars, register, search index, sitemap, the case histories
 * and the people's pages (in slices of the cases, meetings and people, so
 * that no one task holds up the end). The people's lists are filled once,
 * before the pool starts: person and body pages share them. The largest
 * tasks come first — the search index's slices, whose last does the
 * index's serial rest — while the meetings fill the gaps. */
enum { THREAD_SLICES = 16, PERSON_SLICES = 4 };

struct HtmlIndex {
    Arena arena;
    People people;
    SearchIndex *search;
};

/* After the search index's slices: */
typedef enum {
    TASK_REGISTER,
    TASK_HOME,
    TASK_CALENDAR_ALL,
    TASK_SITEMAP,
    TASK_FIXED_PAGES,
    TASK_FIRST_SLICED, /* then THREAD_SLICES, PERSON_SLICES, and 3 per body */
} IndexTask;

size_t html_index_begin(Site *site) {
    HtmlIndex *index = xcalloc(1, sizeof *index);
    arena_init(&index->arena);
    Arena *build_arena = site->arena;
    site->arena = &index->arena;
    index->people = collect_people(site, &index->arena);
    fill_people(site, &index->arena, &index->people);
    site->arena = build_arena;
    index->search = search_index_begin(site, 0);
    site->index_pages = index;
    return search_index_slice_count(index->search) + TASK_FIRST_SLICED + THREAD_SLICES + PERSON_SLICES +
           3 * site->project->body_count;
}

void html_index_end(Site *site) {
    if (!site->index_pages)
        return;
    search_index_free(site->index_pages->search);
    arena_free(&site->index_pages->arena);
    free(site->index_pages);
    site->index_pages = NULL;
}

static void build_person_slice(Site *site, size_t slice) {
    const People *people = &site->index_pages->people;
    Arena *scratch = site->arena;
    for (size_t i = people->count * slice / PERSON_SLICES; i < people->count * (slice + 1) / PERSON_SLICES; i++) {
        build_person_page(site, &people->people[i]);
        arena_reset(scratch);
    }
}

/* One index task; returns its name for the trace. */
static const char *run_index_task(Site *site, size_t task) {
    const People *people = &site->index_pages->people;
    SearchIndex *search = site->index_pages->search;
    if (task < search_index_slice_count(search)) {
        build_search(site, search, task);
        return "search-index";
    }
    task -= search_index_slice_count(search);
    switch (task) {
    case TASK_REGISTER: build_register(site); return "register";
    case TASK_HOME: build_home(site); return "home";
    case TASK_CALENDAR_ALL: build_calendar(site, NULL); return "calendar";
    case TASK_SITEMAP: build_sitemap(site); return "sitemap";
    case TASK_FIXED_PAGES:
        render_to(site, "404.html", page(site, label(site, "not_found"), ""), "404.html");
        render_to(site, "accessibility.html", page(site, label(site, "accessibility"), ""), "tilgjengelighet.html");
        return "fixed-pages";
    default: break;
    }
    task -= TASK_FIRST_SLICED;
    if (task < THREAD_SLICES) {
        build_thread_pages(site, task * site->meeting_count / THREAD_SLICES,
                           (task + 1) * site->meeting_count / THREAD_SLICES);
        return "case-histories";
    }
    task -= THREAD_SLICES;
    if (task < PERSON_SLICES) {
        build_person_slice(site, task);
        return "people";
    }
    task -= PERSON_SLICES;
    const Body *body = &site->project->bodies[task / 3];
    if (task % 3 == 0) {
        build_body_page(site, body, people);
        return "body-pages";
    }
    if (task % 3 == 1) {
        build_feed(site, body);
        return "feeds";
    }
    build_calendar(site, body);
    return "calendar";
}

void html_index_task(Site *site, size_t task) {
    double began = trace_clock();
    trace_task(run_index_task(site, task), began);
}
