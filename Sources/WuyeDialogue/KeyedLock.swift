/// Serialises work per key: turns of one session run one at a time, in the order they arrived, while different
/// sessions run in parallel.
actor KeyedLock {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Waits until `key` is free and takes it.
    func lock(_ key: String) async {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    /// Hands `key` to the next waiter, or frees it.
    func unlock(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[key] = queue.isEmpty ? nil : queue
            next.resume()  // the key stays held: ownership passes to the waiter
        } else {
            held.remove(key)
            waiting[key] = nil
        }
    }

    /// Runs `body` holding `key`.
    func with<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await lock(key)
        do {
            let value = try await body()
            unlock(key)
            return value
        } catch {
            unlock(key)
            throw error
        }
    }
}
