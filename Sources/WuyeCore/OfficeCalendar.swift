import Foundation

/// A site's office hours and working days: weekdays, public holidays, and make-up working days (调休上班).
public struct OfficeCalendar: Sendable, Hashable {
    public var name: String
    /// Seconds after local midnight when the office opens and closes.
    public var opens: Int
    public var closes: Int
    /// ISO weekdays that are working days (1 Monday … 7 Sunday).
    public var weekdays: Set<Int>
    public var holidays: Set<LocalDate>
    /// Days that are working days although their weekday is not.
    public var workdays: Set<LocalDate>

    public init(
        name: String, opens: Int, closes: Int, weekdays: Set<Int>, holidays: Set<LocalDate> = [],
        workdays: Set<LocalDate> = []
    ) {
        self.name = name
        self.opens = opens
        self.closes = closes
        self.weekdays = weekdays
        self.holidays = holidays
        self.workdays = workdays
    }

    public func isWorkingDay(_ day: LocalDate) -> Bool {
        if workdays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return weekdays.contains(day.weekday)
    }

    /// The first working day on or after `day` (a bounded search: data validation guarantees one exists).
    func workingDay(onOrAfter day: LocalDate) -> LocalDate {
        var d = day
        var steps = 0
        // Stop at the first working day; the bound only guards against data without any.
        while !isWorkingDay(d) && steps < 3660 {
            d = d.adding(days: 1)
            steps += 1
        }
        return d
    }

    /// When the office clock starts for something that arrives at `date`: at once in office hours,
    /// else at the next opening.
    public func clockStart(_ date: Date, in timeZone: TimeZone) -> (day: LocalDate, seconds: Int) {
        let (day, seconds) = timeZone.local(date)
        if isWorkingDay(day) && seconds < closes { return (day, max(seconds, opens)) }
        return (workingDay(onOrAfter: day.adding(days: 1)), opens)
    }

    /// The deadline `span` after `date` counted in office time: whole days count working days (due at the same
    /// time of day), shorter spans count office minutes.
    public func due(after span: SLADuration, from date: Date, in timeZone: TimeZone) -> Date {
        if let days = span.wholeDays { return due(workingDays: days, from: date, in: timeZone) }
        return due(officeMinutes: span.minutes, from: date, in: timeZone)
    }

    /// The same time of day `days` working days after the clock starts.
    public func due(workingDays days: Int, from date: Date, in timeZone: TimeZone) -> Date {
        var (day, seconds) = clockStart(date, in: timeZone)
        for _ in 0..<days { day = workingDay(onOrAfter: day.adding(days: 1)) }
        return timeZone.instant(day, seconds: seconds)
    }

    /// When `minutes` of office time have passed since the clock started.
    public func due(officeMinutes minutes: Int, from date: Date, in timeZone: TimeZone) -> Date {
        var (day, seconds) = clockStart(date, in: timeZone)
        var left = minutes * 60
        while left > closes - seconds {
            left -= closes - seconds
            day = workingDay(onOrAfter: day.adding(days: 1))
            seconds = opens
        }
        return timeZone.instant(day, seconds: seconds + left)
    }

    /// Office minutes in one working day.
    public var officeMinutesPerDay: Int { (closes - opens) / 60 }

    /// Problems with the calendar itself.
    public func problems() -> [String] {
        var found: [String] = []
        if !(0..<86_400).contains(opens) || !(1...86_400).contains(closes) || opens >= closes {
            found.append("office hours must open before they close within one day")
        }
        if weekdays.isEmpty || !weekdays.isSubset(of: 1...7) { found.append("working weekdays must be 1 to 7 days") }
        let both = holidays.intersection(workdays)
        if let day = both.min() { found.append("\(day) is listed both as a holiday and as a working day") }
        return found
    }
}
