/* floor: the physical floor for `wuye serve`, the least a server must do per chat.
 *
 *   floor SOCKET_PATH DB_PATH [--autocheckpoint]
 *
 * One epoll thread reads JSON lines from many connections and scans each for
 * "id", "op" and "text" (jscan.h, no parser, no understanding). A writer thread
 * takes every request queued at that moment, inserts one row per chat in one
 * transaction (WAL, synchronous=FULL: group commit), and only after COMMIT
 * returns hands the batch back; the epoll thread then writes the replies
 *   {"id":<id>,"ok":true,"ticket":{"id":"R-<n>"}}
 * in request order. `ticket.get` (for the SIGKILL check) and `ping` are answered
 * too; anything else gets a protocol error. WAL checkpoints run on a third
 * thread off the request path (--autocheckpoint: let SQLite do them inline).
 * Under steady writes a passive checkpoint never quite catches up, so the WAL
 * could not restart; past RESTART_PAGES frames the checkpointer makes a RESTART
 * checkpoint, which holds the writer once per ~64 MiB of WAL.
 *
 * Limits as PROTOCOL.md: a line over 64 KiB is answered `too_large` and the
 * connection closed. Past 256 unanswered requests on a connection the floor
 * simply stops reading it until answers drain (backpressure, never `busy`).
 * SIGTERM/SIGINT: stop accepting, answer what was read, remove the socket, exit 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "jscan.h"

#define MAX_LINE (64 * 1024)
#define MAX_PENDING 256
#define READ_CHUNK (64 * 1024)
#define MAX_UNSENT (1024 * 1024) /* stop reading a client that does not read its answers */
#define CHECKPOINT_PAGES 1000   /* a passive checkpoint per this many new WAL frames */
#define RESTART_PAGES (16 * 1024) /* past this the WAL is reset, briefly holding the writer */

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "floor: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    exit(1);
}

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) die("out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n) {
    p = realloc(p, n);
    if (!p) die("out of memory");
    return p;
}

/* ---------------------------------------------------------------- requests */

enum kind { K_CHAT, K_GET, K_STATIC };

struct conn;

struct req {
    struct req *next;
    struct conn *c;
    enum kind kind;
    int failed;       /* the transaction failed: answer internal */
    int found;        /* K_GET */
    long long ticket; /* K_CHAT: the new row; K_GET: the row asked for */
    const char *tail; /* K_STATIC: the reply after "id": */
    size_t idlen, textlen;
    char *id, *text; /* point into data */
    char data[];
};

struct queue {
    struct req *head, *tail;
};

static void q_push(struct queue *q, struct req *r) {
    r->next = NULL;
    if (q->tail) q->tail->next = r;
    else q->head = r;
    q->tail = r;
}

/* main -> writer */
static pthread_mutex_t in_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t in_cv = PTHREAD_COND_INITIALIZER;
static struct queue inq;
static int writer_stop;

/* writer -> main, announced on done_fd */
static pthread_mutex_t out_mu = PTHREAD_MUTEX_INITIALIZER;
static struct queue outq;
static int done_fd;

/* checkpointer */
static pthread_mutex_t ck_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ck_cv = PTHREAD_COND_INITIALIZER;
static int ck_wanted, ck_stop, ck_pages, ck_mark;

static const char *db_path;
static unsigned long long stat_batches, stat_rows, stat_max_batch, stat_checkpoints, stat_restarts;

/* ------------------------------------------------------------------ writer */

static void exec_sql(sqlite3 *db, const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) die("%s: %s", sql, err ? err : "?");
}

/* Runs in the writer after each commit; pages is the WAL's length in frames. */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int pages) {
    (void)arg, (void)db, (void)name;
    pthread_mutex_lock(&ck_mu);
    if (pages < ck_mark) ck_mark = 0; /* the WAL restarted */
    if (pages >= ck_mark + CHECKPOINT_PAGES) {
        ck_mark = pages;
        ck_pages = pages;
        ck_wanted = 1;
        pthread_cond_signal(&ck_cv);
    }
    pthread_mutex_unlock(&ck_mu);
    return SQLITE_OK;
}

