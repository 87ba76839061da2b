import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The staff token the shared servers know.
let staffToken = "token-for-tests-0123456789"

/// One server for the tests that only talk to it, where the test process is NOT staff (staff uid 4242424) and
/// staff act by token.
let sharedServer: ServerHarness? = try? ServerHarness(
    arguments: ["--staff-uid", "4242424"], tokens: "\(staffToken) 测试客服 supervisor\n")

@Suite("wuye serve speaks PROTOCOL.md", .serialized)
struct ServerTests {
    func server() throws -> ServerHarness { try #require(sharedServer, "the shared server did not start") }

    @Test("ping answers with the version and protocol, echoing any id")
    func ping() throws {
        let c = try server().client()
        let r = try c.call(["id": 7, "op": "ping"])
        #expect(r["ok"] as? Bool == true && r["protocol"] as? Int == 1 && r["id"] as? Int == 7)
        #expect(try c.call(["id": "abc", "op": "ping"])["id"] as? String == "abc")
        #expect((try c.call(["id": ["x": 1], "op": "ping"])["id"] as? [String: Any])?["x"] as? Int == 1)
        c.send(#"{"op":"ping"}"#)
        #expect(try c.readObject()["id"] is NSNull)
    }

    @Test("a chat carrying the owner opens the ticket in one round trip")
    func chatWithOwner() throws {
        let c = try server().client()
        let r = try c.call([
            "id": 1, "op": "chat", "session": "one-trip", "text": "5栋1单元302卫生间水管漏水了",
            "owner": ["room": "5-1-302", "phone": "13812345678"],
        ])
        #expect(r["ok"] as? Bool == true, "\(r)")
        #expect(r["intent"] as? String == "repair")
        let t = try #require(r.ticketObject)
        #expect((t["id"] as? String)?.hasPrefix("R-") == true)
        #expect(t["room"] as? String == "5-1-302" && t["department"] as? String == "engineering")
        #expect(t["text"] as? String == "5栋1单元302卫生间水管漏水了")
        #expect((r["reply"] as? String)?.contains(t["id"] as! String) == true)
        #expect((r["entities"] as? [String: Any])?["category"] as? String == "plumbing")
        #expect(r.keys.contains("awaiting"))
    }

    @Test("a conversation asks for the room, and awaiting says so")
    func conversation() throws {
        let c = try server().client()
        let first = try c.call(["id": 1, "op": "chat", "session": "conv-1", "text": "客厅灯不亮了"])
        #expect(first["awaiting"] as? String == "room" && first["ticket"] is NSNull, "\(first)")
        let second = try c.call(["id": 2, "op": "chat", "session": "conv-1", "text": "6幢1101"])
        #expect(second["awaiting"] as? String == "phone", "\(second)")
        #expect(second["intent"] as? String == "repair")
    }

    @Test(
        "each malformed request gets its error code and the connection stays usable",
        arguments: [
            ("not json at all", "bad_json"),
            ("[1,2,3]", "bad_json"),
            (#"{"id":1}"#, "unknown_op"),
            (#"{"id":1,"op":"dance"}"#, "unknown_op"),
            (#"{"id":1,"op":"chat","text":"hi"}"#, "missing_field"),
            (#"{"id":1,"op":"chat","session":"s","text":5}"#, "bad_field"),
            (#"{"id":1,"op":"chat","session":"s","text":""}"#, "missing_field"),
            (#"{"id":1,"op":"chat","session":"s","text":"hi","lang":"fr"}"#, "bad_field"),
            (#"{"id":1,"op":"chat","session":"s","text":"hi","owner":{"room":"nowhere"}}"#, "bad_field"),
            (#"{"id":1,"op":"ticket.list"}"#, "unauthorized"),
            (#"{"id":1,"op":"report","month":"2026-13"}"#, "unauthorized"),
            (#"{"id":1,"op":"ticket.get","ticket":"R-1001"}"#, "unauthorized"),
        ])
    func errors(_ line: String, _ code: String) throws {
        let c = try server().client()
        c.send(line)
        let r = try c.readObject()
        #expect(r["ok"] as? Bool == false && r.errorCode == code, "\(line) → \(r)")
        #expect(try c.call(["id": 2, "op": "ping"])["ok"] as? Bool == true)
    }

    @Test("a session of 129 characters and a text of 2,001 are refused as bad fields")
    func sizes() throws {
        let c = try server().client()
        let long = try c.call(["op": "chat", "session": String(repeating: "s", count: 129), "text": "hi"])
        #expect(long.errorCode == "bad_field")
        let text = try c.call(["op": "chat", "session": "s", "text": String(repeating: "水", count: 2001)])
        #expect(text.errorCode == "bad_field")
    }

    @Test("staff act by token: list, get, update, report, and the errors only staff can see")
    func staffOps() throws {
        let c = try server().client()
        let opened = try c.call([
            "op": "chat", "session": "staff-ops", "text": "门禁坏了刷不开", "owner": ["room": "2-1-201"],
        ])
        let id = try #require(opened.ticketObject?["id"] as? String, "\(opened)")
        let list = try c.call(["op": "ticket.list", "token": staffToken, "room": "2-1-201"])
        #expect((list["tickets"] as? [[String: Any]])?.contains { $0["id"] as? String == id } == true, "\(list)")
        let got = try c.call(["op": "ticket.get", "token": staffToken, "ticket": id])
        #expect((got.ticketObject?["events"] as? [Any])?.count == 1)
        let assigned = try c.call([
            "op": "ticket.update", "token": staffToken, "ticket": id, "action": "assign", "assignee": "张师傅",
        ])
        #expect(assigned.ticketObject?["status"] as? String == "assigned", "\(assigned)")
        let events = assigned.ticketObject?["events"] as? [[String: Any]]
        #expect(events?.last?["by"] as? String == "测试客服")
        let bad = try c.call(["op": "ticket.update", "token": staffToken, "ticket": id, "action": "close"])
        #expect(bad.errorCode == "invalid_transition")
        let missing = try c.call(["op": "ticket.get", "token": staffToken, "ticket": "R-99999"])
        #expect(missing.errorCode == "not_found")
        let report = try c.call(["op": "report", "token": staffToken, "month": "2026-11"])
        #expect((report["report"] as? [String: Any])?["month"] as? String == "2026-11")
    }

    @Test("an owner-side session reads its own room's ticket and is refused another room's")
    func crossRoom() throws {
        let c = try server().client()
        let mine = try c.call(["op": "chat", "session": "own-a", "text": "阳台水管漏水", "owner": ["room": "8-1-801"]])
        let other = try c.call(["op": "chat", "session": "own-b", "text": "卧室插座没电", "owner": ["room": "8-1-802"]])
        let mineID = try #require(mine.ticketObject?["id"] as? String)
        let otherID = try #require(other.ticketObject?["id"] as? String)
        let ok = try c.call(["op": "ticket.get", "session": "own-a", "ticket": mineID])
        #expect(ok.ticketObject?["id"] as? String == mineID, "\(ok)")
        let refused = try c.call(["op": "ticket.get", "session": "own-a", "ticket": otherID])
        #expect(refused.errorCode == "unauthorized")
        let unknown = try c.call(["op": "ticket.get", "session": "own-a", "ticket": "R-99999"])
        #expect(unknown.errorCode == "unauthorized", "a ticket that does not exist looks the same")
    }

    @Test("pipelined requests are answered in order")
    func pipelining() throws {
        let c = try server().client()
        var batch = ""
        for n in 0..<100 {
            batch +=
                n % 3 == 0
                ? "{\"id\":\(n),\"op\":\"ping\"}\n"
                : "{\"id\":\(n),\"op\":\"chat\",\"session\":\"pipe-\(n)\",\"text\":\"你好\"}\n"
        }
        c.send(Array(batch.utf8))
        for n in 0..<100 { #expect(try c.readObject()["id"] as? Int == n) }
    }

    @Test("more than 256 unanswered requests on a connection get busy in their turn; the connection goes on")
    func pipelineLimit() throws {
        let c = try server().client()
        let other = try server().client()
        var batch = ""
        for n in 0..<3000 {
            batch += "{\"id\":\(n),\"op\":\"chat\",\"session\":\"flood-\(n % 50)\",\"text\":\"你好\"}\n"
        }
        c.send(Array(batch.utf8))
        #expect(try other.call(["id": 1, "op": "ping"])["ok"] as? Bool == true, "other connections are served")
        var busy: [Int] = []
        for n in 0..<3000 {
            let answer = try c.readObject()
            #expect(answer["id"] as? Int == n, "answers come in request order")
            if answer.errorCode == "busy" {
                busy.append(n)
            } else {
                #expect(answer["ok"] as? Bool == true, "\(answer)")
            }
        }
        #expect(!busy.isEmpty, "3,000 requests sent at once cannot all be waiting within the limit")
        #expect(busy.allSatisfy { $0 >= 256 }, "the first 256 are never refused: \(busy.prefix(5))")
        #expect(try c.call(["id": "after", "op": "ping"])["ok"] as? Bool == true, "reading the answers is enough")
    }

    @Test("a subscriber hears about its room's tickets")
    func subscribe() throws {
        let listener = try server().client()
        let sub = try listener.call(["op": "subscribe", "token": staffToken, "room": "9-1-901"])
        #expect(sub["ok"] as? Bool == true, "\(sub)")
        let c = try server().client()
        let opened = try c.call(["op": "chat", "session": "sub-1", "text": "厨房下水道堵了", "owner": ["room": "9-1-901"]])
        let id = try #require(opened.ticketObject?["id"] as? String)
        let event = try listener.readObject()
        #expect(event["event"] as? String == "ticket" && event.ticketObject?["id"] as? String == id, "\(event)")
        #expect(event["id"] == nil)
        let refused = try c.call(["op": "subscribe", "session": "nobody-here"])
        #expect(refused.errorCode == "unauthorized")
    }

    @Test("blank lines are ignored and a line over 64 KiB gets too_large and a closed connection")
    func tooLarge() throws {
        let c = try server().client()
        c.send("")
        c.send("   ")
        #expect(try c.call(["id": 1, "op": "ping"])["id"] as? Int == 1)
        c.send(Array(("{\"op\":\"chat\",\"text\":\"" + String(repeating: "a", count: 70_000) + "\"}\n").utf8))
        let r = try c.readObject()
        #expect(r.errorCode == "too_large")
        #expect(c.readLine() == nil, "the connection is closed after too_large")
    }

    @Test("the server survives 10,000 malformed lines, answering each, and serves afterwards")
    func malformedFlood() throws {
        let c = try server().client()
        let deep = String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)
        let bad: [[UInt8]] = [
            Array("{nope".utf8), [0xFF, 0xFE, 0x7B, 0x7D], Array(#"{"op":"chat","session":7,"text":[]}"#.utf8),
            Array(deep.utf8), Array(#"{"op":"ping","id":1e999}"#.utf8), Array("\"just a string\"".utf8),
        ]
        var expected: [String] = []
        var sent = 0
        while sent < 10_000 {
            var chunk: [UInt8] = []
            for _ in 0..<100 {
                let line = bad[sent % bad.count]
                chunk += line + [0x0A]
                sent += 1
            }
            c.send(chunk)
            for _ in 0..<100 {
                let r = try c.readObject()
                expected.append(r.errorCode ?? "none")
            }
        }
        #expect(expected.count == 10_000)
        #expect(expected.allSatisfy { ["bad_json", "bad_field"].contains($0) }, "\(Set(expected))")
        #expect(try c.call(["id": 1, "op": "ping"])["ok"] as? Bool == true)
    }

    @Test("the socket file gets mode 0660")
    func socketMode() throws {
        var info = stat()
        #expect(stat(try server().socket, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
    }
}

@Suite("wuye serve's socket file and shutdown", .serialized)
struct ServerLifecycleTests {
    @Test("a second server never steals a live socket; a stale one is replaced; SIGTERM removes it and exits 0")
    func lifecycle() throws {
        let first = try ServerHarness(arguments: ["--socket-mode", "0600"])
        var info = stat()
        #expect(stat(first.socket, &info) == 0 && info.st_mode & 0o777 == 0o600)
        // A second server on the same socket exits non-zero with a clear error; the first keeps serving.
        let errors = first.folder.appendingPathComponent("second-stderr").path
        let second = try ChildProcess.spawn(
            try WuyePaths.requireExecutable(),
            ["serve", "--socket", first.socket, "--db", first.database + "2", "--intents", WuyePaths.intents],
            stderr: errors)
        #expect(ChildProcess.wait(second) != 0)
        let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        #expect(message.contains("another wuye serve is listening"), "\(message)")
        #expect(try first.client().call(["id": 1, "op": "ping"])["ok"] as? Bool == true)
        // SIGTERM: exit 0 and the socket file is gone.
        #expect(first.stop() == 0)
        #expect(!FileManager.default.fileExists(atPath: first.socket))
    }

    @Test("a half-filled report survives a restart: the session lives in the database")
    func sessionSurvivesRestart() throws {
        let first = try ServerHarness()
        let asked = try first.client().call(["op": "chat", "session": "restart-1", "text": "卫生间下水道堵了"])
        #expect(asked["awaiting"] as? String == "room", "\(asked)")
        #expect(first.stop() == 0)
        let second = try ServerHarness(database: first.database)
        let answered = try second.client().call(["op": "chat", "session": "restart-1", "text": "3栋2单元501"])
        #expect(answered["awaiting"] as? String == "phone", "\(answered)")
        #expect(answered["intent"] as? String == "repair")
        #expect(second.stop() == 0)
    }

    @Test("with --session-idle, a conversation left idle longer starts afresh")
    func sessionIdle() throws {
        let server = try ServerHarness(arguments: ["--session-idle", "1"])
        let client = try server.client()
        for session in ["kept", "idle"] {
            let asked = try client.call(["op": "chat", "session": session, "text": "厨房水管漏水了"])
            #expect(asked["awaiting"] as? String == "room")
        }
        let kept = try client.call(["op": "chat", "session": "kept", "text": "3栋2单元501"])
        #expect(kept["awaiting"] as? String == "phone")
        Thread.sleep(forTimeInterval: 2)
        let forgotten = try client.call(["op": "chat", "session": "idle", "text": "3栋2单元501"])
        #expect(forgotten["awaiting"] as? String != "phone")
        #expect(server.stop() == 0)
    }

    @Test("a notice staff post is pushed to subscribers as a notice event")
    func noticeEvents() throws {
        let server = try ServerHarness(arguments: ["--sweep-interval", "1"])
        let listener = try server.client()
        #expect(try listener.call(["op": "subscribe"])["ok"] as? Bool == true)
        let added = try ChildProcess.spawn(
            try WuyePaths.requireExecutable(),
            [
                "notices", "add", "--kind", "water", "--from", "2026-12-01T09:00", "--to", "2099-12-01T17:00",
                "--buildings", "3", "--text", "3号楼二次供水水箱清洗", "--db", server.database, "--intents",
                WuyePaths.intents,
            ])
        #expect(ChildProcess.wait(added) == 0)
        let event = try listener.readObject()
        #expect(event["event"] as? String == "notice", "\(event)")
        #expect((event["notice"] as? [String: Any])?["text"] as? String == "3号楼二次供水水箱清洗")
        #expect(server.stop() == 0)
    }

    @Test("a stale socket file left by a dead server is replaced")
    func staleSocket() throws {
        let server = try ServerHarness(start: false)
        // Leave a socket file nobody listens on, as a killed server would.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (n, b) in Array(server.socket.utf8).enumerated() { raw[n] = b }
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        close(fd)
        #expect(FileManager.default.fileExists(atPath: server.socket))
        try server.launch()
        #expect(try server.client().call(["id": 1, "op": "ping"])["ok"] as? Bool == true)
        #expect(server.stop() == 0)
    }
}

@Suite("wuye serve protects itself and its staff", .serialized)
struct ServerLimitTests {
    @Test("connections beyond --max-connections are answered busy and closed; the others are served")
    func connectionLimit() throws {
        let server = try ServerHarness(arguments: ["--max-connections", "2"])
        // A connection that is served; the harness's start-up probes may still hold a place for a moment.
        func served() throws -> SocketClient? {
            for _ in 0..<50 {
                let client = try server.client()
                if (try? client.call(["id": 1, "op": "ping"]))?["ok"] as? Bool == true { return client }
                usleep(100_000)
            }
            return nil
        }
        let first = try #require(try served())
        let second = try #require(try served())
        let third = try server.client()
        #expect(try third.readObject().errorCode == "busy")
        #expect(third.readLine() == nil, "the refused connection is closed")
        #expect(try first.call(["id": 3, "op": "ping"])["ok"] as? Bool == true)
        #expect(try second.call(["id": 4, "op": "ping"])["ok"] as? Bool == true)
        first.close()
        #expect(try served() != nil, "a closed connection's place is given back")
        #expect(server.stop() == 0)
    }

    @Test("a staff token file that every user can read is refused at start, naming the fix")
    func worldReadableTokens() async throws {
        let s = try WuyeSandbox()
        let file = try s.write("tokens", "token-for-tests-0123456789 测试客服 supervisor\n")
        chmod(file, 0o644)
        let result = try await s.run(["serve", "--socket", s.path("w.sock"), "--staff-token-file", file])
        result.expectError(containing: ["can be read or written by every user", "chmod 600"])
        #expect(!FileManager.default.fileExists(atPath: s.path("w.sock")), "it never listened")
    }
}

@Suite("wuye serve tells staff from owners by peer uid", .serialized)
struct ServerPeerTests {
    /// Runs a Python client as `nobody` (uid 65534) with setpriv; nil when that is impossible here.
    func asNobody(_ socket: String, _ lines: [String]) throws -> [String]? {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
        else { return nil }
        let script = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); f = s.makefile('rwb')
            for line in sys.argv[2:]:
                f.write(line.encode() + b"\\n"); f.flush(); print(f.readline().decode().strip())
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments =
            ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, socket] + lines
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
    }

    @Test("a client running as nobody is an owner-side caller; the server's own uid is staff")
    func nobody() throws {
        let server = try ServerHarness(arguments: ["--socket-mode", "0666"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: server.folder.path)
        guard
            let lines = try asNobody(
                server.socket,
                [
                    #"{"id":1,"op":"ping"}"#, #"{"id":2,"op":"ticket.list"}"#,
                    #"{"id":3,"op":"report","month":"2026-11"}"#,
                ])
        else {
            print("skipped: not root or no setpriv/python3 to run a client as nobody")
            return
        }
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.contains(#""ok":true"#) == true)
        #expect(lines.dropFirst().allSatisfy { $0.contains(#""code":"unauthorized""#) }, "\(lines)")
        let staff = try server.client().call(["id": 4, "op": "ticket.list"])
        #expect(staff["ok"] as? Bool == true, "the server's own uid is staff by default: \(staff)")
        server.stop()
    }
}
