import Foundation
import Testing
import WuyeConsole
import WuyeCore
import WuyeDialogue

/// Texts as a console.yml would give them; each names itself so that tests can find it in the output.
let testTexts: ConsoleTexts = {
    var texts = ConsoleTexts(
        welcome: .init(zh: "欢迎来到{site}", en: "WELCOME to {site}"),
        prompt: .init(zh: "请输入", en: "PROMPT"),
        notices: .init(zh: "通知", en: "NOTICES"),
        refusal: .init(zh: "不能用命令", en: "REFUSED"),
        idle: .init(zh: "已清除", en: "IDLE"),
        goodbye: .init(zh: "再见", en: "GOODBYE"),
        error: .init(zh: "出错了,请拨打{phone}", en: "SORRY call {phone}"))
    texts.privacy = .init(zh: "个人信息说明", en: "PRIVACY")
    return texts
}()

/// What one console run printed, and what it asked of the desk.
struct ConsoleRun {
    var output: String
    var calls: [FakeDesk.Call]
    var console: Console
    var reader: ScriptedReader

    var lines: [String] { output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
}

/// Runs a console over `desk` with `events` as its input.
@MainActor
func runConsole(
    _ events: [LineEvent], mode: ConsoleMode = .staff, interactive: Bool = false, desk: FakeDesk = FakeDesk(),
    scope: String? = nil
) async -> ConsoleRun {
    let reader = ScriptedReader(events, interactive: interactive)
    var output = ""
    let configuration = ConsoleConfiguration(
        mode: mode, texts: testTexts, site: "meijia-1", scope: scope, siteName: "美嘉花园", dutyPhone: "0571-110",
        timeZone: FakeDesk.shanghai, actor: "小王", idleTimeout: .seconds(7), now: { FakeDesk.monday })
    let console = Console(desk: desk, reader: reader, configuration: configuration) { output += $0 }
    await console.run()
    return ConsoleRun(output: output, calls: await desk.calls, console: console, reader: reader)
}

@MainActor
func runConsole(
    _ lines: [String], mode: ConsoleMode = .staff, interactive: Bool = false, desk: FakeDesk = FakeDesk(),
    scope: String? = nil
) async -> ConsoleRun {
    await runConsole(lines.map(LineEvent.line), mode: mode, interactive: interactive, desk: desk, scope: scope)
}

/// The calls other than the session reset every run ends with.
func work(_ calls: [FakeDesk.Call]) -> [FakeDesk.Call] {
    calls.filter {
        if case .resetSession = $0 { return false }
        if case .notices = $0 { return false }
        return true
    }
}

@Suite("the console loop")
@MainActor
struct ConsoleLoopTests {
    struct StaffCase: Sendable, CustomTestStringConvertible {
        var line: String
        var call: FakeDesk.Call
        var testDescription: String { line }
    }

    @Test(
        "a staff command calls the desk operation it names, with its arguments",
        arguments: [
            StaffCase(line: "/tickets", call: .tickets(statuses: TicketStatus.active, site: nil)),
            StaffCase(line: "/show R-1024", call: .ticket("R-1024")),
            StaffCase(
                line: "/assign R-1024 engineering 张师傅",
                call: .update("R-1024", .assign, StepDetails(department: "engineering", assignee: "张师傅"), by: "小王")),
            StaffCase(
                line: "/assign R-1024 cleaning",
                call: .update("R-1024", .assign, StepDetails(department: "cleaning"), by: "小王")),
            StaffCase(line: "/start R-1024", call: .update("R-1024", .start, StepDetails(), by: "小王")),
            StaffCase(
                line: "/resolve R-1024 换了阀门", call: .update("R-1024", .resolve, StepDetails(note: "换了阀门"), by: "小王")),
            StaffCase(line: "/resolve R-1024", call: .update("R-1024", .resolve, StepDetails(), by: "小王")),
            StaffCase(
                line: "/note R-1024 业主下午 3 点后在家",
                call: .update("R-1024", .note, StepDetails(note: "业主下午 3 点后在家"), by: "小王")),
            StaffCase(line: "/report 2026-10", call: .report(Month("2026-10")!, site: nil)),
            StaffCase(line: "/report", call: .report(Month("2026-11")!, site: nil)),
        ])
    func staffCommand(_ c: StaffCase) async {
        let run = await runConsole([c.line])
        #expect(work(run.calls) == [c.call], "\(run.output)")
        #expect(!run.output.isEmpty)
        #expect(!run.output.contains("error"), "\(run.output)")
    }

