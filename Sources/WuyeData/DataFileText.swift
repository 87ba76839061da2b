import WuyeCore
import WuyeNLU

/// One data file's text checked without a folder, as the loaders check the file of that name in `intents/`.
/// Whatever the text, the answer is problems, never a crash: the fuzz target `fuzz-intents` holds every loader to it.
package enum DataFileText {
    /// A name for each kind of file in `intents/`; any other `.yml` name is Rasa training data.
    package static let names = [
        "nlu/training.yml", "rules.yml", "dialogue.yml", "faq.yml", "console.yml", "routing.yml", "sla.yml",
        "calendars/cn.yml", "sites.yml",
    ]

    /// The problems of `text` read as the file `name` of a folder that holds nothing else. A folder's own problems
    /// (the training data misses an intent, sla.yml names no routing) are left out: they are not the file's.
    package static func problems(_ text: String, as name: String) -> [DataProblem] {
        let file = YAMLFile(text: text, path: name)
        switch name {
        case "dialogue.yml": _ = DialogueLoader.read(file)
        case "faq.yml": return FAQLoader.examine(file, normalizer: TextNormalizer()).problems
        case "console.yml": _ = ConsoleTextsLoader.read(file)
        case "routing.yml": _ = ServiceRulesLoader.readRouting(file)
        case "sla.yml": _ = ServiceRulesLoader.readSLA(file, routing: nil)
        case "sites.yml": _ = ServiceRulesLoader.readSites(file, calendars: [:])
        case _ where name.hasPrefix("calendars/"): _ = ServiceRulesLoader.readCalendar(file, defaultName: "cn")
        default: return IntentCatalogLoader.examine(text: text, path: name).problems.filter { $0.path == name }
        }
        return file.problems
    }
}
