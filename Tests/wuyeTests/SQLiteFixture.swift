import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs SQL on a file through the system's SQLite library, loaded at run time: the test target depends on
/// WuyeCore only, and this is needed just to make fixtures the CLI cannot make (another program's database,
/// a reporter linked as the dialogue would link it).
enum SQLiteFixture {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private typealias Open = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    private typealias Exec =
        @convention(c) (
            OpaquePointer?, UnsafePointer<CChar>, OpaquePointer?, UnsafeMutableRawPointer?,
            UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        ) -> Int32
    private typealias Close = @convention(c) (OpaquePointer?) -> Int32

    static func execute(_ sql: String, in path: String) throws {
        #if canImport(Darwin)
        let names = ["libsqlite3.dylib"]
        #else
        let names = ["libsqlite3.so.0", "libsqlite3.so"]
        #endif
        guard let library = names.lazy.compactMap({ dlopen($0, RTLD_NOW) }).first else {
            throw Failure(description: "cannot load the SQLite library (\(names.joined(separator: ", ")))")
        }
        defer { dlclose(library) }
        func symbol<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let pointer = dlsym(library, name) else { throw Failure(description: "SQLite has no \(name)") }
            return unsafeBitCast(pointer, to: type)
        }
        let open = try symbol("sqlite3_open", Open.self)
        let exec = try symbol("sqlite3_exec", Exec.self)
        let close = try symbol("sqlite3_close", Close.self)
        var db: OpaquePointer?
        guard open(path, &db) == 0 else {
            _ = close(db)
            throw Failure(description: "cannot open \(path)")
        }
        defer { _ = close(db) }
        var message: UnsafeMutablePointer<CChar>?
        guard exec(db, sql, nil, nil, &message) == 0 else {
            let text = message.map { String(cString: $0) } ?? "unknown error"
            throw Failure(description: "SQL failed on \(path): \(text)")
        }
    }
}