    @Test("--site limits /tickets and /report to that site")
    func scope() async {
        let run = await runConsole(["/tickets", "/report 2026-11"], scope: "lanting-2")
        #expect(
            work(run.calls) == [
                .tickets(statuses: TicketStatus.active, site: "lanting-2"),
                .report(Month("2026-11")!, site: "lanting-2"),
            ])
    }

    @Test("/tickets prints the queue with overdue tickets marked")
    func queue() async {
        let desk = FakeDesk()
        await desk.set(queue: [
            FakeDesk.ticket(id: "R-1002", summary: "电梯坏了"),
            FakeDesk.ticket(id: "R-1001", createdAt: FakeDesk.monday.addingTimeInterval(-7200)),
        ])
        let run = await runConsole(["/tickets"], desk: desk)
        let rows = run.lines.filter { $0.hasPrefix("R-") }
        #expect(rows.count == 2)
        #expect(rows[0].hasPrefix("R-1002") && !rows[0].contains("OVERDUE"))
        #expect(rows[1].hasPrefix("R-1001") && rows[1].contains("[OVERDUE]"))
    }

    @Test("free text is an owner turn in the console's session, sent exactly as typed")
    func chat() async {
        let run = await runConsole(["  3栋2单元501厨房漏水了 ", "好的"])
        let session = run.console.session
        #expect(
            work(run.calls) == [
                .chat(session: session, text: "  3栋2单元501厨房漏水了 ", room: nil),
                .chat(session: session, text: "好的", room: nil),
            ])
        #expect(run.lines == ["好的", "好的"])
        #expect(session.hasPrefix("console-"))
    }

    @Test("the kiosk refuses a /command without calling the desk")
    func kioskRefuses() async {
        let run = await runConsole(["/tickets", "/quit", "你好"], mode: .kiosk)
        #expect(work(run.calls) == [.chat(session: run.console.session, text: "你好", room: nil)])
        #expect(run.lines.count == 3)
        #expect(run.lines[0] == "不能用命令 / REFUSED")
        #expect(run.lines[1] == "不能用命令 / REFUSED")
        #expect(run.console.session.hasPrefix("kiosk-"))
    }

    @Test("/as ROOM resets the session and sends the owner's room with every later turn")
    func playOwner() async {
        let run = await runConsole(["你好", "/as 3-2-0501", "漏水了", "/as", "你好"])
        let chats = run.calls.compactMap { call -> (String, String?)? in
            if case .chat(let session, _, let room) = call { return (session, room) }
            return nil
        }
        #expect(chats.map(\.1) == [nil, "3-2-501", nil])
        #expect(chats[0].0 != chats[1].0, "/as starts a new session")
        #expect(chats[1].0 != chats[2].0)
        #expect(run.calls.contains(.resetSession(chats[0].0)))
        #expect(run.calls.contains(.resetSession(chats[1].0)))
        #expect(run.reader.prompts[2] == "wuye 3-2-501> ")
    }

    @Test("/reset forgets the conversation and the next turn has a new session id")
    func reset() async {
        let run = await runConsole(["你好", "/reset", "你好"])
        let sessions = run.calls.compactMap { call -> String? in
            if case .chat(let session, _, _) = call { return session }
            return nil
        }
        #expect(sessions.count == 2)
        #expect(sessions[0] != sessions[1])
        #expect(run.calls[1] == .resetSession(sessions[0]))
    }

    @Test("an error from the desk is one line, and the next line is served")
    func errorsAreOneLine() async {
        let desk = FakeDesk()
        await desk.set(failure: WuyeError(.invalidTransition, "cannot start R-1: it is resolved\nsecond line"))
        let run = await runConsole(["/start R-1", "你好", "/show R-1"], desk: desk)
        #expect(
            run.lines == [
                "error: cannot start R-1: it is resolved / second line",
                "error: cannot start R-1: it is resolved / second line",
                "error: cannot start R-1: it is resolved / second line",
            ])
        #expect(work(run.calls).count == 3)
    }

    @Test("at the kiosk a failed turn gets the owner-facing error text, not the technical message")
    func kioskError() async {
        let desk = FakeDesk()
        await desk.set(failure: WuyeError.storage("disk I/O error"))
        let run = await runConsole(["漏水了", "你好"], mode: .kiosk, desk: desk)
        #expect(run.lines == ["出错了,请拨打0571-110 / SORRY call 0571-110", "出错了,请拨打0571-110 / SORRY call 0571-110"])
    }

    @Test("an unknown /command is one error line naming it and pointing to /help")
    func unknownCommand() async {
        let run = await runConsole(["/frobnicate now", "/tickets"])
        #expect(run.lines.first == "error: unknown command /frobnicate; /help lists the commands")
        #expect(work(run.calls) == [.tickets(statuses: TicketStatus.active, site: nil)])
    }

    @Test("a wrong command line says how to write it")
    func usage() async {
        let run = await runConsole(["/assign R-1", "/note R-1", "/report 2026-13", "/as 3楼"])
        #expect(run.lines.count == 4)
        #expect(run.lines[0] == "error: usage: /assign ID DEPT [WHO]")
        #expect(run.lines[1] == "error: usage: /note ID TEXT")
        #expect(run.lines[2].hasPrefix("error: \"2026-13\" is not a month"))
        #expect(run.lines[3].hasPrefix("error: \"3楼\" is not a room"))
        #expect(work(run.calls).isEmpty)
    }

    @Test("control characters in a reply are shown escaped, never sent raw")
    func escapes() async {
        let desk = FakeDesk()
        await desk.set(reply: "好\u{1B}[2J的\u{7}\tok")
        for interactive in [false, true] {
            let run = await runConsole(["你好"], interactive: interactive, desk: desk)
            #expect(!run.output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\t" })
            #expect(run.output.contains("好\\u{1B}[2J的\\u{7}\\tok"), "\(run.output)")
        }
    }

    @Test("without a terminal each reply is exactly one line, its lines joined")
    func oneLinePerReply() async {
        let desk = FakeDesk()
        await desk.set(reply: "已为您登记报修 R-1001。\n工程部将在30分钟内联系您。\n")
        let run = await runConsole(["漏水了", "", "   ", "好的"], desk: desk)
        #expect(
            run.lines == [
                "已为您登记报修 R-1001。 / 工程部将在30分钟内联系您。", "已为您登记报修 R-1001。 / 工程部将在30分钟内联系您。",
            ])
    }

    @Test("at a terminal a reply keeps its lines")
    func multiLineAtTerminal() async {
        let desk = FakeDesk()
        await desk.set(reply: "第一行\n第二行")
        let run = await runConsole(["漏水了"], interactive: true, desk: desk)
        #expect(run.output.contains("  第一行\n  第二行\n"))
    }

    @Test("/why shows how the last turn was understood")
    func why() async {
        let before = await runConsole(["/why"])
        #expect(before.lines == ["nothing to explain yet: say something as an owner first"])
        let run = await runConsole(["漏水了", "/why"])
        let text = run.lines.dropFirst().joined(separator: "\n")
        #expect(text.contains("intent      repair  confidence 0.875"))
        #expect(text.contains("awaiting    confirm"))
        #expect(text.contains("room=3-2-501"))
        #expect(text.contains("category=plumbing"))
        #expect(text.contains("ticket      R-1001"))
        #expect(text.contains("because"))
    }

    @Test("/quit ends the loop and later lines are not read")
    func quit() async {
        let run = await runConsole(["/quit", "你好"])
        #expect(work(run.calls).isEmpty)
        #expect(run.reader.prompts.count == 1)
        #expect(run.calls == [.resetSession(run.console.session)])
    }

    @Test("Ctrl-D ends a staff console but not the kiosk")
    func endKey() async {
        let staff = await runConsole([.endKey, .line("你好")], interactive: true)
        #expect(work(staff.calls).isEmpty)
        let kiosk = await runConsole([.endKey, .line("你好")], mode: .kiosk, interactive: true)
        #expect(work(kiosk.calls).count == 1)
    }

    @Test("/help lists every command")
    func help() async {
        let run = await runConsole(["/help"])
        for name in StaffCommand.names { #expect(run.output.contains(name)) }
    }
}

