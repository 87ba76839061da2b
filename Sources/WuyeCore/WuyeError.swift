/// An error Wuye reports to a person or a program: a stable code and a message that says what went wrong
/// and, where it helps, how to put it right.
public struct WuyeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The stable, machine-readable kind of the error; the wire codes of PROTOCOL.md.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable {
            case notFound = "not_found"
            case invalidTransition = "invalid_transition"
            case badField = "bad_field"
            case missingField = "missing_field"
            case unauthorized
            case badData = "bad_data"
            case storage = "internal"
        }
        private let value: Value

        public static let notFound = Code(value: .notFound)
        public static let invalidTransition = Code(value: .invalidTransition)
        public static let badField = Code(value: .badField)
        public static let missingField = Code(value: .missingField)
        public static let unauthorized = Code(value: .unauthorized)
        public static let badData = Code(value: .badData)
        public static let storage = Code(value: .storage)

        /// The code as written on the wire (`not_found`, `invalid_transition`, …).
        public var description: String { value.rawValue }
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public static func notFound(ticket id: String) -> WuyeError {
        WuyeError(.notFound, "no ticket \(id)")
    }

    public static func notFound(notice id: Int) -> WuyeError {
        WuyeError(.notFound, "no notice \(Notice.reference(id))")
    }

    /// A notice that was withdrawn earlier is not there to withdraw again.
    public static func noticeRemoved(_ id: Int) -> WuyeError {
        WuyeError(.notFound, "notice \(Notice.reference(id)) was removed already")
    }

    public static func badField(_ message: String) -> WuyeError {
        WuyeError(.badField, message)
    }

    public static func missingField(_ message: String) -> WuyeError {
        WuyeError(.missingField, message)
    }

    public static func badData(_ message: String) -> WuyeError {
        WuyeError(.badData, message)
    }

    public static func storage(_ message: String) -> WuyeError {
        WuyeError(.storage, message)
    }
}
