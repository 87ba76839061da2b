import Synchronization

/// A thread-safe counter of turns.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    /// Adds one and returns the count before.
    func next() -> Int { value.add(1, ordering: .relaxed).oldValue }
}
