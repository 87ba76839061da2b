/// Who counts as staff on the socket: Unix uids (by SO_PEERCRED) and tokens, each with a person's name and role.
public struct StaffList: Sendable {
    /// A member of staff as the history records them.
    public struct Member: Sendable, Hashable {
        public var name: String
        /// `agent` or `supervisor`.
        public var role: String

        public init(name: String, role: String = "agent") {
            self.name = name
            self.role = role
        }
    }

    public var uids: [UInt32: Member]
    public var tokens: [String: Member]

    public init(uids: [UInt32: Member] = [:], tokens: [String: Member] = [:]) {
        self.uids = uids
        self.tokens = tokens
    }

    /// The member a peer uid or a request token stands for, if any.
    func member(uid: UInt32?, token: String?) -> Member? {
        if let token, let member = tokens[token] { return member }
        if let uid, let member = uids[uid] { return member }
        return nil
    }

    /// Reads a token file: one `TOKEN [NAME] [ROLE]` per line, `#` starts a comment.
    public static func tokens(fromFile text: String) throws -> [String: Member] {
        var out: [String: Member] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let token = fields.first else { continue }
            guard token.count >= 16 else {
                throw StaffListError(message: "line \(n + 1): a staff token needs at least 16 characters")
            }
            let role = fields.count > 2 ? fields[2] : "agent"
            guard ["agent", "supervisor"].contains(role) else {
                throw StaffListError(message: "line \(n + 1): role must be agent or supervisor, not \"\(role)\"")
            }
            out[token] = Member(name: fields.count > 1 ? fields[1] : "staff", role: role)
        }
        return out
    }
}

/// A staff list that cannot be read, with the line at fault.
public struct StaffListError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