static void *checkpointer(void *arg) {
    (void)arg;
    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        die("checkpointer: cannot open %s", db_path);
    sqlite3_busy_timeout(db, 1000);
    exec_sql(db, "PRAGMA synchronous=FULL");
    for (;;) {
        pthread_mutex_lock(&ck_mu);
        while (!ck_wanted && !ck_stop) pthread_cond_wait(&ck_cv, &ck_mu);
        int stop = ck_stop, pages = ck_pages;
        ck_wanted = 0;
        pthread_mutex_unlock(&ck_mu);
        if (stop) break;
        int mode = pages >= RESTART_PAGES ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE;
        int rc = sqlite3_wal_checkpoint_v2(db, NULL, mode, NULL, NULL);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) fprintf(stderr, "floor: checkpoint: %s\n", sqlite3_errmsg(db));
        stat_checkpoints++;
        stat_restarts += mode == SQLITE_CHECKPOINT_RESTART;
    }
    sqlite3_close(db);
    return NULL;
}

/* ISO 8601 with the local offset, e.g. 2026-11-29T10:31:02+08:00 */
static void now_iso(char *buf, size_t n) {
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char z[8];
    strftime(z, sizeof z, "%z", &tm);
    size_t len = strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + len, n - len, "%c%c%c:%c%c", z[0], z[1], z[2], z[3], z[4]);
}

static void *writer(void *arg) {
    sqlite3 *db = arg;
    sqlite3_stmt *ins, *get, *begin, *commit, *rollback;
    if (sqlite3_prepare_v2(db, "INSERT INTO tickets(req_id, text, created_at) VALUES(?,?,?)", -1, &ins, NULL) ||
        sqlite3_prepare_v2(db, "SELECT 1 FROM tickets WHERE n=?", -1, &get, NULL) ||
        sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) ||
        sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) ||
        sqlite3_prepare_v2(db, "ROLLBACK", -1, &rollback, NULL))
        die("prepare: %s", sqlite3_errmsg(db));
    char created[40];
    for (;;) {
        pthread_mutex_lock(&in_mu);
        while (!inq.head && !writer_stop) pthread_cond_wait(&in_cv, &in_mu);
        struct queue batch = inq;
        inq.head = inq.tail = NULL;
        int stop = writer_stop;
        pthread_mutex_unlock(&in_mu);
        if (!batch.head) {
            if (stop) break;
            continue;
        }

        int needs_db = 0;
        for (struct req *r = batch.head; r; r = r->next) needs_db |= r->kind != K_STATIC;
        if (needs_db) {
            now_iso(created, sizeof created);
            int ok = sqlite3_step(begin) == SQLITE_DONE;
            sqlite3_reset(begin);
            unsigned long long rows = 0;
            for (struct req *r = batch.head; ok && r; r = r->next) {
                if (r->kind == K_CHAT) {
                    sqlite3_bind_text(ins, 1, r->id, (int)r->idlen, SQLITE_STATIC);
                    sqlite3_bind_text(ins, 2, r->text, (int)r->textlen, SQLITE_STATIC);
                    sqlite3_bind_text(ins, 3, created, -1, SQLITE_STATIC);
                    ok = sqlite3_step(ins) == SQLITE_DONE;
                    sqlite3_reset(ins);
                    r->ticket = sqlite3_last_insert_rowid(db);
                    rows++;
                } else if (r->kind == K_GET) {
                    sqlite3_bind_int64(get, 1, r->ticket);
                    int rc = sqlite3_step(get);
                    r->found = rc == SQLITE_ROW;
                    ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
                    sqlite3_reset(get);
                }
            }
            if (ok) {
                ok = sqlite3_step(commit) == SQLITE_DONE;
                sqlite3_reset(commit);
            }
            if (!ok) {
                fprintf(stderr, "floor: transaction failed: %s\n", sqlite3_errmsg(db));
                if (!sqlite3_get_autocommit(db)) {
                    sqlite3_step(rollback);
                    sqlite3_reset(rollback);
                }
                for (struct req *r = batch.head; r; r = r->next) r->failed = r->kind != K_STATIC;
            } else {
                stat_batches++;
                stat_rows += rows;
                if (rows > stat_max_batch) stat_max_batch = rows;
            }
        }

        pthread_mutex_lock(&out_mu);
        if (outq.tail) outq.tail->next = batch.head;
        else outq.head = batch.head;
        outq.tail = batch.tail;
        pthread_mutex_unlock(&out_mu);
        uint64_t one = 1;
        while (write(done_fd, &one, sizeof one) < 0 && errno == EINTR) {}
    }
    sqlite3_finalize(ins);
    sqlite3_finalize(get);
    sqlite3_finalize(begin);
    sqlite3_finalize(commit);
    sqlite3_finalize(rollback);
    return NULL;
}

