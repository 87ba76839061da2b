import Foundation
import Testing

// End-to-end tests of `wuye console` with its input from a pipe: the form scripts use. The chat replies come from
// whichever front desk the executable wires in, so these tests only ask that a reply is one non-empty line.

@Suite("wuye console from a pipe")
struct ConsolePipeTests {
    @Test("each input line gets one output line, and the console exits 0 at the end of input")
    func oneLinePerInput() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(["console"], stdin: "你好\n/tickets\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdoutLines.count == 2, "\(result)")
        #expect(result.stdoutLines.first?.isEmpty == false, "\(result)")
        #expect(result.stdoutLines.last == "no tickets", "\(result)")
    }

    @Test("blank lines are ignored and a last line without a newline is still served")
    func blankLines() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(["console"], stdin: "\n  \n你好\n\n厨房漏水了")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.count == 2, "\(result)")
        #expect(result.stdoutLines.allSatisfy { !$0.isEmpty }, "\(result)")
    }

    @Test("staff commands work the real queue: assign, start, note, resolve, show")
    func staffCommands() async throws {
        let s = try WuyeSandbox()
        let ticket = try await s.open("repair", category: "plumbing")
        let result = try await s.run(
            ["console"],
            stdin: """
                /tickets
                /assign \(ticket.id) engineering 张师傅
                /start \(ticket.id)
                /note \(ticket.id) 备件明天到
                /resolve \(ticket.id) 换了阀门
                /show \(ticket.id)

                """)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.contains { $0.hasPrefix("R-1001") && $0.contains("open") && $0.contains("厨房漏水") }, "\(result)")
        #expect(lines.contains("R-1001: assign done, now assigned (engineering, 张师傅)"), "\(result)")
        #expect(lines.contains("R-1001: start done, now in_progress"), "\(result)")
        #expect(lines.contains("R-1001: note done, now in_progress"), "\(result)")
        #expect(lines.contains("R-1001: resolve done, now resolved"), "\(result)")
        #expect(lines.contains { $0.hasPrefix("R-1001  repair/plumbing  resolved") }, "\(result)")
        let stored = try await s.show(ticket.id)
        #expect(stored.status == "resolved")
        #expect(stored.assignee == "张师傅")
        #expect(stored.events?.map(\.action) == ["open", "assign", "start", "note", "resolve"])
        #expect(stored.events?.dropFirst().allSatisfy { $0.by == "tester" } == true)
    }

    @Test("/report prints the monthly report with plain bars")
    func report() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        let result = try await s.run(["console"], stdin: "/report 2026-11\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("物业服务月报 Monthly service report  2026-11"), "\(result)")
        #expect(result.stdout.contains("#"), "\(result)")
        #expect(!result.stdout.contains("█"), "\(result)")
    }

    @Test("an error is one line and the next line is served")
    func errors() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(
            ["console"], stdin: "/show R-9999\n/start nonsense\n/frobnicate\n/assign R-1\n你好\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdoutLines.count == 5, "\(result)")
        #expect(result.stdoutLines[0] == "error: no ticket R-9999", "\(result)")
        #expect(result.stdoutLines[1].hasPrefix("error: \"nonsense\" is not a ticket id"), "\(result)")
        #expect(result.stdoutLines[2] == "error: unknown command /frobnicate; /help lists the commands", "\(result)")
        #expect(result.stdoutLines[3] == "error: usage: /assign ID DEPT [WHO]", "\(result)")
        #expect(!result.stdoutLines[4].hasPrefix("error"), "\(result)")
    }

    @Test("owner text with control characters never reaches the terminal raw")
    func controlCharacters() async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(["console"], stdin: "/show R-1\u{1B}[2J\n漏水\u{7}了\n")
        #expect(result.status == 0, "\(result)")
        #expect(!result.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" }, "\(result)")
        #expect(result.stdoutLines.count == 2, "\(result)")
    }

    @Test("the kiosk refuses /tickets politely, in one line, without listing tickets")
    func kiosk() async throws {
        let s = try WuyeSandbox()
        _ = try await s.open("repair", category: "plumbing")
        let result = try await s.run(["console", "--kiosk"], stdin: "/tickets\n你好\n")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        #expect(result.stdoutLines.count == 2, "\(result)")
        #expect(!result.stdout.contains("R-1001"), "\(result)")
        #expect(!result.stdoutLines[0].hasPrefix("error"), "\(result)")
        #expect(result.stdoutLines[0] != result.stdoutLines[1], "\(result)")
    }

    @Test("a piped console keeps no history, in either mode")
    func noHistoryFromPipe() async throws {
        let s = try WuyeSandbox()
        _ = try await s.ok(["console"], stdin: "你好\n")
        _ = try await s.ok(["console", "--kiosk"], stdin: "你好\n")
        #expect(!FileManager.default.fileExists(atPath: s.path("xdg-state/wuye")))
    }

    @Test(
        "a bad option is one error line and a non-zero exit",
        arguments: [
            (["console", "--idle", "0"], "--idle must be at least 1 second"),
            (["console", "--site", "nowhere"], "unknown site \"nowhere\""),
            (["console", "--kiosk", "--idle", "soon"], "--idle"),
        ])
    func badOptions(_ arguments: [String], _ fragment: String) async throws {
        let s = try WuyeSandbox()
        let result = try await s.run(arguments, stdin: "你好\n")
        result.expectError(containing: [fragment])
    }

    @Test("a broken console.yml stops the console with path:line errors")
    func brokenTexts() async throws {
        let s = try WuyeSandbox()
        let intents = s.path("intents")
        try FileManager.default.copyItem(atPath: WuyePaths.intents, toPath: intents)
        let file = intents + "/console.yml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "goodbye:", with: "goodby:").utf8)
            .write(to: URL(fileURLWithPath: file))
        let result = try await s.runRaw(["console", "--db", s.db, "--intents", intents], stdin: "你好\n")
        result.expectError(
            containing: ["console.yml:", "unknown key \"goodby\"", "goodbye is missing"], continuation: true)
    }
}
