import Foundation
import WuyeCore
import WuyeDialogue

/// The one place that decides which FrontDesk the front ends talk to.
func makeFrontDesk(_ options: StoreOptions) async throws -> any FrontDesk {
    ProvisionalDesk(desk: try options.desk())
}

/// A stand-in FrontDesk until the dialogue's `Assistant` is wired in here: the staff operations work for real over
/// the store, but every chat turn gets the same fixed reply. Replaced when the dialogue arrives.
struct ProvisionalDesk: FrontDesk {
    let desk: TicketDesk

    func chat(_ request: ChatRequest) async throws -> ChatResponse {
        ChatResponse(
            reply: "(dialogue not wired yet)", language: "en", intent: "out_of_scope", confidence: 0,
            explanation: "the provisional front desk answers every message the same way")
    }

    func resetSession(_ session: String) async throws {}

    func ticket(_ id: String) async throws -> Ticket {
        try await desk.ticket(id)
    }

    func tickets(_ query: TicketQuery) async throws -> [Ticket] {
        try await desk.store.tickets(query)
    }

    func update(_ id: String, action: TicketAction, details: StepDetails, by actor: String) async throws -> Ticket {
        try await desk.perform(action, on: id, details, by: actor)
    }

    func report(month: Month, site: String?) async throws -> MonthlyReport {
        try await desk.report(month: month, site: site)
    }

    func notices(site: String?) async throws -> [Notice] {
        []
    }
}
