/* first-chat: milliseconds from exec of a server to its first answered chat.
 *
 *   first-chat --socket PATH [--timeout-ms MS] [--server-log FILE] -- SERVER_COMMAND [ARG…]
 *
 * Forks and execs the server command, polls connecting to PATH every 100 µs, sends
 * one complete report from a known owner as soon as a connection is accepted, and
 * prints the time from just before exec to the connection and to the answer line.
 * Then it sends SIGTERM and reports how the server exited (a graceful shutdown
 * exits 0), sending SIGKILL after 5 s. The socket path should not exist yet: a
 * stale file from an earlier run would be connected to too early. The last line is
 * `summary key=value …`. The server's stdout and stderr go to --server-log FILE when
 * given. Exit status: 0 answered ok, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "jscan.h"

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

static pid_t child;

static void report_exit(int status) {
    if (WIFEXITED(status)) printf("server exited with status %d\n", WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("server killed by signal %d\n", WTERMSIG(status));
}

/* SIGTERM, then SIGKILL after 5 s; prints how it ended. */
static int stop_child(void) {
    int status = 0;
    if (waitpid(child, &status, WNOHANG) == child) {
        report_exit(status);
        return status;
    }
    kill(child, SIGTERM);
    uint64_t deadline = now_ns() + 5000000000ull;
    for (;;) {
        pid_t r = waitpid(child, &status, WNOHANG);
        if (r == child) break;
        if (r < 0 && errno != EINTR) return -1;
        if (now_ns() > deadline) {
            printf("server still running 5 s after SIGTERM: SIGKILL\n");
            kill(child, SIGKILL);
            waitpid(child, &status, 0);
            break;
        }
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    report_exit(status);
    return status;
}

static void fail(const char *fmt, const char *arg) {
    printf("first-chat: ");
    printf(fmt, arg);
    printf("\n");
    if (child > 0) stop_child();
    printf("summary first_chat_ms=NA connect_ms=NA ok=0\n");
    exit(1);
}

int main(int argc, char **argv) {
    const char *path = NULL, *log = NULL;
    long timeout_ms = 10000;
    int i = 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        }
        if (i + 1 >= argc) break;
        if (!strcmp(argv[i], "--socket")) path = argv[++i];
        else if (!strcmp(argv[i], "--timeout-ms")) timeout_ms = atol(argv[++i]);
        else if (!strcmp(argv[i], "--server-log")) log = argv[++i];
        else break;
    }
    if (!path || i >= argc || timeout_ms <= 0) {
        fprintf(stderr, "usage: first-chat --socket PATH [--timeout-ms MS] [--server-log FILE] -- SERVER_COMMAND "
                        "[ARG...]\n");
        return 2;
    }
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof a.sun_path) {
        fprintf(stderr, "first-chat: socket path too long: %s\n", path);
        return 2;
    }
    strcpy(a.sun_path, path);
    if (access(path, F_OK) == 0) fprintf(stderr, "first-chat: warning: %s exists already\n", path);
    signal(SIGPIPE, SIG_IGN);

    int logfd = -1;
    if (log && (logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
        fprintf(stderr, "first-chat: %s: %s\n", log, strerror(errno));
        return 2;
    }
    fflush(stdout);
    uint64_t t0 = now_ns();
    child = fork();
    if (child < 0) {
        perror("first-chat: fork");
        return 2;
    }
    if (child == 0) {
        if (logfd >= 0) dup2(logfd, 1), dup2(logfd, 2);
        execvp(argv[i], argv + i);
        fprintf(stderr, "first-chat: cannot run %s: %s\n", argv[i], strerror(errno));
        _exit(127);
    }

    if (logfd >= 0) close(logfd);
    uint64_t deadline = t0 + (uint64_t)timeout_ms * 1000000ull;
    int fd = -1;
    for (;;) {
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) fail("socket: %s", strerror(errno));
        if (connect(fd, (struct sockaddr *)&a, sizeof a) == 0) break;
        int e = errno;
        close(fd);
        fd = -1;
        if (e != ENOENT && e != ECONNREFUSED && e != EAGAIN && e != EINTR) fail("connect: %s", strerror(e));
        int status;
        if (waitpid(child, &status, WNOHANG) == child) {
            report_exit(status);
            child = 0;
            fail("the server ended before it accepted a connection%s", "");
        }
        if (now_ns() > deadline) fail("no connection within the timeout%s", "");
        struct timespec ts = {0, 100000};
        nanosleep(&ts, NULL);
    }
    uint64_t t_conn = now_ns();

    char req[512];
    int n = snprintf(req, sizeof req,
                     "{\"id\":1,\"op\":\"chat\",\"session\":\"first-chat-%d\",\"text\":\"厨房水管漏水了\","
                     "\"owner\":{\"room\":\"1-1-101\",\"phone\":\"13800000001\"}}\n",
                     (int)getpid());
    for (int off = 0; off < n;) {
        ssize_t w = send(fd, req + off, (size_t)(n - off), MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) fail("send: %s", strerror(errno));
        off += (int)w;
    }

    char *buf = NULL;
    size_t len = 0, cap = 0;
    char *nl = NULL;
    while (!nl) {
        if (cap - len < 4096) {
            cap = cap * 2 + 4096;
            buf = realloc(buf, cap);
            if (!buf) fail("out of memory%s", "");
        }
        uint64_t now = now_ns();
        if (now > deadline) fail("no answer within the timeout%s", "");
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int pr = poll(&p, 1, (int)((deadline - now) / 1000000ull) + 1);
        if (pr < 0 && errno == EINTR) continue;
        if (pr <= 0) continue;
        ssize_t r = recv(fd, buf + len, cap - len - 1, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) fail("the server closed the connection without answering%s", "");
        len += (size_t)r;
        buf[len] = 0;
        nl = memchr(buf, '\n', len);
    }
    uint64_t t_ans = now_ns();
    close(fd);
    *nl = 0;
    int ok = 0; /* the top-level "ok" is true */
    js_obj o;
    const char *ks, *vs, *ve;
    size_t kl;
    if (js_obj_open(&o, buf, nl) == 0)
        while (js_obj_next(&o, &ks, &kl, &vs, &ve) == 1)
            if (js_key_is(ks, kl, "ok")) ok = ve - vs == 4 && memcmp(vs, "true", 4) == 0;
    double conn_ms = (double)(t_conn - t0) / 1e6, ans_ms = (double)(t_ans - t0) / 1e6;
    printf("connected after %.1f ms, first chat answered after %.1f ms (exec to answer)\n", conn_ms, ans_ms);
    printf("answer: %.300s%s\n", buf, strlen(buf) > 300 ? "…" : "");
    free(buf);
    int st = stop_child();
    printf("summary first_chat_ms=%.1f connect_ms=%.1f ok=%d exit=%d\n", ans_ms, conn_ms, ok,
           st >= 0 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return ok ? 0 : 1;
}
