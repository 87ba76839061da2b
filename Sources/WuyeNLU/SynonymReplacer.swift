/// Rewrites the variants of the catalog's `synonym:` lists (typos, homophones, pinyin, English words) to their
/// canonical word in folded text, longest variant first: the step that lets 物叶费 and 电体 read as 物业费 and 电梯.
public struct SynonymReplacer: Sendable {
    let matcher: TermMatcher
    /// Term index of `matcher` → the canonical word's scalars.
    let targets: [[Unicode.Scalar]]

    /// `synonyms` maps a variant to its canonical word; both are folded by `normalizer` like the text will be.
    public init(synonyms: [String: String], normalizer: TextNormalizer) {
        var variants: [String: [String]] = [:]
        for (variant, canonical) in synonyms { variants[canonical, default: []].append(variant) }
        // The canonical words match as themselves, so a variant inside one (烟机 in 抽油烟机) is left alone.
        for canonical in variants.keys { variants[canonical]!.append(canonical) }
        matcher = TermMatcher(lists: variants, normalizer: normalizer)
        targets = matcher.terms.map { normalizer.scalars($0.names.first ?? $0.text) }
    }

    /// `text` (already folded) with every variant replaced by its canonical word.
    public func replace(in text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let replacements = matcher.matches(in: text)
        guard !replacements.isEmpty else { return text }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.count)
        var i = 0
        for m in replacements {
            out += text[i..<m.start]
            out += targets[m.term]
            i = m.end
        }
        out += text[i...]
        return out
    }
}
