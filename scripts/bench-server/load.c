/* load: drives a Wuye socket server (PROTOCOL.md) with complete reports from known owners.
 *
 *   load --socket PATH [--connections N] [--requests-per-connection M] [--warmup K] [--pipeline P]
 *        [--ids-out FILE] [--wait-ms MS] [--offset K]
 *   load --socket PATH --sequential [--requests N] [--warmup K] [--offset K]
 *   load --socket PATH --check-ids FILE
 *
 * Every request is a `chat` that files a repair in one turn: a different session per
 * request, an `owner` with a room and phone, one of ~20 real repair reports. Request
 * number g (from --offset K + 1 on) has id g, session load-<conn>-<g> and the g-th
 * room of a walk over 427,680 rooms, so runs against one database with offsets that
 * do not overlap never repeat a session or (below that many requests) a room. N
 * connections each keep up to P requests in flight (P=1: closed loop, each answer
 * awaited before the next request); K warm-up requests per connection run first and
 * are not timed. Prints turns/s, latency p50/p99/max, errors (an answer that is not
 * `"ok":true`, carries the wrong id, cannot be read, or never comes) with the first
 * few error lines, and how many answers carried a ticket id. The last line is
 * `summary key=value …` for scripts.
 *
 * --ids-out FILE writes every acknowledged ticket id, one a line (complete when load
 * exits). --check-ids FILE asks `ticket.get` for each id of such a file and counts
 * the missing ones (the SIGKILL durability check). --sequential: one connection,
 * one request at a time, latencies in µs. Exit status: 0 no errors, 1 errors, 2
 * usage or connection failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "jscan.h"

static const char *const texts[] = {
    "厨房水管漏水了",     "卫生间马桶堵了",     "客厅插座没电了",       "门禁卡刷不开",
    "卧室空调不制冷了",   "阳台地漏返水",       "热水器打不着火",       "暖气片不热",
    "卫生间天花板渗水",   "厨房下水道堵塞",     "洗手盆水龙头关不紧一直滴水", "客厅灯不亮了",
    "防盗门锁坏了打不开", "墙皮脱落了",         "窗户玻璃裂了",         "家里跳闸了一直合不上",
    "淋浴花洒坏了出不来水", "地暖不热了",       "洗衣机排水管漏水",     "抽油烟机不转了",
    "卫生间排风扇不转了", "书房墙面发霉了",
};
#define NTEXTS (sizeof texts / sizeof texts[0])

/* Rooms: buildings 1-99, units 1-9, floors 1-60, 8 flats a floor. A multiplier prime
 * to the size walks every room once before any repeats. */
#define ROOMS (99LL * 9 * 60 * 8)
#define ROOM_STEP 7919LL

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) {
        fprintf(stderr, "load: out of memory\n");
        exit(2);
    }
    return p;
}

/* ----------------------------------------------------------------- output */

static long long n_errors, n_tickets, n_answered;
static char *err_samples[5];
static int n_samples;
static FILE *ids_out;

static void record_error(int conn, const char *what, const char *line, size_t len) {
    n_errors++;
    if (n_samples >= 5) return;
    size_t shown = len > 300 ? 300 : len;
    char *s = xrealloc(NULL, shown + strlen(what) + 64);
    snprintf(s, shown + strlen(what) + 64, "conn %d: %s%s%.*s%s", conn, what, line ? ": " : "", (int)shown,
             line ? line : "", len > shown ? "…" : "");
    err_samples[n_samples++] = s;
}

/* ------------------------------------------------------------- responses */

enum { RESP_OK, RESP_ERR, RESP_EVENT };

static int parse_int(const char *p, const char *e, long long *out) {
    int neg = 0;
    long long v = 0;
    if (p < e && *p == '-') neg = 1, p++;
    if (p >= e) return -1;
    for (; p < e; p++) {
        if (*p < '0' || *p > '9' || v > (1LL << 58)) return -1;
        v = v * 10 + (*p - '0');
    }
    *out = neg ? -v : v;
    return 0;
}

