import Foundation

/// The `main` of every fuzz target. Built with `-DFUZZING` and libFuzzer (scripts/fuzz), it hands the process to
/// libFuzzer; built normally, it replays the files and folders given as arguments, so a corpus or a crash
/// reproducer can be run without sanitizers.
///
/// libFuzzer's own `main` cannot be used: SwiftPM names an executable's entry point `<module>_main` and links
/// `main` to it, which clashes with libFuzzer's. So scripts/fuzz links libFuzzer without its main and this calls
/// `LLVMFuzzerRunDriver`, libFuzzer's documented entry for programs that keep their own.
public enum FuzzDriver {
    /// Runs `target` under libFuzzer or over the arguments' files; a thrown `FuzzFailure` is a crash.
    public static func main(_ target: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void) -> Never {
        #if FUZZING
        runDriver(target)
        #else
        replay(target)
        #endif
    }

    /// Runs `target` over every file of the arguments (folders: their files, sorted); exits 1 when one fails.
    static func replay(_ target: (UnsafeRawBufferPointer) throws -> Void) -> Never {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty || paths.contains("--help") {
            print("usage: \(CommandLine.arguments[0]) FILE_OR_FOLDER... (replays inputs; scripts/fuzz fuzzes)")
            exit(paths.isEmpty ? 2 : 0)
        }
        var count = 0
        var failed = 0
        for path in paths {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("\(file): cannot read")
                    failed += 1
                    continue
                }
                count += 1
                do {
                    try Array(data).withUnsafeBytes { try target($0) }
                } catch {
                    print("\(file): \(error)")
                    failed += 1
                }
            }
        }
        print("replayed \(count) inputs, \(failed) failed")
        exit(failed == 0 && count > 0 ? 0 : 1)
    }

    /// The regular files at `path`: itself, or a folder's files (recursively), sorted.
    public static func files(at path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [path] }
        guard isFolder.boolValue else { return [path] }
        let walker = FileManager.default.enumerator(atPath: path)
        var found: [String] = []
        while let relative = walker?.nextObject() as? String {
            var inner: ObjCBool = false
            let full = "\(path)/\(relative)"
            if FileManager.default.fileExists(atPath: full, isDirectory: &inner), !inner.boolValue {
                found.append(full)
            }
        }
        return found.sorted()
    }
}

/// A property a fuzz target checks that did not hold; libFuzzer reports it as a crash with its input.
public struct FuzzFailure: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

#if FUZZING
/// libFuzzer calls a C function pointer, which cannot capture: the target is kept here. Set once before
/// libFuzzer starts and only read after, on libFuzzer's one thread.
nonisolated(unsafe) private var current: ((UnsafeRawBufferPointer) throws -> Void)?

@_extern(c, "LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

private func runDriver(_ target: @escaping (UnsafeRawBufferPointer) throws -> Void) -> Never {
    current = target
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        do {
            try current?(UnsafeRawBufferPointer(start: data, count: size))
        } catch {
            fatalError("\(error)")
        }
        return 0
    }
    exit(status)
}
#endif
