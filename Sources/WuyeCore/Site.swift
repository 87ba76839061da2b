import Foundation

/// A compound (小区) served by Wuye; every ticket belongs to one.
public struct Site: Sendable, Hashable {
    public var id: String
    public var name: String
    public var timeZone: TimeZone
    /// The name of the office calendar its complaint and inquiry clocks count.
    public var calendar: String
    /// The number owners call in an emergency, day and night.
    public var dutyPhone: String
    /// The service centre's number for everything else; the duty phone when none is configured.
    public var officePhone: String

    public init(
        id: String, name: String, timeZone: TimeZone, calendar: String, dutyPhone: String, officePhone: String? = nil
    ) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.calendar = calendar
        self.dutyPhone = dutyPhone
        self.officePhone = officePhone ?? dutyPhone
    }
}
