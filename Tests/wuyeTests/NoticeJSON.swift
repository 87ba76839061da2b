/// A notice as `wuye notices … --json` prints it; times kept as the text printed.
struct NoticeJSON: Decodable, Sendable, Equatable {
    var id: Int
    var site: String
    var kind: String
    var text: String
    var text_en: String?
    var starts_at: String
    var ends_at: String
    var buildings: [String]
    var created_at: String
    var by: String
}
