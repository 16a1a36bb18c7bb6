/* config: the project file. Its schema is grammar/minutes.ebnf (project_file);
 * its keys are grammar/keywords.tsv (config, site, body, quorum, member). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "keywords.h"
#include "suggest.h"
#include "values.h"
#include "yaml_tree.h"

static const DiagCode CONFIG = DIAG_E_CONFIG;

typedef struct {
    Arena *arena;
    Diagnostics *diagnostics;
    Project *project;
} ConfigReader;

static bool scalar_value(ConfigReader *reader, const YamlTreeNode *value, const char *key, Slice *out) {
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SCALAR, key, CONFIG))
        return false;
    *out = slice_trim(value->scalar);
    return true;
}

static bool integer_value(ConfigReader *reader, const YamlTreeNode *value, const char *key, int minimum, int *out) {
    Slice text;
    if (!scalar_value(reader, value, key, &text))
        return false;
    long result = 0;
    bool ok = text.length > 0 && text.length <= 6;
    for (size_t i = 0; ok && i < text.length; i++) {
        ok = text.data[i] >= '0' && text.data[i] <= '9';
        result = result * 10 + (text.data[i] - '0');
    }
    if (!ok || result < minimum) {
        diag_report(reader->diagnostics, CONFIG, value->span, "'%s' must be a whole number of at least %d, not '%s'",
                    key, minimum, text.data);
        return false;
    }
    *out = (int)result;
    return true;
}

static bool boolean_value(ConfigReader *reader, const YamlTreeNode *value, const char *key, bool *out) {
    Slice text;
    if (!scalar_value(reader, value, key, &text))
        return false;
    if (slice_equal_cstring(text, "true") || slice_equal_cstring(text, "yes"))
        *out = true;
    else if (slice_equal_cstring(text, "false") || slice_equal_cstring(text, "no"))
        *out = false;
    else {
        diag_report(reader->diagnostics, CONFIG, value->span, "'%s' must be true or false, not '%s'", key, text.data);
        return false;
    }
    return true;
}

/* A scalar or a list of scalars, as trimmed slices in the arena. */
static Slice *scalar_list(ConfigReader *reader, const YamlTreeNode *value, const char *key, size_t *count) {
    *count = 0;
    if (value->kind == YAML_TREE_SCALAR) {
        Slice *list = arena_alloc(reader->arena, sizeof *list);
        list[0] = slice_trim(value->scalar);
        *count = list[0].length > 0;
        return list;
    }
    if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, key, CONFIG))
        return NULL;
    Slice *list = arena_alloc_array(reader->arena, value->item_count + 1, sizeof *list);
    for (size_t i = 0; i < value->item_count; i++) {
        Slice text;
        if (scalar_value(reader, value->items[i], key, &text) && text.length)
            list[(*count)++] = text;
    }
    return list;
}

static void member_read(ConfigReader *reader, const YamlTreeNode *node, Member *member) {
    memset(member, 0, sizeof *member);
    member->vote = true;
    member->span = node->span;
    if (node->kind == YAML_TREE_SCALAR) {
        member->name = slice_trim(node->scalar);
        return;
    }
    if (!yaml_tree_expect(reader->diagnostics, node, YAML_TREE_MAPPING, "members", CONFIG))
        return;
    for (size_t i = 0; i < yaml_tree_pair_count(node); i++) {
        const YamlTreeNode *key = yaml_tree_key(node, i), *value = yaml_tree_value(node, i);
        int concept = yaml_tree_known_key(reader->diagnostics, key, KEYWORD_GROUP_MEMBER, DIAG_W_CONFIG_KEY, CONFIG);
        Slice text;
        switch (concept) {
        case KEYWORD_MEMBER_NAME:
            if (scalar_value(reader, value, "name", &member->name))
                member->span = value->span;
            break;
        case KEYWORD_MEMBER_ROLE: scalar_value(reader, value, "role", &member->role); break;
        case KEYWORD_MEMBER_PARTY: scalar_value(reader, value, "party", &member->party); break;
        case KEYWORD_MEMBER_VOTE: boolean_value(reader, value, "vote", &member->vote); break;
        case KEYWORD_MEMBER_DEPUTY: boolean_value(reader, value, "deputy", &member->deputy); break;
        case KEYWORD_MEMBER_DEPUTIES:
            member->deputies = scalar_list(reader, value, "deputies", &member->deputy_count);
            break;
        case KEYWORD_MEMBER_FROM:
        case KEYWORD_MEMBER_TO:
            if (scalar_value(reader, value, concept == KEYWORD_MEMBER_FROM ? "from" : "to", &text)) {
                Date *date = concept == KEYWORD_MEMBER_FROM ? &member->from : &member->to;
                if (date_parse_iso(text, date) != VALUE_OK) {
                    diag_report(reader->diagnostics, DIAG_E_DATE, value->span, "'%s' is not a date YYYY-MM-DD",
                                text.data);
                    memset(date, 0, sizeof *date);
                }
            }
            break;
        default: break;
        }
    }
    if (member->name.length == 0)
        diag_report(reader->diagnostics, CONFIG, node->span, "a member needs a 'name'");
    /* A party's deputy (varamedlem) holds no seat of their own: they vote
     * only in place of a member, through `for:` or `Tiltrådte:`. */
    if (member->deputy)
        member->vote = false;
}