/* ------------------------------------------------------------- connections */

struct conn {
    struct conn *prev, *next; /* all connections, for shutdown */
    struct conn *dirty_next;  /* has answers to flush */
    int dirty;
    int dead; /* closed and nothing pending: freed at the end of this loop turn */
    int fd;        /* -1 once closed */
    int eof;       /* the client shut its side: answer what was read, then close */
    int stopped;   /* too_large sent or shutting down: read no more */
    uint32_t mask; /* current epoll interest */
    unsigned pending;
    char *rbuf;
    size_t rlen, rcap, rscan; /* rscan: bytes of rbuf already searched for '\n' */
    char *wbuf;
    size_t wlen, woff, wcap;
};

static int ep;
static struct conn *conns;
static unsigned long long total_pending;
static int shutting_down;

static struct conn *graveyard;

static void conn_free(struct conn *c) {
    free(c->rbuf);
    free(c->wbuf);
    free(c);
}

/* A closed connection with nothing pending leaves the list now and memory later:
 * events of the current epoll batch may still point at it. */
static void conn_bury(struct conn *c) {
    if (c->dead) return;
    c->dead = 1;
    if (c->prev) c->prev->next = c->next;
    else conns = c->next;
    if (c->next) c->next->prev = c->prev;
    c->next = graveyard;
    graveyard = c;
}

/* Closes the socket now; the struct lives until its pending answers come back. */
static void conn_close(struct conn *c) {
    if (c->fd >= 0) {
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
        c->fd = -1;
    }
    if (c->pending == 0) conn_bury(c);
}

static void conn_set_mask(struct conn *c, uint32_t mask) {
    if (c->fd < 0 || c->mask == mask) return;
    struct epoll_event ev = {.events = mask, .data.ptr = c};
    if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl: %s", strerror(errno));
    c->mask = mask;
}

static void append(struct conn *c, const char *s, size_t n) {
    if (c->wlen + n > c->wcap) {
        if (c->woff > 0) { /* compact first */
            memmove(c->wbuf, c->wbuf + c->woff, c->wlen - c->woff);
            c->wlen -= c->woff;
            c->woff = 0;
        }
        if (c->wlen + n > c->wcap) {
            size_t cap = c->wcap ? c->wcap : 4096;
            while (cap < c->wlen + n) cap *= 2;
            c->wbuf = xrealloc(c->wbuf, cap);
            c->wcap = cap;
        }
    }
    memcpy(c->wbuf + c->wlen, s, n);
    c->wlen += n;
}

/* Requests read in this loop turn; handed to the writer together at its end. */
static struct queue staged;

static void enqueue(struct req *r) {
    r->c->pending++;
    total_pending++;
    q_push(&staged, r);
}

static void hand_to_writer(void) {
    if (!staged.head) return;
    pthread_mutex_lock(&in_mu);
    if (inq.tail) inq.tail->next = staged.head;
    else inq.head = staged.head;
    inq.tail = staged.tail;
    pthread_cond_signal(&in_cv);
    pthread_mutex_unlock(&in_mu);
    staged.head = staged.tail = NULL;
}

