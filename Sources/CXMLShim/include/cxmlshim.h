// The only interface between Swift and libxml2: opaque handles and plain C types.
// No libxml2 (or ICU) header is visible from here, so Swift modules never import libxml2.
#ifndef CXMLSHIM_H
#define CXMLSHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Receives parse events. `attrs` holds `nattrs` pairs of NUL-terminated (local name, value);
/// names are local names (prefixes dropped), `ns` the namespace URI or NULL.
typedef struct jx_handlers {
    void *ctx;
    void (*start_element)(void *ctx, const char *name, const char *ns, int nattrs, const char *const *attrs);
    void (*end_element)(void *ctx, const char *name, const char *ns);
    void (*characters)(void *ctx, const char *chars, int len);
} jx_handlers;

typedef struct jx_parser jx_parser;

/// A streaming (push) SAX2 parser with safe options: no network, no entity substitution,
/// no DTD loading, and any DOCTYPE refused (XLSX parts never have one).
jx_parser *jx_parser_new(const jx_handlers *handlers);

/// Feeds `len` bytes; `terminate` != 0 on the last chunk. Returns 0 on success, -1 on error
/// (then `jx_parser_error` says what and where) or when `jx_parser_stop` was called.
int jx_parser_feed(jx_parser *parser, const char *data, int len, int terminate);

/// Stops parsing from inside a callback (the next feed returns -1 with `reason`).
void jx_parser_stop(jx_parser *parser, const char *reason);

/// The last error as "line L, column C: message", or NULL.
const char *jx_parser_error(const jx_parser *parser);

void jx_parser_free(jx_parser *parser);

/// The libxml2 version string the shim was built with.
const char *jx_libxml_version(void);

#ifdef __cplusplus
}
#endif
#endif
