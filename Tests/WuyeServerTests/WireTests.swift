import Testing
import WuyeWire

@testable import WuyeServer

@Suite("Reading and writing request lines")
struct WireTests {
    func parse(_ text: String) throws -> JSONValue {
        try Array(text.utf8).withUnsafeBytes { try JSONParser.parse($0) }
    }

    @Test(
        "valid JSON is read back exactly",
        arguments: [
            #"{"id":7,"op":"ping"}"#, #"{"a":[1,-2.5,true,false,null],"b":{"c":"\u6c34\n\"q\""}}"#, #"  {"x":"😀"}  "#,
            #"{"e":"\ud83d\ude00"}"#,
        ])
    func valid(_ text: String) throws {
        let value = try parse(text)
        let again = try String(decoding: value.bytes, as: UTF8.self)
        #expect(try parse(again).bytes == value.bytes)
    }

    @Test(
        "invalid JSON is refused with a reason",
        arguments: [
            "", "{", #"{"a":}"#, #"{"a":1,}"#, "[1 2]", #"{"a":"x"} trailing"#, #""\ud800""#, "nul", "\"tab\tin\"",
            "01x",
        ])
    func invalid(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test("invalid UTF-8 inside a string is refused")
    func badUTF8() {
        let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        #expect(throws: JSONParser.Failure.self) { try bytes.withUnsafeBytes { try JSONParser.parse($0) } }
    }

    @Test("nesting is measured before parsing, brackets inside strings not counted")
    func depth() {
        let deep = Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8)
        let ok = Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)
        let quoted = Array(("[\"" + String(repeating: "[", count: 100) + "\"]").utf8)
        #expect(!deep.withUnsafeBytes { JSONDepth.within($0, limit: 64) })
        #expect(ok.withUnsafeBytes { JSONDepth.within($0, limit: 64) })
        #expect(quoted.withUnsafeBytes { JSONDepth.within($0, limit: 64) })
    }

    @Test("logs mask phone numbers but keep the last four digits")
    func masking() {
        #expect(RequestHandler.masked("电话13812345678") == "电话*******5678")
        #expect(RequestHandler.masked("call 138 1234 5678 please") == "call *********5678 please")
        #expect(RequestHandler.masked("3栋2单元501") == "3栋2单元501")
    }
}
