import Foundation
import GRDB
import Synchronization

/// Group commit: write jobs that arrive while a transaction is being written wait, then run together in the next
/// one, each in a savepoint of its own (a failing job rolls back alone and fails alone), and every caller
/// resumes only after the COMMIT that holds its work. One fsync serves a whole batch: how `synchronous=FULL`
/// stays fast under many writers.
final class GroupCommit: Sendable {
    private struct Job: Sendable {
        /// Runs the job's work inside the batch's transaction; returns what to do once it has committed.
        let run: @Sendable (Database) -> @Sendable () -> Void
        /// Fails the job when its batch could not commit.
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var jobs: [Job] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    /// The writer runs on a thread of its own, so that waiting on the disk never blocks Swift's task pool.
    private let queue = DispatchQueue(label: "wuye.group-commit", qos: .userInitiated)

    init(pool: DatabasePool) { self.pool = pool }

    /// Runs `body` in a transaction shared with the other writes ready at the same moment; returns after COMMIT.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    let result: Result<T, any Error>
                    do {
                        var value: T?
                        try db.inSavepoint {
                            value = try body(db)
                            return .commit
                        }
                        result = .success(value!)
                    } catch {
                        result = .failure(error)
                    }
                    return { continuation.resume(with: result) }
                },
                fail: { continuation.resume(throwing: $0) })
            let start = state.withLock { state in
                state.jobs.append(job)
                defer { state.draining = true }
                return !state.draining
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let jobs = state.withLock { state in
                let jobs = state.jobs
                state.jobs = []
                if jobs.isEmpty { state.draining = false }
                return jobs
            }
            guard !jobs.isEmpty else { return }
            do {
                let finishes = try pool.write { db in jobs.map { $0.run(db) } }
                for finish in finishes { finish() }
            } catch {
                for job in jobs { job.fail(error) }
            }
        }
    }
}
