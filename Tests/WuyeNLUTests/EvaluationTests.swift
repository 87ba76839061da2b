import Testing
import WuyeNLU

@Suite("Evaluation arithmetic")
struct EvaluationTests {
    /// 6 messages: repair 3 (2 right, 1 taken for complaint), complaint 2 (both right), other 1 (taken for repair).
    let evaluation = Evaluation(rows: [
        .init(text: "a", gold: "repair", predicted: "repair", confidence: 0.9),
        .init(text: "b", gold: "repair", predicted: "repair", confidence: 0.8),
        .init(text: "c", gold: "repair", predicted: "complaint", confidence: 0.7),
        .init(text: "d", gold: "complaint", predicted: "complaint", confidence: 0.6),
        .init(text: "e", gold: "complaint", predicted: "complaint", confidence: 0.5),
        .init(text: "f", gold: "other", predicted: "repair", confidence: 0.95),
    ])

    @Test("accuracy, per-intent precision/recall/F1 and macro-F1")
    func scores() throws {
        #expect(evaluation.accuracy == 4.0 / 6.0)
        let repair = try #require(evaluation.perIntent.first { $0.intent == "repair" })
        #expect(repair.precision == 2.0 / 3.0 && repair.recall == 2.0 / 3.0 && repair.support == 3)
        let complaint = try #require(evaluation.perIntent.first { $0.intent == "complaint" })
        #expect(complaint.precision == 2.0 / 3.0 && complaint.recall == 1)
        #expect(abs(complaint.f1 - 0.8) < 1e-12)
        let other = try #require(evaluation.perIntent.first { $0.intent == "other" })
        #expect(other.f1 == 0)
        #expect(abs(evaluation.macroF1 - (2.0 / 3.0 + 0.8 + 0) / 3) < 1e-12)
    }

    @Test("the confusion matrix and the most confident mistakes")
    func mistakes() {
        #expect(evaluation.confusion["repair"]?["complaint"] == 1)
        #expect(evaluation.confusion["other"]?["repair"] == 1)
        #expect(evaluation.worstMistakes(5).map(\.text) == ["f", "c"])
    }

    @Test("intents a file does not use count as its other label, when it has one")
    func mapping() {
        #expect(Evaluation.mapped("greet", into: ["repair", "other"]) == "other")
        #expect(Evaluation.mapped("repair", into: ["repair", "other"]) == "repair")
        #expect(Evaluation.mapped("greet", into: ["repair", "complaint"]) == "greet")
    }
}
