import Foundation
import FuzzDriver
import Testing

@testable import fuzz_intents
@testable import fuzz_parsers
@testable import fuzz_request

/// The fuzz corpus (seeds and every crash the fuzzers found) replayed through the fuzz targets' own code: each
/// input must pass the target's checks, so a fixed crash stays fixed without libFuzzer or sanitizers.
@Suite("The fuzz corpus replays cleanly")
struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus")

    static func inputs(_ target: String) -> [String] {
        FuzzDriver.files(at: corpus.appendingPathComponent(target).path)
    }

    static func replay(_ target: String, _ run: (UnsafeRawBufferPointer) throws -> Void) throws {
        let files = inputs(target)
        #expect(files.count >= 10, "the \(target) corpus has \(files.count) inputs")
        for file in files {
            let data = try #require(FileManager.default.contents(atPath: file))
            #expect(throws: Never.self, "\(file)") { try Array(data).withUnsafeBytes { try run($0) } }
        }
    }

    @Test("request lines: decoded or refused with a protocol error code")
    func request() throws { try Self.replay("request", RequestTarget.run) }

    @Test("owner messages: every parser and the understander")
    func parsers() throws { try Self.replay("parsers", ParsersTarget.run) }

    @Test("data files: problems, never a crash, as every kind of intents/ file")
    func intents() throws { try Self.replay("intents", IntentsTarget.run) }

    @Test("a request target check can fail: an error code outside PROTOCOL.md is caught")
    func checksBite() {
        #expect(throws: FuzzFailure.self) { try RequestTarget.check(.init(code: "oops", message: "x")) }
    }
}
