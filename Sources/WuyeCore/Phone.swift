/// A mainland China mobile number, kept as its 11 digits.
public struct Phone: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    /// Accepts `13812345678`, `138 1234 5678`, `138-1234-5678` and a leading `+86`/`86`; nil for anything else.
    public init?(_ text: String) {
        var digits = text.filter { !" -\t".contains($0) }
        if digits.hasPrefix("+86") {
            digits.removeFirst(3)
        } else if digits.count == 13 && digits.hasPrefix("86") {
            digits.removeFirst(2)
        }
        let scalars = Array(digits.unicodeScalars)
        guard scalars.count == 11, scalars.allSatisfy({ $0.value >= 48 && $0.value <= 57 }), scalars[0] == "1",
            ("3"..."9").contains(scalars[1])
        else { return nil }
        self.digits = digits
    }

    public var description: String { digits }

    /// The number with its middle four digits hidden (`138****5678`), for logs and lists.
    public var masked: String { String(digits.prefix(3)) + "****" + String(digits.suffix(4)) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let phone = Phone(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a phone: \(text)"))
        }
        self = phone
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}
