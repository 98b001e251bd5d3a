/* Reads the layout plan juesuan-bench writes (see WorkbookWriter.layoutDump) into memory, so that
 * the timed part of a floor program is only the calls that write workbooks. */
#ifndef DUMP_H
#define DUMP_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIELDS 12

typedef struct {
    char kind;
    int nfields;
    char *f[MAX_FIELDS];
} record;

typedef struct {
    record *r;
    size_t n, cap;
} plan;

static void unescape(char *s) {
    char *w = s;
    for (char *p = s; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            *w++ = *p == 't' ? '\t' : *p == 'n' ? '\n' : *p == 'r' ? '\r' : *p;
        } else {
            *w++ = *p;
        }
    }
    *w = 0;
}

static plan read_plan(const char *path) {
    plan p = {0};
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) { perror(path); exit(2); }
    buf[size] = 0;
    fclose(f);
    char *line = buf;
    while (*line) {
        char *end = strchr(line, '\n');
        if (end) *end = 0;
        if (p.n == p.cap) { p.cap = p.cap ? p.cap * 2 : 4096; p.r = realloc(p.r, p.cap * sizeof(record)); }
        record *r = &p.r[p.n++];
        r->kind = line[0];
        r->nfields = 0;
        char *cursor = strchr(line, '\t');
        while (cursor && r->nfields < MAX_FIELDS) {
            *cursor = 0;
            char *field = cursor + 1;
            r->f[r->nfields++] = field;
            cursor = strchr(field, '\t');
        }
        if (cursor) *cursor = 0;
        for (int i = 0; i < r->nfields; i++) unescape(r->f[i]);
        line = end ? end + 1 : line + strlen(line);
    }
    return p;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
#endif
