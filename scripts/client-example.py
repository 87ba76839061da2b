#!/usr/bin/env python3
"""A small client for `wuye serve`, standard library only: an example of PROTOCOL.md.

One turn from the command line, the reply printed:

    scripts/client-example.py --session kiosk-1 "3栋2单元501厨房漏水了"
    scripts/client-example.py --session kiosk-1 --room 3-2-501 --phone 13812345678 "厨房漏水了"
    scripts/client-example.py --json --session kiosk-1 "厨房漏水了"     # the raw response line

With no text, an interactive loop on one session: each line is a turn; `/reset` forgets the
conversation (session.reset), `/json` toggles raw responses, an empty line or Ctrl-D ends.

The socket is --socket PATH, else $WUYE_SOCKET, else the server's default:
$XDG_RUNTIME_DIR/wuye.sock, else /tmp/wuye-$UID/wuye.sock.

The protocol in brief: a Unix stream socket, one JSON object per line each way. Every
request carries an "id" that its response echoes; responses come back in request order.
Lines without an "id" are events (after a `subscribe`), which this client prints as they
come. A response has "ok": true and the op's fields ("reply", "intent", "awaiting",
"ticket", …), or "ok": false and "error": {"code", "message"}.
"""

import argparse
import json
import os
import socket
import sys


def default_socket_path():
    """The path `wuye serve` listens on when not given --socket (PROTOCOL.md)."""
    if os.environ.get("WUYE_SOCKET"):
        return os.environ["WUYE_SOCKET"]
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "wuye.sock")
    return "/tmp/wuye-%d/wuye.sock" % os.getuid()


class WuyeClient:
    """One connection; `request` sends one op and returns its response as a dict."""

    def __init__(self, path, on_event=None):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.reader = self.sock.makefile("rb")
        self.next_id = 1
        self.on_event = on_event
        self.last_line = b""

    def request(self, op, **fields):
        request_id = self.next_id
        self.next_id += 1
        line = json.dumps(dict(id=request_id, op=op, **fields), ensure_ascii=False)
        self.sock.sendall(line.encode("utf-8") + b"\n")
        while True:
            raw = self.reader.readline()
            if not raw:
                raise ConnectionError("the server closed the connection")
            if not raw.strip():
                continue
            message = json.loads(raw)
            if "id" not in message and "event" in message:
                if self.on_event:
                    self.on_event(message)
                continue
            self.last_line = raw.rstrip(b"\n")
            if message.get("id") != request_id:
                raise RuntimeError("response out of order: %r" % message.get("id"))
            return message

    def close(self):
        self.reader.close()
        self.sock.close()


def describe(response):
    """The human reading of a response: the reply, the ticket, what the bot waits for."""
    if not response.get("ok"):
        error = response.get("error") or {}
        return "error %s: %s" % (error.get("code"), error.get("message"))
    lines = [response.get("reply") or "(no reply text)"]
    ticket = response.get("ticket")
    for one in ([ticket] if ticket else []) + (response.get("tickets") or []):
        details = [str(one[key]) for key in ("status", "category", "room") if one.get(key)]
        lines.append("  ticket %s%s" % (one.get("id"), ": " + ", ".join(details) if details else ""))
    if response.get("awaiting"):
        lines.append("  (waiting for: %s)" % response["awaiting"])
    return "\n".join(lines)


def chat_fields(args, text):
    fields = {"session": args.session, "text": text}
    if args.lang:
        fields["lang"] = args.lang
    if args.room or args.phone:
        owner = {}
        if args.room:
            owner["room"] = args.room
        if args.phone:
            owner["phone"] = args.phone
        fields["owner"] = owner
    return fields


def interactive(client, args):
    raw = args.json
    print("session %s; /reset forgets the conversation, /json toggles raw responses, empty line ends" % args.session)
    while True:
        try:
            text = input("> ")
        except EOFError:
            print()
            return 0
        if not text.strip():
            return 0
        if text.strip() == "/json":
            raw = not raw
            continue
        if text.strip() == "/reset":
            response = client.request("session.reset", session=args.session)
        else:
            response = client.request("chat", **chat_fields(args, text))
        print(client.last_line.decode("utf-8") if raw else describe(response))


def main():
    parser = argparse.ArgumentParser(
        description="Send chat turns to a running wuye serve.",
        epilog="With no TEXT: an interactive loop on one session.",
    )
    parser.add_argument("text", nargs="*", help="the owner's message (words are joined with spaces)")
    parser.add_argument("--socket", default=default_socket_path(), help="the server's socket (default: %(default)s)")
    parser.add_argument("--session", default="example-%d" % os.getpid(), help="the conversation (default: %(default)s)")
    parser.add_argument("--room", help="the owner's room when the caller knows it, e.g. 3-2-501")
    parser.add_argument("--phone", help="the owner's phone, with --room")
    parser.add_argument("--lang", choices=["zh", "en"], help="the reply language")
    parser.add_argument("--json", action="store_true", help="print the raw response line")
    args = parser.parse_args()

    def on_event(event):
        print("event: " + json.dumps(event, ensure_ascii=False))

    try:
        client = WuyeClient(args.socket, on_event=on_event)
    except OSError as error:
        print("cannot connect to %s: %s (is wuye serve running?)" % (args.socket, error.strerror), file=sys.stderr)
        return 2
    try:
        if not args.text:
            return interactive(client, args)
        response = client.request("chat", **chat_fields(args, " ".join(args.text)))
        print(client.last_line.decode("utf-8") if args.json else describe(response))
        return 0 if response.get("ok") else 1
    except (ConnectionError, ValueError, RuntimeError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 2
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