static struct req *new_req(struct conn *c, enum kind k, const char *id, size_t idlen, size_t textcap) {
    struct req *r = xmalloc(sizeof *r + idlen + textcap + 2);
    memset(r, 0, sizeof *r);
    r->c = c;
    r->kind = k;
    r->id = r->data;
    memcpy(r->id, id, idlen);
    r->id[idlen] = 0;
    r->idlen = idlen;
    r->text = r->data + idlen + 1;
    r->text[0] = 0;
    return r;
}

static void enqueue_static(struct conn *c, const char *id, size_t idlen, const char *tail) {
    struct req *r = new_req(c, K_STATIC, id, idlen, 0);
    r->tail = tail;
    enqueue(r);
}

#define ERR(code, msg) ",\"ok\":false,\"error\":{\"code\":\"" code "\",\"message\":\"" msg "\"}}\n"

/* One complete line, without its '\n'. */
static void handle_line(struct conn *c, const char *p, const char *end) {
    const char *s = js_ws(p, end);
    if (s == end) return; /* blank lines are ignored */
    js_obj o;
    const char *ks, *vs, *ve;
    size_t kl;
    const char *id = "null", *op = NULL, *text = NULL, *ticket = NULL;
    const char *op_end = NULL, *text_end = NULL, *ticket_end = NULL;
    size_t idlen = 4;
    int rc = -1;
    if (js_obj_open(&o, s, end) == 0) {
        while ((rc = js_obj_next(&o, &ks, &kl, &vs, &ve)) == 1) {
            if (js_key_is(ks, kl, "id")) id = vs, idlen = (size_t)(ve - vs);
            else if (js_key_is(ks, kl, "op")) op = vs, op_end = ve;
            else if (js_key_is(ks, kl, "text")) text = vs, text_end = ve;
            else if (js_key_is(ks, kl, "ticket")) ticket = vs, ticket_end = ve;
        }
        if (rc == 0 && js_ws(o.p, end) != end) rc = -1;
    }
    if (rc != 0) {
        enqueue_static(c, "null", 4, ERR("bad_json", "the line is not a JSON object"));
        return;
    }
    if (!op || *op != '"') {
        enqueue_static(c, id, idlen, ERR("unknown_op", "op is missing"));
        return;
    }
    size_t oplen = (size_t)(op_end - op);
    if (oplen == 6 && memcmp(op, "\"chat\"", 6) == 0) {
        if (!text || *text != '"' || text_end - text <= 2) {
            enqueue_static(c, id, idlen, ERR("missing_field", "chat needs a non-empty \\\"text\\\" string"));
            return;
        }
        struct req *r = new_req(c, K_CHAT, id, idlen, (size_t)(text_end - text));
        long n = js_decode_string(text, text_end, r->text);
        if (n < 0) {
            free(r);
            enqueue_static(c, id, idlen, ERR("bad_json", "text is not a JSON string"));
            return;
        }
        r->textlen = (size_t)n;
        enqueue(r);
    } else if (oplen == 12 && memcmp(op, "\"ticket.get\"", 12) == 0) {
        long long n = 0;
        const char *t = ticket;
        if (t && ticket_end - t > 4 && t[0] == '"' && t[1] == 'R' && t[2] == '-') {
            for (t += 3; t < ticket_end - 1 && *t >= '0' && *t <= '9' && n < (1LL << 50); t++) n = n * 10 + (*t - '0');
        }
        if (!ticket || t != ticket_end - 1 || n == 0) {
            enqueue_static(c, id, idlen, ERR("not_found", "no such ticket"));
            return;
        }
        struct req *r = new_req(c, K_GET, id, idlen, 0);
        r->ticket = n;
        enqueue(r);
    } else if (oplen == 6 && memcmp(op, "\"ping\"", 6) == 0) {
        enqueue_static(c, id, idlen, ",\"ok\":true,\"version\":\"floor\",\"protocol\":1}\n");
    } else {
        enqueue_static(c, id, idlen, ERR("unknown_op", "the floor answers chat, ticket.get and ping"));
    }
}

