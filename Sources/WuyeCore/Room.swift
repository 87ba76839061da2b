/// A flat, normalised as `building-unit-room` (`3-2-501`); a building without units gives `5--1803`.
public struct Room: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let building: String
    public let unit: String?
    public let number: String

    public init(building: String, unit: String?, number: String) {
        self.building = Room.trimZeros(building)
        self.unit = unit.map(Room.trimZeros).flatMap { $0.isEmpty ? nil : $0 }
        self.number = Room.trimZeros(number)
    }

    /// Reads the normalised form (`3-2-501`, `5--1803`); building, unit and room are letters and digits.
    /// Returns nil for anything else, so callers can name the bad value.
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else { return nil }
        let isCode = { (s: String) in
            !s.isEmpty && s.count <= 8 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        guard isCode(parts[0]), isCode(parts[2]), parts[1].isEmpty || isCode(parts[1]) else { return nil }
        self.init(
            building: parts[0].uppercased(), unit: parts[1].isEmpty ? nil : parts[1].uppercased(),
            number: parts[2].uppercased())
    }

    public var description: String { "\(building)-\(unit ?? "")-\(number)" }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let room = Room(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a room: \(text)"))
        }
        self = room
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public static func < (lhs: Room, rhs: Room) -> Bool { lhs.description < rhs.description }

    /// "05" and "5" name the same building; keep one zero for "0".
    private static func trimZeros(_ s: String) -> String {
        guard s.allSatisfy(\.isNumber) else { return s }
        let trimmed = s.drop(while: { $0 == "0" })
        return trimmed.isEmpty && !s.isEmpty ? "0" : String(trimmed)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (Foundation-free).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
