/* pdf_archive: PDF/A-2b for the meeting PDFs (see pdf_archive.h).
 *
 * Why level 2b and not 1b: PDF/A-1 needs a /CIDSet stream for every
 * subset CID font, and libharu 2.3 writes none; PDF/A-2 does not ask for
 * it, and takes everything else referat writes (no transparency, every
 * font embedded, an output intent, XMP). Why not libharu's own PDF/A
 * calls: HPDF_PDFA_SetPDFAConformance writes the XMP without escaping the
 * title, under a misspelt /SubType, with the clock in /ID;
 * HPDF_PDFA_AppendOutputIntents names its profile "/DestOutputProfile "
 * (with a space), which no reader finds. The objects are built here with
 * libharu's object API instead. */
#include "pdf_archive.h"

#include <stdio.h>
#include <string.h>

#include "buffer.h"
#include "profiles_embedded.h"

/* XML text: the five characters XML reserves, escaped. */
static void append_xml(StringBuffer *out, const char *text) {
    for (const char *p = text ? text : ""; *p; p++) {
        switch (*p) {
        case '&': buffer_append_cstring(out, "&amp;"); break;
        case '<': buffer_append_cstring(out, "&lt;"); break;
        case '>': buffer_append_cstring(out, "&gt;"); break;
        case '"': buffer_append_cstring(out, "&quot;"); break;
        case '\'': buffer_append_cstring(out, "&apos;"); break;
        default: buffer_append(out, p, 1);
        }
    }
}

static void append_alt(StringBuffer *out, const char *element, const char *text) {
    buffer_printf(out, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", element);
    append_xml(out, text);
    buffer_printf(out, "</rdf:li></rdf:Alt></%s>\n", element);
}

/* The XMP packet: the same title, author, subject, tool, producer and dates
 * as the information dictionary (PDF/A requires them to agree), and the
 * PDF/A identification. */
static void xmp_packet(StringBuffer *out, const PdfArchiveInfo *info) {
    char date[32];
    snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00Z", info->date.year, info->date.month, info->date.day);
    buffer_append_cstring(out, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                               "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                               "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                               "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                               "<dc:format>application/pdf</dc:format>\n");
    append_alt(out, "dc:title", info->title);
    buffer_append_cstring(out, "<dc:creator><rdf:Seq><rdf:li>");
    append_xml(out, info->author);
    buffer_append_cstring(out, "</rdf:li></rdf:Seq></dc:creator>\n");
    append_alt(out, "dc:description", info->subject);
    buffer_append_cstring(out, "<dc:language><rdf:Bag><rdf:li>");
    append_xml(out, info->language);
    buffer_append_cstring(out, "</rdf:li></rdf:Bag></dc:language>\n</rdf:Description>\n"
                               "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                               "<xmp:CreatorTool>");
    append_xml(out, info->creator);
    buffer_printf(out, "</xmp:CreatorTool>\n<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                       "<xmp:MetadataDate>%s</xmp:MetadataDate>\n</rdf:Description>\n",
                  date, date, date);
    buffer_append_cstring(out, "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                               "<pdf:Producer>");
    append_xml(out, info->producer);
    buffer_append_cstring(out, "</pdf:Producer>\n</rdf:Description>\n"
                               "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                               "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                               "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
}

static const EmbeddedFile *srgb_profile(void) {
    for (size_t i = 0; i < embedded_profile_count; i++)
        if (strcmp(embedded_profiles[i].name, "sRGB.icc") == 0)
            return &embedded_profiles[i];
    return NULL;
}

static bool add_output_intent(HPDF_Doc doc) {
    const EmbeddedFile *profile = srgb_profile();
    if (!profile)
        return false;
    HPDF_Dict icc = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!icc)
        return false;
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_STATUS status = HPDF_Dict_AddNumber(icc, "N", 3);
    status |= HPDF_Stream_Write(icc->stream, (const HPDF_BYTE *)profile->data, (HPDF_UINT)profile->length);
    HPDF_Dict intent = HPDF_Dict_New(doc->mmgr);
    if (!intent || HPDF_Xref_Add(doc->xref, intent) != HPDF_OK)
        return false;
    const char *condition = "sRGB IEC61966-2.1";
    status |= HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    status |= HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    status |= HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(doc->mmgr, condition, NULL));
    status |= HPDF_Dict_Add(intent, "Info", HPDF_String_New(doc->mmgr, condition, NULL));
    status |= HPDF_Dict_Add(intent, "RegistryName", HPDF_String_New(doc->mmgr, "http://www.color.org", NULL));
    status |= HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    HPDF_Array intents = HPDF_Array_New(doc->mmgr);
    if (!intents)
        return false;
    status |= HPDF_Array_Add(intents, intent);
    status |= HPDF_Dict_Add(doc->catalog, "OutputIntents", intents);
    return status == HPDF_OK;
}

static bool add_metadata(HPDF_Doc doc, const PdfArchiveInfo *info) {
    HPDF_Dict metadata = HPDF_DictStream_New(doc->mmgr, doc->xref);
    if (!metadata)
        return false;
    /* Unfiltered, so that a file search finds the PDF/A identification. */
    metadata->filter = HPDF_STREAM_FILTER_NONE;
    StringBuffer packet = {0};
    xmp_packet(&packet, info);
    HPDF_STATUS status = HPDF_Dict_AddName(metadata, "Type", "Metadata");
    status |= HPDF_Dict_AddName(metadata, "Subtype", "XML");
    status |= HPDF_Stream_Write(metadata->stream, (const HPDF_BYTE *)packet.data, (HPDF_UINT)packet.length);
    buffer_free(&packet);
    status |= HPDF_Dict_Add(doc->catalog, "Metadata", metadata);
    return status == HPDF_OK;
}

bool pdf_archive_finish(HPDF_Doc doc, const PdfArchiveInfo *info) {
    HPDF_STATUS status = HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, info->title);
    status |= HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, info->author);
    status |= HPDF_SetInfoAttr(doc, HPDF_INFO_SUBJECT, info->subject);
    status |= HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, info->creator);
    status |= HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, info->producer);
    /* Dates from the meeting, never the clock, at 00:00 UTC: the XMP dates
     * say the same, with the zone both must carry to compare equal. */
    HPDF_Date stamp = {info->date.year, info->date.month, info->date.day, 0, 0, 0, 'Z', 0, 0};
    status |= HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, stamp);
    status |= HPDF_SetInfoDateAttr(doc, HPDF_INFO_MOD_DATE, stamp);
    if (status != HPDF_OK)
        return false;
    /* PDF/A-2 builds on PDF 1.7 (ISO 32000-1). */
    doc->pdf_version = HPDF_VER_17;
    if (!add_metadata(doc, info) || !add_output_intent(doc))
        return false;
    status = HPDF_Dict_Add(doc->catalog, "Lang", HPDF_String_New(doc->mmgr, info->language, NULL));
    /* libharu writes an /ID only for encryption, or from the clock for
     * PDF/A: set it first, from the inputs. */
    HPDF_Array id = HPDF_Array_New(doc->mmgr);
    if (!id)
        return false;
    status |= HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)info->id, sizeof info->id));
    status |= HPDF_Array_Add(id, HPDF_Binary_New(doc->mmgr, (HPDF_BYTE *)info->id, sizeof info->id));
    status |= HPDF_Dict_Add(doc->trailer, "ID", id);
    return status == HPDF_OK;
}