/* Hands complete lines to the writer while the connection may have more in flight. */
static void process_lines(struct conn *c) {
    size_t start = 0;
    while (c->pending < MAX_PENDING && !c->stopped) {
        char *nl = memchr(c->rbuf + c->rscan, '\n', c->rlen - c->rscan);
        if (!nl) {
            c->rscan = c->rlen;
            break;
        }
        size_t len = (size_t)(nl - (c->rbuf + start));
        if (len > MAX_LINE) {
            enqueue_static(c, "null", 4, ERR("too_large", "a request line may be at most 64 KiB"));
            c->stopped = 1;
            break;
        }
        handle_line(c, c->rbuf + start, nl);
        start = (size_t)(nl - c->rbuf) + 1;
        c->rscan = start;
    }
    /* rscan == rlen: everything after start was searched and holds no '\n' (lines waiting behind
     * the pending cap are not one long line) */
    if (!c->stopped && c->rscan == c->rlen && c->rlen - start > MAX_LINE) {
        enqueue_static(c, "null", 4, ERR("too_large", "a request line may be at most 64 KiB"));
        c->stopped = 1;
    }
    if (c->stopped) {
        c->rlen = c->rscan = 0;
        return;
    }
    if (start > 0) {
        memmove(c->rbuf, c->rbuf + start, c->rlen - start);
        c->rlen -= start;
        c->rscan -= start;
    }
}

static void update_interest(struct conn *c) {
    if (c->fd < 0) return;
    size_t unsent = c->wlen - c->woff;
    if (unsent == 0 && c->pending == 0 && (c->eof || c->stopped)) {
        int has_line = c->eof && !c->stopped && memchr(c->rbuf, '\n', c->rlen);
        if (!has_line) {
            conn_close(c);
            return;
        }
    }
    uint32_t mask = 0;
    if (!c->eof && !c->stopped && !shutting_down && c->pending < MAX_PENDING && unsent < MAX_UNSENT)
        mask |= EPOLLIN;
    if (unsent) mask |= EPOLLOUT;
    conn_set_mask(c, mask);
}

