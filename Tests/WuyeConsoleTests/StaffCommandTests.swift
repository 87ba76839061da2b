import Testing
import WuyeConsole
import WuyeCore

@Suite("staff command parser")
struct StaffCommandTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var command: StaffCommand
        var testDescription: String { line }
    }

    @Test(
        "a command line reads as the command it names",
        arguments: [
            Case(line: "/tickets", command: .tickets),
            Case(line: "  /TICKETS  ", command: .tickets),
            Case(line: "/show R-1024", command: .show("R-1024")),
            Case(
                line: "/assign R-1024 engineering", command: .assign("R-1024", department: "engineering", assignee: nil)
            ),
            Case(
                line: "/assign R-1024 engineering Zhang  Wei",
                command: .assign("R-1024", department: "engineering", assignee: "Zhang  Wei")),
            Case(line: "/start r1024", command: .start("r1024")),
            Case(line: "/resolve R-1024", command: .resolve("R-1024", note: nil)),
            Case(line: "/resolve R-1024 换了 阀门", command: .resolve("R-1024", note: "换了 阀门")),
            Case(line: "/note R-1024 明天 上午", command: .note("R-1024", text: "明天 上午")),
            Case(line: "/report", command: .report(nil)),
            Case(line: "/report 2026-11", command: .report(Month("2026-11")!)),
            Case(line: "/why", command: .why),
            Case(line: "/as 3-2-501", command: .playOwner(Room("3-2-501")!)),
            Case(line: "/as", command: .playOwner(nil)),
            Case(line: "/reset", command: .reset),
            Case(line: "/help", command: .help),
            Case(line: "/quit", command: .quit),
            Case(line: "/exit", command: .quit),
        ])
    func parses(_ c: Case) throws {
        #expect(try StaffCommand.parse(c.line) == c.command)
    }

    @Test(
        "a wrong command line is refused with one line saying how to write it",
        arguments: [
            ("/show", "usage: /show ID"),
            ("/show R-1 R-2", "usage: /show ID"),
            ("/assign R-1", "usage: /assign ID DEPT [WHO]"),
            ("/start", "usage: /start ID"),
            ("/resolve", "usage: /resolve ID [NOTE]"),
            ("/note R-1", "usage: /note ID TEXT"),
            ("/report 2026-11 extra", "usage: /report [YYYY-MM]"),
            ("/report november", "\"november\" is not a month; write YYYY-MM with a month from 01 to 12, like 2026-11"),
            ("/tickets all", "usage: /tickets"),
            ("/", "unknown command /; /help lists the commands"),
            ("/tick", "unknown command /tick; /help lists the commands"),
        ])
    func refuses(_ line: String, _ message: String) {
        #expect {
            try StaffCommand.parse(line)
        } throws: { error in
            (error as? WuyeError)?.message == message && !message.contains("\n")
        }
    }

    @Test("Tab completes a command from its first letters")
    func completions() {
        #expect(StaffCommand.completions(of: "/tic") == ["/tickets"])
        #expect(StaffCommand.completions(of: "/re") == ["/resolve", "/report", "/reset"])
        #expect(StaffCommand.completions(of: "/") == StaffCommand.names)
        #expect(StaffCommand.completions(of: "tic").isEmpty)
    }
}
