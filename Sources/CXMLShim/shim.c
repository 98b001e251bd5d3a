// libxml2 behind an opaque C interface (see include/cxmlshim.h).
#include "cxmlshim.h"

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlversion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct jx_parser {
    xmlParserCtxtPtr ctxt;
    jx_handlers handlers;
    char *attr_buf;        // scratch copies of attribute values, NUL-terminated
    size_t attr_cap;
    const char **attr_ptrs;
    int attr_ptr_cap;
    int stopped;
    char error[512];
};

static void jx_set_error(jx_parser *p, const char *msg) {
    if (p->error[0] == 0) snprintf(p->error, sizeof p->error, "%s", msg);
}

static void on_start(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                     int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                     const xmlChar **attributes) {
    (void)prefix; (void)nb_namespaces; (void)namespaces; (void)nb_defaulted;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ud;
    jx_parser *p = (jx_parser *)ctxt->_private;
    if (p->stopped || !p->handlers.start_element) return;
    size_t need = 0;
    for (int i = 0; i < nb_attributes; i++) {
        need += (size_t)(attributes[i * 5 + 4] - attributes[i * 5 + 3]) + 1;
    }
    if (need > p->attr_cap) {
        size_t cap = need * 2 + 256;
        char *nb = realloc(p->attr_buf, cap);
        if (!nb) { jx_set_error(p, "out of memory"); p->stopped = 1; xmlStopParser(ctxt); return; }
        p->attr_buf = nb; p->attr_cap = cap;
    }
    if (nb_attributes * 2 > p->attr_ptr_cap) {
        int cap = nb_attributes * 2 + 16;
        const char **np = realloc(p->attr_ptrs, sizeof(char *) * (size_t)cap);
        if (!np) { jx_set_error(p, "out of memory"); p->stopped = 1; xmlStopParser(ctxt); return; }
        p->attr_ptrs = np; p->attr_ptr_cap = cap;
    }
    char *w = p->attr_buf;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar *v0 = attributes[i * 5 + 3], *v1 = attributes[i * 5 + 4];
        size_t n = (size_t)(v1 - v0);
        if (!memchr(v0, '&', n)) {
            memcpy(w, v0, n);
        } else {
            // Without entity substitution libxml2 hands an attribute's '&' on as "&#38;": undo that.
            size_t k = 0;
            for (size_t j = 0; j < n; j++) {
                if (v0[j] == '&' && j + 4 < n && memcmp(v0 + j, "&#38;", 5) == 0) { w[k++] = '&'; j += 4; }
                else w[k++] = (char)v0[j];
            }
            n = k;
        }
        w[n] = 0;
        p->attr_ptrs[i * 2] = (const char *)attributes[i * 5];
        p->attr_ptrs[i * 2 + 1] = w;
        w += n + 1;
    }
    p->handlers.start_element(p->handlers.ctx, (const char *)localname, (const char *)uri, nb_attributes, p->attr_ptrs);
}

static void on_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {
    (void)prefix;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ud;
    jx_parser *p = (jx_parser *)ctxt->_private;
    if (p->stopped || !p->handlers.end_element) return;
    p->handlers.end_element(p->handlers.ctx, (const char *)localname, (const char *)uri);
}

static void on_chars(void *ud, const xmlChar *ch, int len) {
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ud;
    jx_parser *p = (jx_parser *)ctxt->_private;
    if (p->stopped || !p->handlers.characters) return;
    p->handlers.characters(p->handlers.ctx, (const char *)ch, len);
}

static void on_internal_subset(void *ud, const xmlChar *name, const xmlChar *eid, const xmlChar *sid) {
    (void)name; (void)eid; (void)sid;
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ud;
    jx_parser *p = (jx_parser *)ctxt->_private;
    jx_set_error(p, "a DOCTYPE is not allowed in an XLSX part (entities are refused)");
    p->stopped = 1;
    xmlStopParser(ctxt);
}

