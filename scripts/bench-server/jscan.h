/* jscan.h: a tiny JSON scanner shared by the benchmark tools (not a parser).
 *
 * It walks the members of one object and skips values without building
 * anything: enough to find "id", "op", "text" in a request or "id", "ok",
 * "ticket", "error" in a response. Containers are skipped iteratively (bracket
 * counting that respects strings), so deep nesting costs no stack. It does not
 * validate everything a JSON parser would (`{"a":[}` is skipped as if it were
 * balanced); the real server's job is to be strict, the floor's is to be cheap.
 * Keys are compared as raw bytes: an escaped key never matches.
 */
#ifndef WUYE_BENCH_JSCAN_H
#define WUYE_BENCH_JSCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline const char *js_ws(const char *p, const char *end) {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
    return p;
}

/* p at the opening quote; returns just past the closing quote, or NULL. */
static inline const char *js_skip_string(const char *p, const char *end) {
    if (p >= end || *p != '"') return NULL;
    p++;
    while (p < end) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q) return NULL;
        /* count the backslashes right before the quote */
        const char *b = q;
        while (b > p && b[-1] == '\\') b--;
        if (((q - b) & 1) == 0) return q + 1;
        p = q + 1;
    }
    return NULL;
}

/* Skips one value (string, number, literal, object, array); NULL when malformed. */
static inline const char *js_skip_value(const char *p, const char *end) {
    p = js_ws(p, end);
    if (p >= end) return NULL;
    if (*p == '"') return js_skip_string(p, end);
    if (*p == '{' || *p == '[') {
        size_t depth = 0;
        while (p < end) {
            char c = *p;
            if (c == '"') {
                p = js_skip_string(p, end);
                if (!p) return NULL;
                continue;
            }
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') {
                if (--depth == 0) return p + 1;
            }
            p++;
        }
        return NULL;
    }
    const char *s = p;
    while (p < end && ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                       *p == '-' || *p == '+' || *p == '.'))
        p++;
    return p > s ? p : NULL;
}

typedef struct {
    const char *p, *end;
    int first;
} js_obj;

/* p at (or before, across whitespace) the '{'; 0 on success. */
static inline int js_obj_open(js_obj *o, const char *p, const char *end) {
    p = js_ws(p, end);
    if (p >= end || *p != '{') return -1;
    o->p = p + 1;
    o->end = end;
    o->first = 1;
    return 0;
}

/* Next member: 1 with the key's raw bytes (no quotes) and the value's span,
 * 0 at the closing brace, -1 when malformed. */
static inline int js_obj_next(js_obj *o, const char **ks, size_t *kl, const char **vs, const char **ve) {
    const char *p = js_ws(o->p, o->end);
    if (p >= o->end) return -1;
    if (*p == '}') {
        o->p = p + 1;
        return 0;
    }
    if (!o->first) {
        if (*p != ',') return -1;
        p = js_ws(p + 1, o->end);
    }
    o->first = 0;
    const char *k = p;
    const char *ke = js_skip_string(p, o->end);
    if (!ke) return -1;
    p = js_ws(ke, o->end);
    if (p >= o->end || *p != ':') return -1;
    p = js_ws(p + 1, o->end);
    const char *v = p;
    const char *e = js_skip_value(p, o->end);
    if (!e) return -1;
    *ks = k + 1;
    *kl = (size_t)(ke - k - 2);
    *vs = v;
    *ve = e;
    o->p = e;
    return 1;
}

static inline int js_key_is(const char *ks, size_t kl, const char *name) {
    size_t n = strlen(name);
    return kl == n && memcmp(ks, name, n) == 0;
}

static inline int js_hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static inline int js_hex4(const char *p, const char *end, unsigned *out) {
    if (end - p < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = js_hex(p[i]);
        if (h < 0) return -1;
        v = v * 16 + (unsigned)h;
    }
    *out = v;
    return 0;
}

static inline char *js_put_utf8(char *o, unsigned cp) {
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Decodes the string value [vs, ve) (quotes included) into out, which must hold
 * at least (ve - vs) bytes: an escape never decodes longer than it is written.
 * Returns the decoded length, or -1 when it is not a well-formed string. A lone
 * surrogate becomes U+FFFD. */
static inline long js_decode_string(const char *vs, const char *ve, char *out) {
    if (ve - vs < 2 || *vs != '"' || ve[-1] != '"') return -1;
    const char *p = vs + 1, *end = ve - 1;
    char *o = out;
    while (p < end) {
        const char *bs = memchr(p, '\\', (size_t)(end - p));
        const char *stop = bs ? bs : end;
        memcpy(o, p, (size_t)(stop - p));
        o += stop - p;
        p = stop;
        if (!bs) break;
        if (++p >= end) return -1;
        char c = *p++;
        switch (c) {
        case '"': *o++ = '"'; break;
        case '\\': *o++ = '\\'; break;
        case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break;
        case 'f': *o++ = '\f'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'u': {
            unsigned cp;
            if (js_hex4(p, end, &cp)) return -1;
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (end - p >= 6 && p[0] == '\\' && p[1] == 'u' && !js_hex4(p + 2, end, &lo) && lo >= 0xDC00 &&
                    lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                cp = 0xFFFD;
            }
            o = js_put_utf8(o, cp);
            break;
        }
        default: return -1;
        }
    }
    return (long)(o - out);
}

#endif
