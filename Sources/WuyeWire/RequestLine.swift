/// Reading a request line before anything acts on it (PROTOCOL.md): the nesting is checked, the JSON parsed
/// strictly, the value must be an object and its `op` one of the protocol's. Pure, so the fuzz target
/// `fuzz-request` can run it millions of times with sanitizers.
package enum RequestLine {
    /// Lines nested deeper than this are `bad_json` before any parser sees them.
    package static let maximumDepth = 64

    package static let ops: Set<String> = [
        "ping", "chat", "session.reset", "ticket.get", "ticket.list", "ticket.update", "report", "subscribe",
    ]

    /// The request object of one line (without its newline), or the `bad_json` failure the line earns.
    package static func decode(_ bytes: UnsafeRawBufferPointer) throws(RequestFailure) -> JSONValue {
        guard JSONDepth.within(bytes, limit: maximumDepth) else {
            throw RequestFailure(code: "bad_json", message: "the line nests deeper than \(maximumDepth) levels")
        }
        let request: JSONValue
        do throws(JSONParser.Failure) {
            request = try JSONParser.parse(bytes)
        } catch {
            throw RequestFailure(code: "bad_json", message: "the line is not JSON: \(error.message)")
        }
        guard case .object = request else {
            throw RequestFailure(code: "bad_json", message: "a request is one JSON object per line")
        }
        return request
    }

    /// The request's `op`, or the `unknown_op` failure when it has none or one the protocol does not know.
    package static func op(_ request: JSONValue) throws(RequestFailure) -> String {
        guard let value = request["op"] else {
            throw RequestFailure(code: "unknown_op", message: "the request has no \"op\"")
        }
        guard let op = value.string, ops.contains(op) else {
            throw RequestFailure(
                code: "unknown_op", message: "unknown op; one of \(ops.sorted().joined(separator: ", "))")
        }
        return op
    }
}
