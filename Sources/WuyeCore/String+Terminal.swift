import Foundation

extension String {
    /// Columns the string takes on a terminal: CJK and full-width characters take two.
    public var terminalWidth: Int {
        unicodeScalars.reduce(0) { total, u in
            let v = u.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v)
            return total + (wide ? 2 : 1)
        }
    }

    /// The string followed by spaces up to `columns` terminal columns (at least one space when it is wider).
    public func padded(to columns: Int) -> String {
        let w = terminalWidth
        return w >= columns ? self + " " : self + String(repeating: " ", count: columns - w)
    }

    /// The text safe to print on a staff terminal: control characters and escape sequences shown as `\n`, `\t`,
    /// `\u{1B}`, never sent raw.
    public var escapedForTerminal: String {
        var out = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\\": out += "\\\\"
            default:
                if scalar.properties.generalCategory == .control
                    || scalar.properties.generalCategory == .format
                        && scalar.value != 0x200D
                {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