static void flush(struct conn *c) {
    while (c->fd >= 0 && c->woff < c->wlen) {
        ssize_t n = send(c->fd, c->wbuf + c->woff, c->wlen - c->woff, MSG_NOSIGNAL);
        if (n > 0) {
            c->woff += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else { /* EPIPE, ECONNRESET: the client is gone */
            c->woff = c->wlen = 0;
            conn_close(c);
            return;
        }
    }
    if (c->woff == c->wlen) c->woff = c->wlen = 0;
}

static void on_readable(struct conn *c) {
    if (c->rcap - c->rlen < READ_CHUNK / 4) {
        size_t cap = c->rcap ? c->rcap * 2 : READ_CHUNK;
        while (cap - c->rlen < READ_CHUNK / 4) cap *= 2;
        c->rbuf = xrealloc(c->rbuf, cap);
        c->rcap = cap;
    }
    ssize_t n;
    do n = recv(c->fd, c->rbuf + c->rlen, c->rcap - c->rlen, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        conn_close(c); /* ECONNRESET and friends */
        return;
    }
    if (n == 0) c->eof = 1;
    c->rlen += (size_t)n;
    process_lines(c);
    if (c->rcap > 4 * READ_CHUNK && c->rlen < READ_CHUNK / 2) { /* give back a buffer a long line grew */
        c->rcap = READ_CHUNK;
        c->rbuf = xrealloc(c->rbuf, c->rcap);
    }
}

static struct conn *dirty_head;

static void deliver_answers(void) {
    uint64_t v;
    while (read(done_fd, &v, sizeof v) < 0 && errno == EINTR) {}
    pthread_mutex_lock(&out_mu);
    struct req *r = outq.head;
    outq.head = outq.tail = NULL;
    pthread_mutex_unlock(&out_mu);

    char buf[160];
    while (r) {
        struct req *next = r->next;
        struct conn *c = r->c;
        c->pending--;
        total_pending--;
        if (c->fd >= 0) {
            append(c, "{\"id\":", 6);
            append(c, r->id, r->idlen);
            const char *tail = r->tail;
            if (r->failed) tail = ERR("internal", "the database transaction failed");
            else if (r->kind == K_CHAT) {
                snprintf(buf, sizeof buf, ",\"ok\":true,\"ticket\":{\"id\":\"R-%lld\"}}\n", r->ticket);
                tail = buf;
            } else if (r->kind == K_GET) {
                if (r->found) snprintf(buf, sizeof buf, ",\"ok\":true,\"ticket\":{\"id\":\"R-%lld\"}}\n", r->ticket);
                else snprintf(buf, sizeof buf, "%s", ERR("not_found", "no such ticket"));
                tail = buf;
            }
            append(c, tail, strlen(tail));
        }
        if (!c->dirty) {
            c->dirty = 1;
            c->dirty_next = dirty_head;
            dirty_head = c;
        }
        free(r);
        r = next;
    }
    while (dirty_head) {
        struct conn *c = dirty_head;
        dirty_head = c->dirty_next;
        c->dirty = 0;
        if (c->fd < 0) {
            if (c->pending == 0) conn_bury(c);
            continue;
        }
        flush(c);
        if (c->fd < 0) continue; /* the client went away */
        if (c->pending < MAX_PENDING && c->rlen && !c->stopped) process_lines(c);
        update_interest(c);
    }
}

/* ------------------------------------------------------------------ socket */

static int listen_on(const char *path) {
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) die("socket path too long (max %zu bytes): %s", sizeof a.sun_path - 1, path);
    strcpy(a.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) die("socket: %s", strerror(errno));
    if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        if (errno != EADDRINUSE) die("bind %s: %s", path, strerror(errno));
        int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (probe >= 0 && connect(probe, (struct sockaddr *)&a, sizeof a) == 0)
            die("a server is already listening on %s", path);
        if (probe >= 0) close(probe);
        unlink(path); /* stale */
        if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) die("bind %s: %s", path, strerror(errno));
    }
    chmod(path, 0660);
    if (listen(fd, SOMAXCONN) < 0) die("listen: %s", strerror(errno));
    return fd;
}

static void accept_all(int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno != EAGAIN && errno != EWOULDBLOCK) fprintf(stderr, "floor: accept: %s\n", strerror(errno));
            return;
        }
        struct conn *c = xmalloc(sizeof *c);
        memset(c, 0, sizeof *c);
        c->fd = fd;
        c->mask = EPOLLIN;
        c->next = conns;
        if (conns) conns->prev = c;
        conns = c;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl: %s", strerror(errno));
    }
}

