import Foundation
import WuyeCore

extension Console {
    /// Moves to the top left, clears the screen and the scrollback: the next owner must not see the last one's
    /// words.
    static let clearScreen = "\u{1B}[H\u{1B}[2J\u{1B}[3J"

    /// The most notices shown under the welcome.
    static let noticeLimit = 5

    /// The kiosk's clean screen: the welcome, the current notices and, when an idle reset just ended a
    /// conversation, a line saying so.
    func showWelcome(afterIdle: Bool = false) async {
        var lines = [Self.clearScreen + indented(configuration.texts.welcome)]
        if let privacy = configuration.texts.privacy { lines += ["", indented(privacy)] }
        // The notices are a courtesy: a store that cannot give them must not keep the kiosk from serving.
        let notices = (try? await desk.notices(site: configuration.site)) ?? []
        if !notices.isEmpty {
            let heading = configuration.texts.notices
            lines += ["", "  " + (heading.zh + "  " + heading.en).escapedForTerminal]
            for notice in notices.prefix(Self.noticeLimit) {
                lines.append(
                    "  · " + Self.period(of: notice, in: configuration.timeZone) + "  " + notice.text.escapedForTerminal
                )
                if let english = notice.textEN { lines.append("    " + english.escapedForTerminal) }
            }
        }
        if afterIdle { lines += ["", indented(configuration.texts.idle)] }
        emit(lines.joined(separator: "\n") + "\n")
    }

    /// A text of console.yml as indented lines, Chinese then English, its placeholders filled in.
    private func indented(_ text: ConsoleTexts.Text) -> String {
        text.lines(site: configuration.siteName, phone: configuration.dutyPhone)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { "  " + String($0).escapedForTerminal }.joined(separator: "\n")
    }

    /// After the idle time: forgets the conversation, starts a new session and shows the welcome again.
    func idleReset() async {
        try? await startNewSession()
        let ended = conversed
        conversed = false
        await showWelcome(afterIdle: ended)
    }

    /// `11-30 09:00–17:00`, or `11-30 09:00 – 12-01 17:00` across days, in the site's time zone.
    static func period(of notice: Notice, in zone: TimeZone) -> String {
        func parts(_ date: Date) -> (day: Substring, time: Substring) {
            let iso = zone.iso8601(date)  // 2026-11-30T09:00:00+08:00
            let day = iso.dropFirst(5).prefix(5)
            let time = iso.dropFirst(11).prefix(5)
            return (day, time)
        }
        let start = parts(notice.startsAt)
        let end = parts(notice.endsAt)
        return start.day == end.day
            ? "\(start.day) \(start.time)–\(end.time)" : "\(start.day) \(start.time) – \(end.day) \(end.time)"
    }
}
