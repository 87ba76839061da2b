/// Folds the many ways owners type the same text into one: full-width to half-width, ideographic space to
/// space, upper to lower case, traditional to simplified characters (from `intents/normalize/traditional.txt`),
/// runs of whitespace to one space. Works scalar by scalar, which is what keeps understanding in microseconds.
public struct TextNormalizer: Sendable {
    /// Traditional → simplified, as given.
    public let simplified: [Character: Character]
    /// The same table flat over the CJK block, for lookups without hashing: 0 where a character maps to itself.
    private let table: [UInt32]
    private static let tableStart: UInt32 = 0x3400
    private static let tableEnd: UInt32 = 0xA000

    /// `simplified` maps a traditional character to its simplified form.
    public init(simplified: [Character: Character] = [:]) {
        self.simplified = simplified
        var table = [UInt32](repeating: 0, count: Int(Self.tableEnd - Self.tableStart))
        for (from, to) in simplified {
            guard from.unicodeScalars.count == 1, to.unicodeScalars.count == 1,
                let f = from.unicodeScalars.first?.value, let t = to.unicodeScalars.first?.value,
                f >= Self.tableStart, f < Self.tableEnd
            else { continue }
            table[Int(f - Self.tableStart)] = t
        }
        self.table = table
    }

    /// Reads `traditional.txt`: lines of "繁 简"; `#` starts a comment.
    public init(traditionalTable text: String) {
        var table: [Character: Character] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            guard fields.count >= 2, !line.hasPrefix("#"), fields[0].count == 1, fields[1].count == 1 else { continue }
            table[fields[0].first!] = fields[1].first!
        }
        self.init(simplified: table)
    }

    /// One scalar folded: `foldScalar`, then traditional → simplified.
    @inline(__always)
    func foldFully(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v >= Self.tableStart && v < Self.tableEnd {
            let t = table[Int(v - Self.tableStart)]
            return t == 0 ? scalar : Unicode.Scalar(t)!
        }
        return Self.foldScalar(scalar)
    }

    /// The folded text, one scalar for each scalar of `text` (whitespace runs keep their length).
    public func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(foldFully(scalar)) }
        return String(out)
    }

    /// Folded scalars with whitespace runs collapsed to one space and the ends trimmed: what features are taken of.
    public func scalars(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let folded = foldFully(scalar)
            if Self.isSpace(folded) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(folded)
            }
        }
        return out
    }

    /// `scalars` as a String, for keys and display.
    public func normalize(_ text: String) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars(text))
        return String(view)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x2028, 0x2029: true
        default: s.value >= 0x2000 && s.value <= 0x200A
        }
    }

    /// Full-width ASCII to ASCII, ideographic space to space, CJK full stop to `.`, ASCII lower-cased.
    @inline(__always)
    public static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var v = scalar.value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 } else if v == 0x3000 { v = 0x20 } else if v == 0x3002 { v = 0x2E }
        if v >= 0x41 && v <= 0x5A { v += 0x20 }
        return Unicode.Scalar(v) ?? scalar
    }

    /// Half-width and lower-cased, without the traditional table: what the entity parsers need.
    public static func basicFold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(foldScalar(scalar)) }
        return String(out)
    }
}