static xmlEntityPtr on_get_entity(void *ud, const xmlChar *name) {
    (void)name;
    // Only the five predefined entities exist in XLSX; libxml2 resolves those itself.
    xmlParserCtxtPtr ctxt = (xmlParserCtxtPtr)ud;
    jx_parser *p = (jx_parser *)ctxt->_private;
    jx_set_error(p, "an entity reference is not allowed in an XLSX part");
    p->stopped = 1;
    xmlStopParser(ctxt);
    return NULL;
}

static void on_structured_error(void *ud, const xmlError *err) {
    jx_parser *p = (jx_parser *)ud;
    if (!err || p->error[0]) return;
    char msg[400];
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "XML error");
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = 0;
    // One line: libxml2 puts details ("Bytes: 0x…") on a second line.
    for (size_t i = 0; i < n; i++) if (msg[i] == '\n' || msg[i] == '\r') msg[i] = ' ';
    snprintf(p->error, sizeof p->error, "line %d, column %d: %s", err->line, err->int2, msg);
}

jx_parser *jx_parser_new(const jx_handlers *handlers) {
    jx_parser *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->handlers = *handlers;
    xmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.initialized = XML_SAX2_MAGIC;
    sax.startElementNs = on_start;
    sax.endElementNs = on_end;
    sax.characters = on_chars;
    sax.cdataBlock = on_chars;
    sax.internalSubset = on_internal_subset;
    sax.getEntity = on_get_entity;
    p->ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
    if (!p->ctxt) { free(p); return NULL; }
    p->ctxt->_private = p;
    // NONET: never touch the network. No NOENT / DTDLOAD / HUGE: entities are not substituted,
    // external subsets are not loaded, and libxml2's size limits stay on.
    xmlCtxtUseOptions(p->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlSetStructuredErrorFunc(NULL, NULL);
    return p;
}

/* libxml2's generic errors (such as "xmlParseChunk: encoder error") would go to stderr beside
   juesuan's one line: they are kept as the parser's error instead. */
static void on_generic_error(void *ud, const char *msg, ...) {
    jx_parser *p = ud;
    if (!p || p->error[0]) return;
    char text[400];
    va_list ap;
    va_start(ap, msg);
    vsnprintf(text, sizeof text, msg, ap);
    va_end(ap);
    size_t n = strlen(text);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' ')) text[--n] = 0;
    jx_set_error(p, text);
}

int jx_parser_feed(jx_parser *p, const char *data, int len, int terminate) {
    if (p->stopped) return -1;
    xmlSetStructuredErrorFunc(p, (xmlStructuredErrorFunc)on_structured_error);
    xmlSetGenericErrorFunc(p, on_generic_error);
    int rc = xmlParseChunk(p->ctxt, data, len, terminate);
    xmlSetGenericErrorFunc(NULL, NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
    if (p->stopped) return -1;
    if (rc != 0 || (terminate && !p->ctxt->wellFormed)) {
        if (!p->error[0]) {
            const xmlError *e = xmlCtxtGetLastError(p->ctxt);
            if (e) on_structured_error(p, e);
            else jx_set_error(p, "the XML is not well-formed");
        }
        p->stopped = 1;
        return -1;
    }
    return 0;
}

void jx_parser_stop(jx_parser *p, const char *reason) {
    jx_set_error(p, reason ? reason : "stopped");
    p->stopped = 1;
    xmlStopParser(p->ctxt);
}

const char *jx_parser_error(const jx_parser *p) { return p->error[0] ? p->error : NULL; }

void jx_parser_free(jx_parser *p) {
    if (!p) return;
    if (p->ctxt) {
        if (p->ctxt->myDoc) xmlFreeDoc(p->ctxt->myDoc);
        xmlFreeParserCtxt(p->ctxt);
    }
    free(p->attr_buf);
    free(p->attr_ptrs);
    free(p);
}

const char *jx_libxml_version(void) { return LIBXML_DOTTED_VERSION; }