@Suite("the kiosk screen")
@MainActor
struct KioskScreenTests {
    @Test("the kiosk starts on a clean screen with the welcome, the notices and its prompt")
    func welcome() async {
        let desk = FakeDesk()
        let start = FakeDesk.monday.addingTimeInterval(-3600)
        await desk.set(notices: [
            Notice(
                id: 1, site: "meijia-1", kind: "water", text: "3号楼停水检修", textEN: "No water in building 3",
                startsAt: start, endsAt: start.addingTimeInterval(8 * 3600), createdAt: start, by: "staff")
        ])
        let run = await runConsole(["你好"], mode: .kiosk, interactive: true, desk: desk)
        #expect(run.output.hasPrefix("\u{1B}[H\u{1B}[2J"))
        #expect(run.output.contains("欢迎来到美嘉花园"))
        #expect(run.output.contains("WELCOME to 美嘉花园"))
        #expect(
            run.output.contains(
                "\u{1B}[3J  欢迎来到美嘉花园\n  WELCOME to 美嘉花园\n\n  个人信息说明\n  PRIVACY\n\n  通知  NOTICES\n"),
            "the welcome, what is kept about owners, then the notices")
        #expect(run.output.contains("· 11-30 09:00–17:00  3号楼停水检修"))
        #expect(run.output.contains("No water in building 3"))
        #expect(run.calls.contains(.notices(site: "meijia-1")))
        #expect(run.reader.prompts.first == "请输入 PROMPT> ")
        #expect(run.reader.idleTimes.first == .seconds(7))
        #expect(run.output.hasSuffix("再见\n  GOODBYE\n\n"))
    }

    @Test("after the idle time the kiosk forgets the session, and the screen shows the welcome again")
    func idleReset() async {
        let run = await runConsole([.line("漏水了"), .idle, .line("你好")], mode: .kiosk, interactive: true)
        let sessions = run.calls.compactMap { call -> String? in
            if case .chat(let session, _, _) = call { return session }
            return nil
        }
        #expect(sessions.count == 2)
        #expect(sessions[0] != sessions[1])
        #expect(run.calls.contains(.resetSession(sessions[0])))
        let screens = run.output.components(separatedBy: "\u{1B}[H\u{1B}[2J")
        #expect(screens.count == 3, "the screen is cleared at the start and at the idle reset")
        #expect(screens[2].contains("欢迎来到美嘉花园"))
        #expect(screens[2].contains("IDLE"))
        #expect(!screens[2].contains("漏水了"))
    }

    @Test("an idle time with nothing said redraws the welcome without the idle message")
    func idleWithoutConversation() async {
        let run = await runConsole([.idle], mode: .kiosk, interactive: true)
        #expect(!run.output.contains("IDLE"))
    }

    @Test("a staff console and a piped kiosk have no idle time")
    func noIdle() async {
        #expect(await runConsole(["你好"], interactive: true).reader.idleTimes == [nil, nil])
        #expect(await runConsole(["你好"], mode: .kiosk).reader.idleTimes == [nil, nil])
    }

    @Test("a piped kiosk prints no welcome, only one line per input")
    func pipedKiosk() async {
        let run = await runConsole(["你好", "/tickets"], mode: .kiosk)
        #expect(run.lines == ["好的", "不能用命令 / REFUSED"])
    }
}