/* Reads one response line; on RESP_ERR *why says what was wrong. */
static int check_response(const char *p, const char *end, long long expect, const char **tid, size_t *tidlen,
                          const char **why) {
    js_obj o, t;
    const char *ks, *vs, *ve;
    size_t kl;
    int rc, has_id = 0, id_ok = 0, ok = 0, event = 0;
    *tid = NULL;
    *tidlen = 0;
    if (js_obj_open(&o, p, end)) {
        *why = "unparsable response";
        return RESP_ERR;
    }
    while ((rc = js_obj_next(&o, &ks, &kl, &vs, &ve)) == 1) {
        if (js_key_is(ks, kl, "id")) {
            long long v;
            has_id = 1;
            id_ok = parse_int(vs, ve, &v) == 0 && v == expect;
        } else if (js_key_is(ks, kl, "ok")) {
            ok = ve - vs == 4 && memcmp(vs, "true", 4) == 0;
        } else if (js_key_is(ks, kl, "event")) {
            event = 1;
        } else if (js_key_is(ks, kl, "ticket") && *vs == '{') {
            const char *iks, *ivs, *ive;
            size_t ikl;
            if (js_obj_open(&t, vs, ve)) continue;
            while (js_obj_next(&t, &iks, &ikl, &ivs, &ive) == 1) {
                if (js_key_is(iks, ikl, "id") && *ivs == '"' && ive - ivs > 2) {
                    *tid = ivs + 1;
                    *tidlen = (size_t)(ive - ivs - 2);
                }
            }
        }
    }
    if (rc != 0 || js_ws(o.p, end) != end) {
        *why = "unparsable response";
        return RESP_ERR;
    }
    if (event && !has_id) return RESP_EVENT;
    if (!has_id || !id_ok) {
        *why = "answer out of order (id is not the request's)";
        return RESP_ERR;
    }
    if (!ok) {
        *why = "not ok";
        return RESP_ERR;
    }
    return RESP_OK;
}

/* -------------------------------------------------------------- requests */

/* Writes request g (connection c) into buf; returns its length. */
static int build_chat(char *buf, size_t cap, int c, long long g) {
    long long x = (g % ROOMS * ROOM_STEP) % ROOMS;
    long long room_index = x;
    int building = (int)(x % 99) + 1;
    x /= 99;
    int unit = (int)(x % 9) + 1;
    x /= 9;
    int floor_no = (int)(x % 60) + 1;
    x /= 60;
    int flat = floor_no * 100 + (int)(x % 8) + 1;
    long long phone = (room_index * 9973 + 1234567) % 100000000;
    int n = snprintf(buf, cap,
                     "{\"id\":%lld,\"op\":\"chat\",\"session\":\"load-%d-%lld\",\"text\":\"%s\","
                     "\"owner\":{\"room\":\"%d-%d-%d\",\"phone\":\"138%08lld\"}}\n",
                     g, c, g, texts[(g * 7) % (long long)NTEXTS], building, unit, flat, phone);
    if (n < 0 || (size_t)n >= cap) {
        fprintf(stderr, "load: request buffer too small\n");
        exit(2);
    }
    return n;
}

static int connect_socket(const char *path, int wait_ms) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        fprintf(stderr, "load: socket path too long: %s\n", path);
        exit(2);
    }
    strcpy(a.sun_path, path);
    uint64_t deadline = now_ns() + (uint64_t)wait_ms * 1000000ull;
    for (;;) {
        int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            perror("load: socket");
            exit(2);
        }
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) return fd;
        int e = errno;
        close(fd);
        if (e == EINTR) continue;
        if ((e != ENOENT && e != ECONNREFUSED && e != EAGAIN) || now_ns() >= deadline) {
            fprintf(stderr, "load: cannot connect to %s: %s\n", path, strerror(e));
            exit(2);
        }
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
}

/* --------------------------------------------------------- concurrent mode */

struct lconn {
    int fd, idx, dead;
    char *rbuf;
    size_t rlen, rcap;
    char *wbuf;
    size_t wlen, woff, wcap;
    uint64_t *t_sent; /* ring of in-flight requests, oldest at head */
    long long *ids;
    unsigned head, count;
    long long sent, recv, quota; /* in the current phase */
    uint32_t mask;
};

