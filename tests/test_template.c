/* Unit tests for template.c: the template language and its escaping. */
#include "test_support.h"
#include "template.h"

typedef struct {
    TestCompilation t;
    TemplateSet set;
} TemplateTest;

static const Template *add(TemplateTest *tt, const char *name, const char *text) {
    SourceFile *file = source_from_memory(&tt->t.arena, &tt->t.diagnostics, name, text, strlen(text));
    Template *template = template_parse(&tt->t.arena, &tt->t.diagnostics, name, file);
    if (template)
        template_set_add(&tt->t.arena, &tt->set, template);
    return template;
}

static char *render(TemplateTest *tt, const char *text, TemplateValue *context) {
    const Template *template = add(tt, "t", text);
    assert_non_null(template);
    StringBuffer out = {0};
    template_render(template, &tt->set, context, &out, &tt->t.diagnostics);
    char *result = arena_strndup(&tt->t.arena, out.data ? out.data : "", out.length);
    buffer_free(&out);
    return result;
}

static void begin(TemplateTest *tt) {
    memset(tt, 0, sizeof *tt);
    test_begin(&tt->t, test_config);
}

static void test_escaping_by_context(void **state) {
    (void)state;
    TemplateTest tt;
    begin(&tt);
    Arena *a = &tt.t.arena;
    TemplateValue *c = value_object(a);
    value_set_cstring(a, c, "title", "<script>alert(\"x\")</script> & 'y'");
    value_set_cstring(a, c, "bad", "javascript:alert(1)");
    value_set_cstring(a, c, "good", "../ssu/2025-01-22.html#sak-01-25");
    value_set_cstring(a, c, "spaced", "https://example.org/a b\"c");
    value_set_cstring(a, c, "script", "</script><script>alert(1)</script>\u2028");
    assert_string_equal(render(&tt, "<h1 title=\"{{title}}\">{{ title }}</h1>", c),
                        "<h1 title=\"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;\">"
                        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</h1>");
    assert_string_equal(render(&tt, "<a href=\"{{bad|url}}\">", c), "<a href=\"#\">");
    assert_string_equal(render(&tt, "<a href=\"{{good|url}}\">", c), "<a href=\"../ssu/2025-01-22.html#sak-01-25\">");
    assert_string_equal(render(&tt, "<a href=\"{{spaced|url}}\">", c), "<a href=\"https://example.org/a%20b%22c\">");
    assert_string_equal(render(&tt, "<script>var s = {{script|json}};</script>", c),
                        "<script>var s = \"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u2028\";</script>");
    assert_int_equal(tt.t.diagnostics.count, 0);
    test_end(&tt.t);
}

static void test_raw_only_for_trusted_html(void **state) {
    (void)state;
    TemplateTest tt;
    begin(&tt);
    Arena *a = &tt.t.arena;
    TemplateValue *c = value_object(a);
    value_set(a, c, "trusted", value_html(a, slice_from_cstring("<p>Vedtatt</p>")));
    value_set_cstring(a, c, "untrusted", "<p>x</p>");
    assert_string_equal(render(&tt, "{{{trusted}}}|{{{untrusted}}}", c), "<p>Vedtatt</p>|&lt;p&gt;x&lt;/p&gt;");
    test_end(&tt.t);
}

static void test_sections(void **state) {
    (void)state;
    TemplateTest tt;
    begin(&tt);
    Arena *a = &tt.t.arena;
    TemplateValue *c = value_object(a);
    value_set_cstring(a, c, "body", "SSU");
    TemplateValue *cases = value_list(a);
    for (int i = 1; i <= 3; i++) {
        TemplateValue *item = value_object(a);
        char number[8];
        snprintf(number, sizeof number, "0%d/25", i);
        value_set_cstring(a, item, "number", arena_strdup(a, number));
        value_set_bool(a, item, "decided", i != 2);
        value_push(a, cases, item);
    }
    value_set(a, c, "cases", cases);
    value_set(a, c, "empty", value_list(a));
    TemplateValue *meeting = value_object(a);
    value_set_cstring(a, meeting, "date", "22.01.2025");
    value_set(a, c, "meeting", meeting);
    assert_string_equal(render(&tt, "{{#cases}}[{{body}} {{number}}{{^decided}} utsatt{{/decided}}]{{/cases}}", c),
                        "[SSU 01/25][SSU 02/25 utsatt][SSU 03/25]");
    assert_string_equal(render(&tt, "{{#empty}}x{{/empty}}{{^empty}}ingen{{/empty}}", c), "ingen");
    assert_string_equal(render(&tt, "{{meeting.date}} {{#meeting}}{{date}}{{/meeting}} {{missing.deep}}.", c),
                        "22.01.2025 22.01.2025 .");
    test_end(&tt.t);
}

static void test_partials(void **state) {
    (void)state;
    TemplateTest tt;
    begin(&tt);
    Arena *a = &tt.t.arena;
    add(&tt, "header", "<header>{{site}}</header>");
    TemplateValue *c = value_object(a);
    value_set_cstring(a, c, "site", "Helsefellesskapet");
    assert_string_equal(render(&tt, "{{> header}}<main></main>", c), "<header>Helsefellesskapet</header><main></main>");
    render(&tt, "{{> nowhere}}", c);
    assert_single_diagnostic(&tt.t, DIAG_E_TEMPLATE, 1);
    test_end(&tt.t);
}

static void test_recursive_partial_is_bounded(void **state) {
    (void)state;
    TemplateTest tt;
    begin(&tt);
    add(&tt, "loop", "x{{> loop}}");
    const Template *loop = template_set_find(&tt.set, "loop");
    StringBuffer out = {0};
    template_render(loop, &tt.set, value_object(&tt.t.arena), &out, &tt.t.diagnostics);
    buffer_free(&out);
    assert_single_diagnostic(&tt.t, DIAG_E_TEMPLATE, 1);
    test_end(&tt.t);
}

static void test_syntax_errors(void **state) {
    (void)state;
    const char *bad[] = {"{{#a}}never closed", "{{#a}}{{/b}}", "{{/a}}", "{{ a b }}", "{{ a | shout }}", "{{ a", "{{}}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        TemplateTest tt;
        begin(&tt);
        assert_null(add(&tt, "t", bad[i]));
        assert_int_equal(diag_count_code(&tt.t.diagnostics, DIAG_E_TEMPLATE), 1);
        test_end(&tt.t);
    }
}

/* Objects large enough for their hash index (the labels) and small ones
 * find every member, the last value set wins, names that share a prefix
 * or a length stay apart, and dotted names walk in. */
static void test_many_members(void **state) {
    (void)state;
    for (size_t count = 1; count < 300; count = count * 3 + 1) {
        TemplateTest tt;
        begin(&tt);
        Arena *a = &tt.t.arena;
        TemplateValue *object = value_object(a), *context = value_object(a);
        for (size_t i = 0; i < count; i++)
            value_set_cstring(a, object, arena_printf(a, "k%zu", i), arena_printf(a, "v%zu", i));
        for (size_t i = 0; i < count; i += 2)
            value_set_cstring(a, object, arena_printf(a, "k%zu", i), arena_printf(a, "w%zu", i));
        value_set(a, context, "o", object);
        StringBuffer text = {0}, expected = {0};
        for (size_t i = 0; i < count; i++) {
            buffer_printf(&text, "{{o.k%zu}},", i);
            buffer_printf(&expected, "%c%zu,", i % 2 ? 'v' : 'w', i);
        }
        buffer_append_cstring(&text, "[{{o.k}}{{o.k0x}}{{o.k999}}]");
        buffer_append_cstring(&expected, "[]");
        assert_string_equal(render(&tt, text.data, context), expected.data);
        assert_int_equal(object->member_count, count);
        buffer_free(&text);
        buffer_free(&expected);
        test_end(&tt.t);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_many_members),
        cmocka_unit_test(test_escaping_by_context), cmocka_unit_test(test_raw_only_for_trusted_html),
        cmocka_unit_test(test_sections),            cmocka_unit_test(test_partials),
        cmocka_unit_test(test_recursive_partial_is_bounded), cmocka_unit_test(test_syntax_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
