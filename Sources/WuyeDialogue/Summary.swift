import Foundation

/// A ticket's summary from an owner's words: the problem without the flat number, phone, greetings and trailing
/// particles, at most 40 characters ("3栋2单元501厨房漏水了!" → "厨房漏水").
enum Summary {
    private static let patterns: [NSRegularExpression] = [
        // Chinese room forms: 3栋2单元501室, 十一栋四单元七零三, 5#1-302, 6幢1101.
        #"[0-9０-９零〇一二三四五六七八九十两]+\s*(栋|号楼|幢|座|#|号)\s*([0-9０-９零〇一二三四五六七八九十两]+\s*(单元|-))?\s*[0-9０-９零〇一二三四五六七八九十两]{2,5}\s*(室|号|房)?"#,
        #"\b\d{1,3}-\d{0,2}-\d{3,5}\b"#,
        // English forms: Building 3, unit 2, room 501; Bldg 7 apt 302; unit 1502 of building 9.
        #"(?i)\b(building|bldg|block|blk)\.?\s*\d+[\s,]*((unit|entrance)\s*\d+[\s,]*)?(room|apt|apartment|flat|unit|#)\.?\s*\d+"#,
        #"(?i)\b(room|apt|apartment|flat|unit)\.?\s*\d+(\s*(of|in)\s*(building|bldg|block)\s*\d+)?"#,
        // A mobile number, with or without separators.
        #"(?i)(联系电话|电话|手机号码|手机号|手机|联系方式|tel|phone|mobile|call me on|call me at|my number is)?[:：\s]*(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}"#,
        #"^\s*(你好|您好|喂|请问|麻烦(你们|您)?|那个|嗯|另外|还有就是|还有|然后|对了)[\s,，!！。.、]*"#,
        #"(?i)^\s*(hello|hi|hey|and|also|so|well)\b[\s,!.]*"#,
        #"(?i)^\s*(我家|我们家|家里)?\s*(的)?\s*(在)?\s*[,，]?"#,
        #"[\s,，。.!！~～?？啊呀呢吧啦了哦]+$"#,
        #"^[\s,，。.!！:：、]+"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    static func of(_ text: String) -> String {
        let latin = text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }.count
        let limit = latin * 2 > text.count ? 90 : 40
        var s = text.replacingOccurrences(of: "\n", with: " ")
        for (n, pattern) in patterns.enumerated() {
            let range = NSRange(s.startIndex..., in: s)
            // The leading "我家" only goes when something follows; the room forms leave a space behind.
            s = pattern.stringByReplacingMatches(in: s, range: range, withTemplate: n < 5 ? " " : "")
            s = s.trimmingCharacters(in: .whitespaces)
        }
        s = s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if s.isEmpty { s = text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if s.count > limit { s = String(s.prefix(limit - 1)) + "…" }
        return s
    }
}