static int ep, pipeline = 1;
static long long next_id = 1;
static uint64_t *lat; /* latencies of the timed phase, grown as answers come */
static long long nlat, latcap;
static int measuring;
static int active;

static void lc_mask(struct lconn *c) {
    uint32_t m = EPOLLIN | (c->wlen > c->woff ? EPOLLOUT : 0);
    if (m == c->mask) return;
    struct epoll_event ev = {.events = m, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    c->mask = m;
}

static void lc_kill(struct lconn *c, const char *why) {
    if (c->dead) return;
    long long unanswered = c->count, unsent = c->quota - c->sent;
    if (unanswered + unsent > 0) { /* else it finished its phase; a later phase reports it */
        char msg[160];
        snprintf(msg, sizeof msg, "%s with %lld request(s) unanswered and %lld not sent", why, unanswered, unsent);
        record_error(c->idx, msg, NULL, 0);
        n_errors += unanswered + unsent - 1;
    }
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    c->dead = 1;
    c->count = 0;
    if (c->recv < c->quota) active--;
}

static void lc_flush(struct lconn *c) {
    while (c->woff < c->wlen) {
        ssize_t n = send(c->fd, c->wbuf + c->woff, c->wlen - c->woff, MSG_NOSIGNAL);
        if (n > 0) c->woff += (size_t)n;
        else if (n < 0 && errno == EINTR) continue;
        else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        else {
            lc_kill(c, "write failed");
            return;
        }
    }
    if (c->woff == c->wlen) c->woff = c->wlen = 0;
    lc_mask(c);
}

static void lc_fill(struct lconn *c) {
    char line[1024];
    while (!c->dead && c->count < (unsigned)pipeline && c->sent < c->quota) {
        long long g = next_id++;
        int n = build_chat(line, sizeof line, c->idx, g);
        if (c->wlen + (size_t)n > c->wcap) {
            c->wcap = (c->wlen + (size_t)n) * 2;
            c->wbuf = xrealloc(c->wbuf, c->wcap);
        }
        memcpy(c->wbuf + c->wlen, line, (size_t)n);
        c->wlen += (size_t)n;
        unsigned slot = (c->head + c->count) % (unsigned)pipeline;
        c->ids[slot] = g;
        c->t_sent[slot] = now_ns();
        c->count++;
        c->sent++;
    }
    if (!c->dead) lc_flush(c);
}

static void lc_read(struct lconn *c) {
    if (c->rcap - c->rlen < 16384) {
        c->rcap = c->rcap * 2 + 16384;
        c->rbuf = xrealloc(c->rbuf, c->rcap);
    }
    ssize_t n;
    do n = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    if (n <= 0) {
        lc_kill(c, n == 0 ? "server closed the connection" : "read failed");
        return;
    }
    uint64_t t = now_ns();
    c->rlen += (size_t)n;
    size_t start = 0;
    for (;;) {
        char *nl = memchr(c->rbuf + start, '\n', c->rlen - start);
        if (!nl) break;
        const char *p = c->rbuf + start, *end = nl;
        start = (size_t)(nl - c->rbuf) + 1;
        if (js_ws(p, end) == end) continue;
        if (c->count == 0) {
            record_error(c->idx, "answer to no request", p, (size_t)(end - p));
            continue;
        }
        const char *tid, *why = "";
        size_t tidlen;
        int r = check_response(p, end, c->ids[c->head], &tid, &tidlen, &why);
        if (r == RESP_EVENT) continue;
        uint64_t sent = c->t_sent[c->head];
        c->head = (c->head + 1) % (unsigned)pipeline;
        c->count--;
        c->recv++;
        n_answered += measuring;
        if (measuring) {
            if (nlat == latcap) {
                latcap = latcap ? latcap * 2 : 65536;
                lat = xrealloc(lat, sizeof *lat * (size_t)latcap);
            }
            lat[nlat++] = t - sent;
        }
        if (r == RESP_ERR) record_error(c->idx, why, p, (size_t)(end - p));
        else if (tid) {
            n_tickets++;
            if (ids_out) fprintf(ids_out, "%.*s\n", (int)tidlen, tid);
        }
        if (c->recv == c->quota) active--;
    }
    memmove(c->rbuf, c->rbuf + start, c->rlen - start);
    c->rlen -= start;
    lc_fill(c);
}

static void run_phase(struct lconn *cs, int nconns, long long quota) {
    active = 0;
    for (int i = 0; i < nconns; i++) {
        struct lconn *c = &cs[i];
        c->quota = quota;
        c->sent = c->recv = 0;
        if (c->dead) {
            if (quota) {
                record_error(c->idx, "connection lost before this phase", NULL, 0);
                n_errors += quota - 1;
            }
            continue;
        }
        if (quota > 0) active++;
        lc_fill(c);
    }
    struct epoll_event evs[64];
    while (active > 0) {
        int n = epoll_wait(ep, evs, 64, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("load: epoll_wait");
            exit(2);
        }
        for (int i = 0; i < n; i++) {
            struct lconn *c = evs[i].data.ptr;
            if (c->dead) continue;
            if (evs[i].events & EPOLLOUT) lc_flush(c);
            if (!c->dead && (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) lc_read(c);
        }
    }
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* nearest rank */
static uint64_t pct(const uint64_t *v, long long n, double p) {
    if (n == 0) return 0;
    long long k = (long long)(p * (double)n + 0.999999999);
    if (k < 1) k = 1;
    if (k > n) k = n;
    return v[k - 1];
}

static void print_errors(void) {
    for (int i = 0; i < n_samples; i++) {
        printf("  error: %s\n", err_samples[i]);
        free(err_samples[i]);
    }
    if (n_errors > n_samples) printf("  (%lld errors in all)\n", n_errors);
}

/* ---------------------------------------------------------- blocking client */

struct bclient {
    int fd;
    char *buf;
    size_t len, cap, start;
};

static int b_send(struct bclient *b, const char *p, size_t n) {
    while (n > 0) {
        ssize_t w = send(b->fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Next line (without '\n'), or NULL when the server closed or failed. */
static const char *b_line(struct bclient *b, size_t *len) {
    for (;;) {
        char *nl = b->len > b->start ? memchr(b->buf + b->start, '\n', b->len - b->start) : NULL;
        if (nl) {
            const char *p = b->buf + b->start;
            *len = (size_t)(nl - p);
            b->start = (size_t)(nl - b->buf) + 1;
            return p;
        }
        if (b->start > 0) {
            memmove(b->buf, b->buf + b->start, b->len - b->start);
            b->len -= b->start;
            b->start = 0;
        }
        if (b->cap - b->len < 16384) {
            b->cap = b->cap * 2 + 16384;
            b->buf = xrealloc(b->buf, b->cap);
        }
        ssize_t n = recv(b->fd, b->buf + b->len, b->cap - b->len, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return NULL;
        b->len += (size_t)n;
    }
}

/* One request, one answer (event lines skipped); returns RESP_OK/RESP_ERR, -1 when the connection is gone. */
static int b_roundtrip(struct bclient *b, const char *req, size_t n, long long id, const char **tid, size_t *tidlen,
                       const char **line, size_t *linelen, const char **why) {
    if (b_send(b, req, n)) return -1;
    for (;;) {
        const char *p = b_line(b, linelen);
        if (!p) return -1;
        *line = p;
        if (js_ws(p, p + *linelen) == p + *linelen) continue;
        int r = check_response(p, p + *linelen, id, tid, tidlen, why);
        if (r != RESP_EVENT) return r;
    }
}

static int run_sequential(const char *path, long long nreq, long long warmup, int wait_ms) {
    struct bclient b = {.fd = connect_socket(path, wait_ms)};
    uint64_t *v = xrealloc(NULL, sizeof *v * (size_t)(nreq > 0 ? nreq : 1));
    long long nv = 0;
    char req[1024];
    printf("load: sequential, 1 connection, %lld requests one at a time (warmup %lld)\n", nreq, warmup);
    for (long long i = 0; i < warmup + nreq; i++) {
        long long g = next_id++;
        int n = build_chat(req, sizeof req, 0, g);
        const char *tid, *line, *why = "";
        size_t tidlen, linelen;
        uint64_t t0 = now_ns();
        int r = b_roundtrip(&b, req, (size_t)n, g, &tid, &tidlen, &line, &linelen, &why);
        uint64_t t1 = now_ns();
        if (r < 0) {
            record_error(0, "server closed the connection", NULL, 0);
            n_errors += warmup + nreq - i - 1;
            break;
        }
        if (i >= warmup) v[nv++] = t1 - t0;
        if (r == RESP_ERR) record_error(0, why, line, linelen);
        else if (tid) {
            n_tickets++;
            if (ids_out) fprintf(ids_out, "%.*s\n", (int)tidlen, tid);
        }
    }
    close(b.fd);
    free(b.buf);
    if (nv > 0) qsort(v, (size_t)nv, sizeof *v, cmp_u64);
    double p50 = (double)pct(v, nv, 0.50) / 1e3, p99 = (double)pct(v, nv, 0.99) / 1e3,
           mx = (double)pct(v, nv, 1.0) / 1e3;
    printf("latency:   p50 %.1f µs  p99 %.1f µs  max %.1f µs  (%lld timed)\n", p50, p99, mx, nv);
    printf("errors:    %lld\n", n_errors);
    print_errors();
    printf("tickets:   %lld answers carried a ticket id\n", n_tickets);
    printf("summary seq_p50_us=%.1f seq_p99_us=%.1f seq_max_us=%.1f errors=%lld tickets=%lld answered=%lld\n", p50,
           p99, mx, n_errors, n_tickets, nv);
    free(v);
    return n_errors ? 1 : 0;
}

static int run_check_ids(const char *path, const char *file, int wait_ms) {
    FILE *f = fopen(file, "r");
    if (!f) {
        fprintf(stderr, "load: %s: %s\n", file, strerror(errno));
        return 2;
    }
    struct bclient b = {.fd = connect_socket(path, wait_ms)};
    char *id = NULL, *req = NULL;
    size_t idcap = 0, reqcap = 0;
    ssize_t idlen;
    long long checked = 0, found = 0, missing = 0, g = 0;
    while ((idlen = getline(&id, &idcap, f)) > 0) {
        while (idlen > 0 && (id[idlen - 1] == '\n' || id[idlen - 1] == '\r')) id[--idlen] = 0;
        if (idlen == 0) continue;
        if (reqcap < (size_t)idlen + 128) {
            reqcap = (size_t)idlen + 128;
            req = xrealloc(req, reqcap);
        }
        g++;
        /* ids come from our own file of server answers: no quotes or backslashes to escape */
        int n = snprintf(req, reqcap, "{\"id\":%lld,\"op\":\"ticket.get\",\"ticket\":\"%s\"}\n", g, id);
        const char *tid, *line, *why = "";
        size_t tidlen, linelen;
        int r = b_roundtrip(&b, req, (size_t)n, g, &tid, &tidlen, &line, &linelen, &why);
        if (r < 0) {
            record_error(0, "server closed the connection", NULL, 0);
            break;
        }
        checked++;
        if (r == RESP_OK && tid && tidlen == (size_t)idlen && memcmp(tid, id, tidlen) == 0) {
            found++;
        } else {
            missing++;
            if (missing <= 5) printf("  missing: %s (%.*s)\n", id, (int)(linelen > 200 ? 200 : linelen), line);
        }
    }
    fclose(f);
    free(id);
    free(req);
    close(b.fd);
    free(b.buf);
    printf("check: %lld acknowledged ids asked, %lld found, %lld missing\n", checked, found, missing);
    print_errors();
    printf("summary checked=%lld found=%lld missing=%lld errors=%lld\n", checked, found, missing, n_errors);
    return missing || n_errors ? 1 : 0;
}

/* ------------------------------------------------------------------- main */

static void usage(void) {
    fprintf(stderr,
            "usage: load --socket PATH [--connections N] [--requests-per-connection M] [--warmup K]\n"
            "            [--pipeline P] [--ids-out FILE] [--wait-ms MS] [--offset K]\n"
            "       load --socket PATH --sequential [--requests N] [--warmup K] [--offset K]\n"
            "       load --socket PATH --check-ids FILE\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *path = NULL, *ids_file = NULL, *check_file = NULL;
    long long nconns = 32, per_conn = 1000, warmup = 0;
    int sequential = 0, wait_ms = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--sequential")) {
            sequential = 1;
            continue;
        }
        if (!v) usage();
        i++;
        if (!strcmp(a, "--socket")) path = v;
        else if (!strcmp(a, "--connections")) nconns = atoll(v);
        else if (!strcmp(a, "--requests-per-connection") || !strcmp(a, "--requests")) per_conn = atoll(v);
        else if (!strcmp(a, "--warmup")) warmup = atoll(v);
        else if (!strcmp(a, "--pipeline")) pipeline = atoi(v);
        else if (!strcmp(a, "--ids-out")) ids_file = v;
        else if (!strcmp(a, "--check-ids")) check_file = v;
        else if (!strcmp(a, "--wait-ms")) wait_ms = atoi(v);
        else if (!strcmp(a, "--offset")) next_id = atoll(v) + 1;
        else usage();
    }
    if (!path || nconns < 1 || per_conn < 0 || warmup < 0 || pipeline < 1 || next_id < 1) usage();
    if (check_file) return run_check_ids(path, check_file, wait_ms);
    if (ids_file) {
        ids_out = fopen(ids_file, "w");
        if (!ids_out) {
            fprintf(stderr, "load: %s: %s\n", ids_file, strerror(errno));
            return 2;
        }
    }
    int rc;
    if (sequential) {
        rc = run_sequential(path, per_conn, warmup, wait_ms);
    } else {
        ep = epoll_create1(EPOLL_CLOEXEC);
        struct lconn *cs = calloc((size_t)nconns, sizeof *cs);
        if (!cs) usage();
        for (int i = 0; i < nconns; i++) {
            struct lconn *c = &cs[i];
            c->idx = i;
            c->fd = connect_socket(path, wait_ms);
            wait_ms = 0; /* the server is up once the first connection is */
            fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
            c->t_sent = xrealloc(NULL, sizeof *c->t_sent * (size_t)pipeline);
            c->ids = xrealloc(NULL, sizeof *c->ids * (size_t)pipeline);
            c->mask = EPOLLIN;
            struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
            epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
        }
        printf("load: %lld connections x %lld requests, pipeline %d, warmup %lld per connection\n", nconns, per_conn,
               pipeline, warmup);
        fflush(stdout);
        if (warmup) run_phase(cs, (int)nconns, warmup);
        measuring = 1;
        uint64_t t0 = now_ns();
        run_phase(cs, (int)nconns, per_conn);
        double secs = (double)(now_ns() - t0) / 1e9;
        if (nlat > 0) qsort(lat, (size_t)nlat, sizeof *lat, cmp_u64);
        double tps = secs > 0 ? (double)n_answered / secs : 0;
        double p50 = (double)pct(lat, nlat, 0.50) / 1e6, p99 = (double)pct(lat, nlat, 0.99) / 1e6,
               mx = (double)pct(lat, nlat, 1.0) / 1e6;
        printf("turns/s:   %.0f  (%lld answered in %.3f s)\n", tps, n_answered, secs);
        printf("latency:   p50 %.3f ms  p99 %.3f ms  max %.3f ms\n", p50, p99, mx);
        printf("errors:    %lld\n", n_errors);
        print_errors();
        printf("tickets:   %lld answers carried a ticket id\n", n_tickets);
        printf("summary turns_per_s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%lld tickets=%lld "
               "answered=%lld\n",
               tps, p50, p99, mx, n_errors, n_tickets, n_answered);
        for (int i = 0; i < nconns; i++) {
            if (!cs[i].dead) close(cs[i].fd);
            free(cs[i].rbuf);
            free(cs[i].wbuf);
            free(cs[i].t_sent);
            free(cs[i].ids);
        }
        free(cs);
        free(lat);
        close(ep);
        rc = n_errors ? 1 : 0;
    }
    if (ids_out && fclose(ids_out) != 0) {
        fprintf(stderr, "load: writing %s: %s\n", ids_file, strerror(errno));
        return 2;
    }
    return rc;
}
