import Foundation

/// Finding owners' personal data in free text (their own words, staff notes) to mask or erase it: phone numbers
/// in the forms owners type them (mobile numbers with or without +86 and separators, landlines with an area
/// code), e-mail addresses, and any name or number already known to belong to the person.
public enum PersonalData {
    /// What erased data is replaced with.
    public static let erased = "***"

    private static let patterns: [NSRegularExpression] = [
        // Mobile: 1[3-9]x xxxx xxxx, optional +86/86 prefix, spaces or hyphens between groups.
        #"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])"#,
        // Landline with its area code: 0571-86500120, 010 1234 5678.
        #"(?<![0-9])0[1-9][0-9]{1,2}[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?![0-9])"#,
        #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// `text` with every phone number masked as `138****5678` (e-mail addresses as `***@domain`).
    public static func masking(_ text: String) -> String {
        replacing(in: text) { found in
            if let at = found.firstIndex(of: "@") { return erased + found[at...] }
            var digits = found.filter(\.isNumber)
            if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
            guard digits.count > 7 else { return erased }
            return String(digits.prefix(3)) + "****" + String(digits.suffix(4))
        }
    }

    /// `text` with every phone number, e-mail address and each of `known` (names, numbers) replaced by `***`.
    public static func erasing(_ text: String, known: [String] = []) -> String {
        var text = replacing(in: text) { _ in erased }
        // Longest first, so that a name inside a longer known string does not leave the rest behind.
        for item in known.filter({ $0.count >= 2 }).sorted(by: { $0.count > $1.count }) {
            text = text.replacingOccurrences(of: item, with: erased)
        }
        return text
    }

    private static func replacing(in text: String, _ replacement: (Substring) -> String) -> String {
        guard text.contains(where: { $0.isNumber || $0 == "@" }) else { return text }
        var result = text
        for pattern in patterns {
            let ns = result as NSString
            let matches = pattern.matches(in: result, range: NSRange(location: 0, length: ns.length))
            for match in matches.reversed() {
                guard let range = Range(match.range, in: result) else { continue }
                result.replaceSubrange(range, with: replacement(result[range]))
            }
        }
        return result
    }
}
