#!/usr/bin/env python3
"""A small client of PROTOCOL.md for scripts/faults: one line of result for each request.

  faults-client.py SOCKET req JSON...          each request on one connection; per answer one line:
                                               `ok <ms> ms [ticket=ID]` or `error <code> <ms> ms: <message>`
  faults-client.py SOCKET chats N START IDS    N sequential complete reports (rooms from START on, each its
                                               own session); appends acknowledged ticket ids to IDS; prints
                                               how many were answered ok, and the first error answer
  faults-client.py SOCKET chats-until-error N START IDS
                                               the same, stopping at the first error answer
  faults-client.py SOCKET report K             the K-th report alone; one line as for `req`
  faults-client.py SOCKET wait SECONDS [PID]   waits until `ping` answers; exit status 1 when it never did
                                               (or process PID ended first)

Exit status 3 when the server closed the connection or could not be reached.
"""

import json
import socket
import sys
import time


def connect(path, timeout=60.0):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(path)
    return s, s.makefile("rwb")


def roundtrip(f, request):
    """Sends one request; returns (answer object, milliseconds), or (None, ms) when the connection closed."""
    t0 = time.monotonic()
    f.write(json.dumps(request, ensure_ascii=False).encode() + b"\n")
    f.flush()
    while True:
        line = f.readline()
        if not line:
            return None, (time.monotonic() - t0) * 1000
        if not line.strip():
            continue
        answer = json.loads(line)
        if "event" in answer and "id" not in answer:
            continue
        return answer, (time.monotonic() - t0) * 1000


def describe(answer, ms):
    if answer is None:
        return f"closed {ms:.0f} ms: the server closed the connection"
    if answer.get("ok") is True:
        ticket = answer.get("ticket") or {}
        return f"ok {ms:.0f} ms" + (f" ticket={ticket['id']}" if ticket.get("id") else "")
    error = answer.get("error") or {}
    return f"error {error.get('code')} {ms:.0f} ms: {error.get('message')}"


def server_running(pid):
    """Whether process `pid` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def report(k):
    """The k-th complete report of a fault script: a room on floors 70-99 (load.c uses 1-60), its own session."""
    building, unit, flat = 1 + k % 99, 1 + (k // 99) % 9, 7001 + (k // 891) % 2900
    return {
        "op": "chat",
        "session": f"faults-{k}",
        "text": "厨房水管漏水了",
        "owner": {"room": f"{building}-{unit}-{flat}", "phone": f"139{k % 100000000:08d}"},
    }


def main():
    path, mode = sys.argv[1], sys.argv[2]
    try:
        if mode == "wait":
            deadline = time.monotonic() + float(sys.argv[3])
            pid = sys.argv[4] if len(sys.argv) > 4 else None
            while time.monotonic() < deadline:
                if pid and not server_running(pid):
                    return 1
                try:
                    s, f = connect(path, timeout=5)
                    answer, _ = roundtrip(f, {"id": 0, "op": "ping"})
                    s.close()
                    if answer and answer.get("ok"):
                        return 0
                except OSError:
                    pass
                time.sleep(0.05)
            return 1
        s, f = connect(path)
        if mode == "req":
            for n, text in enumerate(sys.argv[3:], 1):
                request = json.loads(text)
                request.setdefault("id", n)
                answer, ms = roundtrip(f, request)
                print(describe(answer, ms), flush=True)
                if answer is None:
                    return 3
            return 0
        if mode == "report":
            request = report(int(sys.argv[3]))
            request["id"] = 1
            answer, ms = roundtrip(f, request)
            print(describe(answer, ms), flush=True)
            return 3 if answer is None else 0
        if mode in ("chats", "chats-until-error"):
            count, start, ids = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
            ok, first_error, failed = 0, None, 0
            with open(ids, "a") as out:
                for k in range(start, start + count):
                    request = report(k)
                    request["id"] = k
                    answer, ms = roundtrip(f, request)
                    if answer is None:
                        print(f"{ok} ok, {failed} errors; then the server closed the connection")
                        return 3
                    if answer.get("ok") is True:
                        ok += 1
                        ticket = answer.get("ticket") or {}
                        if ticket.get("id"):
                            out.write(ticket["id"] + "\n")
                            out.flush()
                        continue
                    failed += 1
                    first_error = first_error or describe(answer, ms)
                    if mode == "chats-until-error":
                        break
            print(f"{ok} ok, {failed} errors" + (f"; first: {first_error}" if first_error else ""))
            return 0
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"closed: {e}")
        return 3


if __name__ == "__main__":
    sys.exit(main())
