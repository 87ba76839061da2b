/// A request's failure, carrying its wire code (PROTOCOL.md's table of errors).
package struct RequestFailure: Error {
    package let code: String
    package let message: String

    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
