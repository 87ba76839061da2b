import ArgumentParser
import Foundation
import WuyeCore

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly service report: volumes, resolution, timeliness, satisfaction, per department.",
        discussion: """
            Example: wuye report --month 2026-11 --format markdown > report-2026-11.md
            --format json prints PROTOCOL.md's report object alone on stdout.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, csv, json
    }

    @OptionGroup var store: StoreOptions
    @Option(help: "The month, YYYY-MM (default: the current month).") var month: String?
    @Option(help: "Only this site (default: all sites).") var site: String?
    @Option(help: "text, markdown, csv or json.") var format: Format = .text

    func run() async throws {
        try await reporting {
            let desk = try store.desk()
            let period = try parseMonth(month, desk: desk, site: site)
            let report = try await desk.report(month: period, site: site)
            switch format {
            case .text: print(report.text(unicode: stdoutIsTerminal), terminator: "")
            case .markdown: print(report.markdown(), terminator: "")
            case .csv: print(report.csv(), terminator: "")
            case .json: print(try jsonText(report))
            }
        }
    }
}

/// `--month YYYY-MM`, or the current month in the site's time zone when none was given.
func parseMonth(_ text: String?, desk: TicketDesk, site: String?) throws -> Month {
    guard let text else { return Month(containing: desk.currentTime, in: try desk.rules.site(site).timeZone) }
    guard let month = Month(text) else {
        throw WuyeError.badField("\"\(text)\" is not a month; write YYYY-MM with a month from 01 to 12, like 2026-11")
    }
    return month
}
