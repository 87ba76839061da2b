import Foundation

/// A calendar month (`2026-11`), the period of a report.
public struct Month: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1970...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// Reads `YYYY-MM`; nil for anything else (`2026-13`, `2026-1`, `Nov`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(year: y, month: m)
    }

    /// The month `date` falls in, in `timeZone`.
    public init(containing date: Date, in timeZone: TimeZone) {
        let day = timeZone.local(date).date
        self.year = day.year
        self.month = day.month
    }

    public var previous: Month { month == 1 ? Month(year: year - 1, month: 12)! : Month(year: year, month: month - 1)! }
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1)! : Month(year: year, month: month + 1)! }

    /// Local midnight of the month's first day in `timeZone`.
    public func start(in timeZone: TimeZone) -> Date {
        timeZone.instant(LocalDate(year: year, month: month, day: 1)!, seconds: 0)
    }

    public func contains(_ date: Date, in timeZone: TimeZone) -> Bool {
        Month(containing: date, in: timeZone) == self
    }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))" }

    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}
