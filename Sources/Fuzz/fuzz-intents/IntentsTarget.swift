import FuzzDriver
import WuyeData
import WuyeNLU

/// A data file's text read as each kind of file in `intents/` (Rasa NLU training data, rules.yml, dialogue.yml,
/// faq.yml, console.yml, routing.yml, sla.yml, a calendar, sites.yml); then the NLU's term tables built from what
/// the training data taught and run over a message.
///
/// Checked: nothing traps, hangs or swallows memory; every problem names the file and a line that is not negative.
enum IntentsTarget {
    static func run(_ bytes: UnsafeRawBufferPointer) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        for name in DataFileText.names {
            for problem in DataFileText.problems(text, as: name) {
                guard problem.path == name, problem.line >= 0, !problem.message.isEmpty else {
                    throw FuzzFailure("reading \(name), a malformed problem: \(problem)")
                }
            }
        }
        let catalog = IntentCatalogLoader.examine(text: text, path: "nlu/training.yml").catalog
        let normalizer = TextNormalizer(simplified: catalog.simplified)
        let message = Array("3栋2单元501 厨房水管漏水了,着火了 please help".unicodeScalars)
        _ = TermMatcher(lists: catalog.lookups, normalizer: normalizer).allMatches(in: message)
        _ = SynonymReplacer(synonyms: catalog.synonyms, normalizer: normalizer).replace(in: message)
        let urgency = UrgencyDetector(
            terms: catalog.lookups["urgent"] ?? [], negations: catalog.lookups["negation"] ?? [],
            exceptions: catalog.lookups["urgent_exception"] ?? [])
        _ = urgency.matches(in: String(String.UnicodeScalarView(message)))
    }
}
