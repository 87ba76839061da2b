import Foundation

/// A span of time an owner offers for a visit, from `start` up to (not including) `end`.
public struct TimeWindow: Sendable, Hashable, Codable {
    public var start: Date
    public var end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}
