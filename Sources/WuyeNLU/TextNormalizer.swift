/// Folds the many ways owners type the same text into one: full-width to half-width, ideographic space to
/// space, upper to lower case, traditional to simplified characters (from `intents/normalize/traditional.txt`),
/// runs of whitespace to one space. Character-for-character, so positions in the folded text line up with the
/// original's characters.
public struct TextNormalizer: Sendable {
    public let simplified: [Character: Character]

    /// `simplified` maps a traditional character to its simplified form.
    public init(simplified: [Character: Character] = [:]) {
        self.simplified = simplified
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

    /// The folded text, one character for each character of `text` (whitespace runs keep their length).
    public func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for character in text {
            if let simple = simplified[character] {
                out.append(contentsOf: simple.unicodeScalars)
                continue
            }
            let scalars = character.unicodeScalars
            guard scalars.count == 1, let scalar = scalars.first else {
                out.append(contentsOf: scalars)
                continue
            }
            out.append(Self.foldScalar(scalar))
        }
        return String(out)
    }

    /// `fold`, then whitespace runs collapsed to one space and the ends trimmed; for features, not positions.
    public func normalize(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for character in fold(text) {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(character)
            }
        }
        return out
    }

    /// Full-width ASCII to ASCII, ideographic space to space, CJK full stop to `.`, ASCII lower-cased.
    public static func foldScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        var v = scalar.value
        if (0xFF01...0xFF5E).contains(v) {
            v -= 0xFEE0
        } else if v == 0x3000 {
            v = 0x20
        } else if v == 0x3002 {
            v = 0x2E
        }
        if (0x41...0x5A).contains(v) { v += 0x20 }
        return Unicode.Scalar(v) ?? scalar
    }

    /// Half-width and lower-cased, without the traditional table: what the entity parsers need.
    public static func basicFold(_ text: String) -> String {
        TextNormalizer().fold(text)
    }
}