static void quorum_read(ConfigReader *reader, const YamlTreeNode *node, Body *body) {
    if (!yaml_tree_expect(reader->diagnostics, node, YAML_TREE_MAPPING, "quorum", CONFIG))
        return;
    for (size_t i = 0; i < yaml_tree_pair_count(node); i++) {
        const YamlTreeNode *key = yaml_tree_key(node, i), *value = yaml_tree_value(node, i);
        int concept = yaml_tree_known_key(reader->diagnostics, key, KEYWORD_GROUP_QUORUM, DIAG_W_CONFIG_KEY, CONFIG);
        if (concept == KEYWORD_QUORUM_PRESENT) {
            Slice text;
            if (!scalar_value(reader, value, "present", &text))
                continue;
            const char *slash = memchr(text.data, '/', text.length);
            int numerator = 0, denominator = 0;
            bool ok;
            if (slash) {
                char *end;
                numerator = (int)strtol(text.data, &end, 10);
                ok = end == slash && numerator > 0;
                denominator = (int)strtol(slash + 1, &end, 10);
                ok = ok && end == text.data + text.length && denominator >= numerator && denominator <= 1000;
            } else {
                char *end;
                numerator = (int)strtol(text.data, &end, 10);
                ok = text.length && end == text.data + text.length && numerator > 0 && numerator <= 1000;
            }
            if (!ok) {
                diag_report(reader->diagnostics, CONFIG, value->span,
                            "'present' must be a fraction such as 1/2 or a number of members, not '%s'", text.data);
                continue;
            }
            body->quorum_numerator = numerator;
            body->quorum_denominator = denominator;
        } else if (concept == KEYWORD_QUORUM_PER_PARTY) {
            if (!yaml_tree_expect(reader->diagnostics, value, YAML_TREE_MAPPING, "per_party", CONFIG))
                continue;
            size_t count = yaml_tree_pair_count(value);
            body->per_party = arena_alloc_array(reader->arena, count + 1, sizeof *body->per_party);
            for (size_t p = 0; p < count; p++) {
                const YamlTreeNode *party = yaml_tree_key(value, p);
                int minimum;
                if (!yaml_tree_expect(reader->diagnostics, party, YAML_TREE_SCALAR, "per_party", CONFIG) ||
                    !integer_value(reader, yaml_tree_value(value, p), "per_party", 1, &minimum))
                    continue;
                body->per_party[body->per_party_count].party = party->scalar;
                body->per_party[body->per_party_count].minimum = minimum;
                body->per_party[body->per_party_count].span = party->span;
                body->per_party_count++;
            }
        }
    }
}

