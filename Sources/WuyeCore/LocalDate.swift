import Foundation

/// A calendar day without a time zone (`2026-11-29`), for office calendars and months.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`; nil for anything else, including days that do not exist (`2026-02-30`).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `days` after 1970-01-01 (negative before it).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var weekday: Int {
        let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + days) }

    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Converting instants to and from wall-clock time in a time zone.
extension TimeZone {
    /// The local day and the seconds since local midnight of `date`.
    public func local(_ date: Date) -> (date: LocalDate, seconds: Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down)) + secondsFromGMT(for: date)
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        return (LocalDate(daysSinceEpoch: days), t - days * 86_400)
    }

    /// The instant at `seconds` after local midnight of `day`.
    public func instant(_ day: LocalDate, seconds: Int) -> Date {
        let naive = Double(day.daysSinceEpoch * 86_400 + seconds)
        // Two passes settle the offset across a daylight-saving change.
        var guess = Date(timeIntervalSince1970: naive - Double(secondsFromGMT(for: Date(timeIntervalSince1970: naive))))
        guess = Date(timeIntervalSince1970: naive - Double(secondsFromGMT(for: guess)))
        return guess
    }

    /// `2026-11-29T10:31:02+08:00`.
    public func iso8601(_ date: Date) -> String {
        let (day, seconds) = local(date)
        let offset = secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let o = abs(offset)
        return "\(day)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
            + "\(sign)\(pad(o / 3600, 2)):\(pad(o / 60 % 60, 2))"
    }

    /// Reads a timestamp as staff type it: with an offset (`2026-11-30T09:00:00+08:00`) it is that instant; without
    /// one (`2026-11-30T09:00`, `2026-11-30 09:00:30`) it is wall-clock time in this zone. Nil for anything else,
    /// including times that do not exist (`25:00`, `2026-02-30`).
    public func parseTimestamp(_ text: String) -> Date? {
        if let date = WuyeCore.parseTimestamp(text) { return date }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "T" || $0 == " " }
        guard parts.count == 2, let day = LocalDate(String(parts[0])) else { return nil }
        let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count),
            clock.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(clock[0]), let minutes = Int(clock[1]), (0..<24).contains(hours), (0..<60).contains(minutes)
        else { return nil }
        var seconds = 0
        if clock.count == 3 {
            guard let s = Int(clock[2]), (0..<60).contains(s) else { return nil }
            seconds = s
        }
        return instant(day, seconds: hours * 3600 + minutes * 60 + seconds)
    }
}

/// Reads an ISO 8601 timestamp with an offset or `Z` (`2026-11-29T10:31:02+08:00`); fractional seconds allowed.
public func parseTimestamp(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return date }
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: text)
}

/// `n` in decimal with leading zeros to `width` digits.
func pad(_ n: Int, _ width: Int) -> String {
    let digits = String(n)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
