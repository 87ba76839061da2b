import Testing
import WuyeDialogue

@Suite("front desk types")
struct FrontDeskTests {
    @Test("awaiting values are the ten of PROTOCOL.md")
    func awaitingValues() {
        #expect(
            Awaiting.allCases.map(\.rawValue) == [
                "room", "phone", "name", "description", "category", "time", "confirm", "rating", "ticket", "intent",
            ])
    }
}
