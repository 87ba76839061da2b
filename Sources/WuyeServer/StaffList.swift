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
    /// A token is compared with every known token in constant time (no early exit on the first differing byte,
    /// no dictionary lookup), so that answer times tell an attacker nothing about how close a guess was.
    func member(uid: UInt32?, token: String?) -> Member? {
        if let token {
            var found: Member?
            for (known, member) in tokens where Self.constantTimeEqual(known, token) { found = member }
            if let found { return found }
        }
        if let uid, let member = uids[uid] { return member }
        return nil
    }

    /// Whether `a` and `b` hold the same bytes, taking the same time whatever the position of the first
    /// difference (only the length of the longer one shows).
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        var difference = UInt64(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            let p = i < x.count ? x[i] : 0
            let q = i < y.count ? y[i] : 0
            difference |= UInt64(p ^ q)
        }
        return difference == 0
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
