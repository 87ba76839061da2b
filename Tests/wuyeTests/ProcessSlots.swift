import Foundation

/// A limit on how many short-lived `wuye` commands the end-to-end tests run at once. Swift Testing starts every test
/// together; on a 2-core machine dozens of children starting at the same moment starve each other (and the
/// terminal tests polling a screen) for minutes. Queued commands wait their turn; nothing depends on two of them
/// running at the same time, so the queue cannot deadlock.
actor ProcessSlots {
    static let shared = ProcessSlots(count: max(4, 2 * ProcessInfo.processInfo.activeProcessorCount))

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { free = count }

    /// Runs `body` once a slot is free.
    nonisolated func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