int main(int argc, char **argv) {
    int autockpt = 0;
    const char *sock_path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--autocheckpoint")) autockpt = 1;
        else if (!sock_path) sock_path = argv[i];
        else if (!db_path) db_path = argv[i];
        else sock_path = NULL, i = argc;
    }
    if (!sock_path || !db_path) {
        fprintf(stderr, "usage: floor SOCKET_PATH DB_PATH [--autocheckpoint]\n");
        return 2;
    }

    sqlite3 *db;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
        SQLITE_OK)
        die("cannot open %s", db_path);
    sqlite3_busy_timeout(db, 10000);
    exec_sql(db, "PRAGMA journal_mode=WAL");
    exec_sql(db, "PRAGMA synchronous=FULL");
    exec_sql(db, "CREATE TABLE IF NOT EXISTS tickets(n INTEGER PRIMARY KEY, req_id TEXT, text TEXT NOT NULL, "
                 "created_at TEXT NOT NULL)");
    if (!autockpt) {
        exec_sql(db, "PRAGMA wal_autocheckpoint=0");
        sqlite3_wal_hook(db, wal_hook, NULL);
    }

    /* SIGINT/SIGTERM arrive on a signalfd; block them before threads inherit the mask */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    int sfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
    done_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (sfd < 0 || done_fd < 0) die("signalfd/eventfd: %s", strerror(errno));

    pthread_t wt, ct;
    if (pthread_create(&wt, NULL, writer, db)) die("pthread_create");
    if (!autockpt && pthread_create(&ct, NULL, checkpointer, NULL)) die("pthread_create");

    int lfd = listen_on(sock_path);
    ep = epoll_create1(EPOLL_CLOEXEC);
    static int tag_listen, tag_done, tag_signal;
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &tag_listen};
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev);
    ev.data.ptr = &tag_done;
    epoll_ctl(ep, EPOLL_CTL_ADD, done_fd, &ev);
    ev.data.ptr = &tag_signal;
    epoll_ctl(ep, EPOLL_CTL_ADD, sfd, &ev);

    struct epoll_event evs[256];
    struct timespec deadline = {0};
    for (;;) {
        if (shutting_down) {
            struct timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int unsent = 0;
            for (struct conn *c = conns; c; c = c->next) unsent |= c->fd >= 0 && c->wlen > c->woff;
            if ((total_pending == 0 && !unsent) || now.tv_sec > deadline.tv_sec) break;
        }
        int n = epoll_wait(ep, evs, 256, shutting_down ? 100 : -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait: %s", strerror(errno));
        }
        for (int i = 0; i < n; i++) {
            void *p = evs[i].data.ptr;
            if (p == &tag_listen) {
                accept_all(lfd);
            } else if (p == &tag_done) {
                deliver_answers();
            } else if (p == &tag_signal) {
                struct signalfd_siginfo si;
                while (read(sfd, &si, sizeof si) > 0) {}
                if (!shutting_down) {
                    shutting_down = 1;
                    clock_gettime(CLOCK_MONOTONIC, &deadline);
                    deadline.tv_sec += 5;
                    epoll_ctl(ep, EPOLL_CTL_DEL, lfd, NULL);
                    close(lfd);
                    unlink(sock_path);
                    for (struct conn *c = conns; c; c = c->next) update_interest(c);
                }
            } else {
                struct conn *c = p;
                if (c->fd < 0) continue; /* closed earlier in this batch; freed below */
                if (evs[i].events & (EPOLLHUP | EPOLLERR)) {
                    /* the client closed both ways: nobody is left to answer */
                    conn_close(c);
                    continue;
                }
                if (evs[i].events & EPOLLOUT) flush(c);
                if (c->fd >= 0 && (evs[i].events & EPOLLIN)) on_readable(c);
                if (c->fd >= 0) update_interest(c);
            }
        }
        hand_to_writer();
        while (graveyard) {
            struct conn *c = graveyard;
            graveyard = c->next;
            conn_free(c);
        }
    }

    pthread_mutex_lock(&in_mu);
    writer_stop = 1;
    pthread_cond_signal(&in_cv);
    pthread_mutex_unlock(&in_mu);
    pthread_join(wt, NULL);
    if (!autockpt) {
        pthread_mutex_lock(&ck_mu);
        ck_stop = 1;
        pthread_cond_signal(&ck_cv);
        pthread_mutex_unlock(&ck_mu);
        pthread_join(ct, NULL);
    }
    /* answers of a transaction that finished after the deadline are dropped with their connections */
    pthread_mutex_lock(&out_mu);
    for (struct req *r = outq.head, *next; r; r = next) next = r->next, free(r);
    outq.head = outq.tail = NULL;
    pthread_mutex_unlock(&out_mu);
    while (conns) {
        struct conn *c = conns;
        conns = c->next;
        if (c->fd >= 0) close(c->fd);
        conn_free(c);
    }
    while (graveyard) {
        struct conn *c = graveyard;
        graveyard = c->next;
        conn_free(c);
    }
    if (!shutting_down) unlink(sock_path);
    sqlite3_close(db);
    close(ep);
    close(sfd);
    close(done_fd);
    fprintf(stderr,
            "floor: %llu rows in %llu transactions (mean batch %.1f, max %llu), %llu checkpoints (%llu restart)\n",
            stat_rows, stat_batches, stat_batches ? (double)stat_rows / (double)stat_batches : 0.0, stat_max_batch,
            stat_checkpoints, stat_restarts);
    return 0;
}