bool pdf_archive_to_unicode(HPDF_Font font, const unsigned char *characters) {
    HPDF_Dict cmap = HPDF_Dict_GetItem((HPDF_Dict)font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap)
        return true; /* nothing to mend */
    /* The font's codes are the characters' BMP code points (Identity-H
     * over libharu's UTF-8 encoder): each block of 256 codes maps to the
     * same block of Unicode. Surrogates are no characters. */
    unsigned blocks[256];
    size_t block_count = 0;
    for (unsigned block = 0; block < 256; block++) {
        if (block >= 0xD8 && block <= 0xDF)
            continue;
        bool used = false;
        for (unsigned byte = 0; byte < 32 && !used; byte++)
            used = characters[block * 32 + byte] != 0;
        if (used)
            blocks[block_count++] = block;
    }
    StringBuffer text = {0};
    buffer_append_cstring(&text, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                                 "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                                 "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                                 "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < block_count; i += 100) {
        size_t n = block_count - i < 100 ? block_count - i : 100;
        buffer_printf(&text, "%zu beginbfrange\n", n);
        for (size_t k = i; k < i + n; k++)
            buffer_printf(&text, "<%02X00> <%02XFF> <%02X00>\n", blocks[k], blocks[k], blocks[k]);
        buffer_append_cstring(&text, "endbfrange\n");
    }
    buffer_append_cstring(&text, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_STATUS status = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)text.data, (HPDF_UINT)text.length);
    buffer_free(&text);
    return status == HPDF_OK;
}

void pdf_archive_printable(HPDF_Annotation annotation) {
    if (annotation)
        HPDF_Dict_AddNumber((HPDF_Dict)annotation, "F", 4);
}
