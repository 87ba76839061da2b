import Foundation
import Testing

@Suite("wuye intents check")
struct CLIIntentsCheckTests {
    /// A copy of the shipped intents/ in the sandbox, to spoil one file of.
    func copyOfIntents(_ s: WuyeSandbox) throws -> String {
        let dir = s.path("intents")
        try FileManager.default.copyItem(atPath: WuyePaths.intents, toPath: dir)
        return dir
    }

    @Test("the shipped data checks clean and counts the FAQ")
    func shipped() async throws {
        let s = try WuyeSandbox()
        let result = try await s.runRaw(["intents", "check", WuyePaths.intents])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("FAQ entries"), "\(result)")
    }

    @Test("a bad FAQ is reported with its file and line, and the check fails")
    func badFAQ() async throws {
        let s = try WuyeSandbox()
        let dir = try copyOfIntents(s)
        try """
        version: "1"
        faq:
          - id: fees.payment
            questions: |
              - 物业费怎么交
            answer:
              en: "Pay in the app."
          - id: fees.payment
            questions: |
              - 物业费怎么交
            answer:
              zh: "公众号缴费"
        """.write(toFile: "\(dir)/faq.yml", atomically: true, encoding: .utf8)
        let result = try await s.runRaw(["intents", "check", dir])
        #expect(result.status != 0, "\(result)")
        #expect(
            result.stderrLines.contains {
                $0.hasPrefix("\(dir)/faq.yml:7: error: FAQ entry fees.payment has no Chinese")
            })
        #expect(
            result.stderrLines.contains {
                $0.hasPrefix("\(dir)/faq.yml:8: error: FAQ id \"fees.payment\" is listed twice")
            })
    }
}
