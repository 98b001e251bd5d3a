/* The import floor: inflate every worksheet part and the shared strings of each workbook with
 * minizip and run libxml2's SAX2 push parser over every node, counting <c> elements. Nothing is
 * decoded or stored. Usage: read_floor FILE... → "cells seconds". */
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <time.h>
#include <unzip.h>
#include "dump.h"

static long cells;

static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nns, const xmlChar **ns,
                     int nattr, int ndef, const xmlChar **attrs) {
    (void)ctx; (void)prefix; (void)uri; (void)nns; (void)ns; (void)nattr; (void)ndef; (void)attrs;
    if (name[0] == 'c' && name[1] == 0) cells++;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) { (void)ctx; (void)ch; (void)len; }

static int parse_current(unzFile z) {
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.characters = on_chars;
    xmlParserCtxtPtr ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_HUGE);
    static char buf[1 << 16];
    int n;
    if (unzOpenCurrentFile(z) != UNZ_OK) return -1;
    while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) xmlParseChunk(ctxt, buf, n, 0);
    xmlParseChunk(ctxt, NULL, 0, 1);
    unzCloseCurrentFile(z);
    xmlFreeParserCtxt(ctxt);
    return 0;
}

int main(int argc, char **argv) {
    double t0 = now_seconds();
    for (int i = 1; i < argc; i++) {
        unzFile z = unzOpen64(argv[i]);
        if (!z) { fprintf(stderr, "read_floor: cannot open %s\n", argv[i]); return 1; }
        for (int rc = unzGoToFirstFile(z); rc == UNZ_OK; rc = unzGoToNextFile(z)) {
            char name[1024];
            unz_file_info64 info;
            unzGetCurrentFileInfo64(z, &info, name, sizeof name, NULL, 0, NULL, 0);
            size_t len = strlen(name);
            if ((strncmp(name, "xl/worksheets/", 14) == 0 && len > 4 && !strcmp(name + len - 4, ".xml")) ||
                !strcmp(name, "xl/sharedStrings.xml"))
                parse_current(z);
        }
        unzClose(z);
    }
    printf("%ld %.6f\n", cells, now_seconds() - t0);
    return 0;
}
