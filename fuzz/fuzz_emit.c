/* fuzz_emit: libFuzzer target for the emitters. A meeting the checks
 * accept is published (present.c) in both editions and written as JSON and
 * as a PDF, and the project as Noark 5 metadata and eInnsyn JSON: nothing
 * the front end accepts may crash, hang or overrun an emitter. The search
 * index's word splitter and folding (emit_search.c) read the raw bytes,
 * malformed UTF-8 included. The fonts are read from REFERAT_FONT_DIR or Debian's DejaVu. */
#include <stdio.h>
#include <stdlib.h>

#include "buffer.h"
#include "check.h"
#include "emit_einnsyn.h"
#include "emit_json.h"
#include "emit_noark5.h"
#include "emit_pdf.h"
#include "emit_search.h"
#include "fuzz_common.h"
#include "markdown.h"
#include "parse.h"
#include "present.h"
#include "project_index.h"

static const char config_text[] =
    "site:\n  title: Fuzz\nbodies:\n  ssu:\n    name: S\n    short: SSU\n    seats: 10\n";

static FontFile *fonts[PDF_FONT_COUNT];

static void load_fonts(const char *directory) {
    static bool loaded;
    if (loaded)
        return;
    loaded = true;
    for (int style = 0; style < PDF_FONT_COUNT; style++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", directory, PDF_FONT_FILES[style]);
        fonts[style] = font_file_load(path);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *directory = getenv("REFERAT_FONT_DIR") ? getenv("REFERAT_FONT_DIR") : "/usr/share/fonts/truetype/dejavu";
    load_fonts(directory);
    markdown_prepare();
    StringBuffer folded = {0};
    search_fold_text((const char *)data, size, &folded);
    buffer_free(&folded);
    FuzzContext context;
    fuzz_begin(&context, config_text);
    Meeting *meeting = fuzz_check_one_meeting(&context, data, size);
    if (meeting) {
        for (int edition = 0; edition < 2 && context.diagnostics.error_count == 0 && meeting->metadata_valid; edition++) {
            Presentation presentation;
            if (!presentation_init(&presentation, &context.arena, &context.diagnostics, &context.project,
                                   edition ? PUBLICATION_INTERNAL : PUBLICATION_PUBLIC))
                break;
            const Meeting *published = present_meeting(&presentation, &context.arena, meeting);
            for (int layout = 0; layout < 2; layout++) {
                StringBuffer json = {0};
                JsonWriter writer;
                json_init(&writer, &json, layout ? JSON_COMPACT : JSON_PRETTY);
                emit_json_meeting(&writer, published);
                buffer_free(&json);
            }
            PdfOptions options = {&presentation, directory, fonts, context.project.config_file};
            char *pdf = NULL;
            size_t length = 0;
            emit_pdf_meeting(&context.arena, &context.diagnostics, published, &options, &pdf, &length);
            free(pdf);
            if (!context.project.index)
                continue;
            FILE *sink = fopen("/dev/null", "w");
            if (sink) {
                emit_einnsyn(sink, &context.project, &presentation, &context.arena);
                fclose(sink);
            }
            Noark5Document *documents = calloc(context.project.index->meeting_count + 1, sizeof *documents);
            for (size_t i = 0; documents && i < context.project.index->meeting_count; i++)
                documents[i].path = "dokumenter/m.pdf";
            StringBuffer xml = {0};
            if (documents)
                emit_noark5_arkivstruktur(&xml, &context.project, &presentation, documents);
            buffer_free(&xml);
            free(documents);
        }
    }
    fuzz_end(&context);
    return 0;
}