static bool body_id_valid(Slice id) {
    if (id.length == 0)
        return false;
    for (size_t i = 0; i < id.length; i++) {
        char c = id.data[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            return false;
    }
    return true;
}

static void body_read(ConfigReader *reader, const YamlTreeNode *key, const YamlTreeNode *node, Body *body) {
    memset(body, 0, sizeof *body);
    body->span = key->span;
    body->numbering = NUMBERING_SLASH_YY;
    body->numbering_known = true;
    body->quorum_numerator = 1;
    body->quorum_denominator = 2;
    body->blank_votes = true;
    if (key->kind != YAML_TREE_SCALAR || !body_id_valid(key->scalar)) {
        diag_report(reader->diagnostics, CONFIG, key->span,
                    "a body id is lower-case letters, digits and '-' (it is used in file names and URLs)");
    }
    if (key->kind == YAML_TREE_SCALAR)
        body->id = key->scalar;
    body->name = body->short_name = body->id;
    if (!yaml_tree_expect(reader->diagnostics, node, YAML_TREE_MAPPING, "bodies", CONFIG))
        return;
    const YamlTreeNode *archive_from = NULL;
    bool has_seats = false, has_short = false;
    for (size_t i = 0; i < yaml_tree_pair_count(node); i++) {
        const YamlTreeNode *k = yaml_tree_key(node, i), *value = yaml_tree_value(node, i);
        int concept = yaml_tree_known_key(reader->diagnostics, k, KEYWORD_GROUP_BODY, DIAG_W_CONFIG_KEY, CONFIG);
        Slice text;
        switch (concept) {
        case KEYWORD_BODY_NAME: scalar_value(reader, value, "name", &body->name); break;
        case KEYWORD_BODY_SHORT: has_short = scalar_value(reader, value, "short", &body->short_name); break;
        case KEYWORD_BODY_NUMBERING:
            if (scalar_value(reader, value, "numbering", &text)) {
                int form = keyword_lookup(KEYWORD_GROUP_NUMBERING, text, LANGUAGE_NB);
                if (form < 0) {
                    const char *candidates[4];
                    size_t count = keyword_spellings(KEYWORD_GROUP_NUMBERING, LANGUAGE_NB, candidates, 4);
                    Diagnostic *d = diag_report(reader->diagnostics, CONFIG, value->span,
                                                "'numbering' is one of NN/YY, NN/YYYY, NN-YY, NN-YYYY, not '%s'", text.data);
                    diag_suggest(reader->diagnostics, d, suggest_nearest(text, candidates, count, 2));
                    body->numbering_known = false;
                } else {
                    body->numbering = (NumberingForm)form;
                }
            }
            break;
        case KEYWORD_BODY_QUORUM: quorum_read(reader, value, body); break;
        case KEYWORD_BODY_SEATS: has_seats = integer_value(reader, value, "seats", 1, &body->seats); break;
        case KEYWORD_BODY_MEMBERS:
            if (yaml_tree_expect(reader->diagnostics, value, YAML_TREE_SEQUENCE, "members", CONFIG)) {
                body->members = arena_alloc_array(reader->arena, value->item_count + 1, sizeof *body->members);
                for (size_t m = 0; m < value->item_count; m++) {
                    Member *member = &body->members[body->member_count++];
                    member_read(reader, value->items[m], member);
                    body->has_deputies |= member->deputy || member->deputy_count > 0;
                }
                body->has_roster = true;
            }
            break;
        case KEYWORD_BODY_ARCHIVE_FROM: archive_from = value; break;
        case KEYWORD_BODY_VOTING:
            if (scalar_value(reader, value, "voting", &text)) {
                int voting = keyword_lookup(KEYWORD_GROUP_VOTING, text, LANGUAGE_NB);
                if (voting < 0)
                    diag_report(reader->diagnostics, CONFIG, value->span,
                                "'voting' is 'required' (every decision records its vote) or 'optional', not '%s'",
                                text.data);
                body->voting_required = voting == KEYWORD_VOTING_REQUIRED;
            }
            break;
        case KEYWORD_BODY_BLANK_VOTES: boolean_value(reader, value, "blank_votes", &body->blank_votes); break;
        case KEYWORD_BODY_CLOSING_BASIS:
            body->closing_bases = scalar_list(reader, value, "closing_basis", &body->closing_basis_count);
            body->closing_span = value->span;
            break;
        default: break;
        }
    }
    if (!has_short)
        body->short_name = body->id;
    if (body->closing_basis_count == 0) {
        /* Kommuneloven § 11-5 is the rule for closing a meeting of a
         * municipal body; a project names others in 'closing_basis'. */
        body->closing_bases = arena_alloc(reader->arena, sizeof *body->closing_bases);
        body->closing_bases[0] = slice_from_cstring("koml. § 11-5");
        body->closing_basis_count = 1;
    }
    if (archive_from && !yaml_tree_expect(reader->diagnostics, archive_from, YAML_TREE_SCALAR, "archive_from", CONFIG))
        archive_from = NULL;
    if (archive_from && archive_from->kind == YAML_TREE_SCALAR) {
        Slice text = slice_trim(archive_from->scalar);
        size_t consumed;
        if (case_number_parse(text, CASE_NUMBER_YEARS_IN_2000S, &body->archive_from, &consumed) != CASE_NUMBER_OK || consumed != text.length) {
            diag_report(reader->diagnostics, CONFIG, archive_from->span,
                        "'archive_from' must be the first case number the project holds, such as 19/24");
            memset(&body->archive_from, 0, sizeof body->archive_from);
        } else {
            body->archive_from.span = archive_from->span;
        }
    }
    if (!has_seats && !body->has_roster)
        diag_report(reader->diagnostics, CONFIG, key->span,
                    "body '%s' needs 'seats' (the number of voting seats) or a 'members' roster", body->id.data);
}

void config_read(Arena *arena, Diagnostics *diagnostics, Project *project, const SourceFile *file) {
    ConfigReader reader = {arena, diagnostics, project};
    project->config_file = file;
    project->language = LANGUAGE_NB;
    YamlTreeNode *root = yaml_tree_load(arena, diagnostics, file, file->text, file->length, 1, CONFIG);
    if (!root)
        return;
    if (root->kind != YAML_TREE_MAPPING) {
        diag_report(diagnostics, CONFIG, root->span, "referat.yaml must be a mapping of keys (site:, bodies:)");
        return;
    }
    const YamlTreeNode *bodies = NULL;
    for (size_t i = 0; i < yaml_tree_pair_count(root); i++) {
        const YamlTreeNode *key = yaml_tree_key(root, i), *value = yaml_tree_value(root, i);
        int concept = yaml_tree_known_key(diagnostics, key, KEYWORD_GROUP_CONFIG, DIAG_W_CONFIG_KEY, CONFIG);
        if (concept == KEYWORD_CONFIG_BODIES) {
            bodies = value;
        } else if (concept == KEYWORD_CONFIG_EXCLUDE) {
            if (!yaml_tree_expect(diagnostics, value, YAML_TREE_SEQUENCE, "exclude", CONFIG))
                continue;
            project->exclude = arena_alloc_array(arena, value->item_count + 1, sizeof *project->exclude);
            for (size_t e = 0; e < value->item_count; e++) {
                Slice path;
                if (scalar_value(&reader, value->items[e], "exclude", &path)) {
                    while (path.length && path.data[path.length - 1] == '/')
                        path.length--;
                    project->exclude[project->exclude_count++] = path;
                }
            }
        } else if (concept == KEYWORD_CONFIG_SITE) {
            if (!yaml_tree_expect(diagnostics, value, YAML_TREE_MAPPING, "site", CONFIG))
                continue;
            for (size_t s = 0; s < yaml_tree_pair_count(value); s++) {
                const YamlTreeNode *k = yaml_tree_key(value, s), *v = yaml_tree_value(value, s);
                int site_concept = yaml_tree_known_key(diagnostics, k, KEYWORD_GROUP_SITE, DIAG_W_CONFIG_KEY, CONFIG);
                Slice text;
                if (site_concept == KEYWORD_SITE_TITLE)
                    scalar_value(&reader, v, "title", &project->site_title);
                else if (site_concept == KEYWORD_SITE_BASE_URL)
                    scalar_value(&reader, v, "base_url", &project->base_url);
                else if (site_concept == KEYWORD_SITE_LANGUAGE && scalar_value(&reader, v, "language", &text)) {
                    int language = keyword_lookup(KEYWORD_GROUP_LANGUAGE, text, LANGUAGE_NB);
                    if (language == KEYWORD_LANGUAGE_NN)
                        project->language = LANGUAGE_NN;
                    else if (language == KEYWORD_LANGUAGE_EN)
                        project->language = LANGUAGE_EN;
                    else if (language == KEYWORD_LANGUAGE_NB)
                        project->language = LANGUAGE_NB;
                    else
                        diag_report(diagnostics, CONFIG, v->span, "'language' is nb, nn or en, not '%s'", text.data);
                }
            }
        }
    }
    if (!bodies) {
        diag_report(diagnostics, CONFIG, root->span, "referat.yaml defines no 'bodies:'");
        return;
    }
    if (!yaml_tree_expect(diagnostics, bodies, YAML_TREE_MAPPING, "bodies", CONFIG))
        return;
    size_t count = yaml_tree_pair_count(bodies);
    project->bodies = arena_alloc_array(arena, count + 1, sizeof *project->bodies);
    for (size_t i = 0; i < count; i++)
        body_read(&reader, yaml_tree_key(bodies, i), yaml_tree_value(bodies, i), &project->bodies[project->body_count++]);
}

bool config_load(Arena *arena, Diagnostics *diagnostics, Project *project) {
    SourceFile *file = source_load(arena, diagnostics, project->root, "referat.yaml");
    if (!file)
        return false;
    config_read(arena, diagnostics, project, file);
    return true;
}

Body *project_find_body(const Project *project, Slice id) {
    for (size_t i = 0; i < project->body_count; i++) {
        if (slice_equal(project->bodies[i].id, id))
            return &project->bodies[i];
    }
    return NULL;
}
