// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Wuye",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "wuye", targets: ["wuye"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Tickets, lifecycle, routing, SLA clocks, rooms, owners, reports; no I/O, no dependencies.
        .target(name: "WuyeCore"),
        // Understanding: the intent catalog, features, the classifier, entity parsers; pure, no store, no I/O.
        .target(name: "WuyeNLU"),
        // Everything in intents/ read from YAML into Core's and NLU's types, with file:line errors.
        .target(
            name: "WuyeData",
            dependencies: ["WuyeCore", "WuyeNLU", "WuyeDialogue", .product(name: "Yams", package: "Yams")]),
        // The SQLite TicketStore; GRDB stays internal to this module.
        .target(name: "WuyeSQLite", dependencies: ["WuyeCore", .product(name: "GRDB", package: "GRDB.swift")]),
        // The conversation: a per-session state machine that turns understood messages into ticket actions and
        // replies, and the Assistant that runs it over a store (the FrontDesk every front end talks to).
        .target(name: "WuyeDialogue", dependencies: ["WuyeCore", "WuyeNLU"]),
        // PROTOCOL.md's wire format without the socket: the strict JSON reader and writer, the nesting check, a
        // request line's decoding and its fields' validation. No NIO, so that the fuzz target builds it quickly.
        .target(name: "WuyeWire", dependencies: ["WuyeCore", "WuyeDialogue"]),
        // The socket server: PROTOCOL.md over a Unix socket with SwiftNIO, run as a service.
        .target(
            name: "WuyeServer",
            dependencies: [
                "WuyeCore", "WuyeDialogue", "WuyeWire", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // GNU readline (apt libreadline-dev), with C shims for the globals Swift 6 may not touch.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),
        // The console: readline line reader, staff commands and the lobby kiosk, over any FrontDesk.
        .target(name: "WuyeConsole", dependencies: ["WuyeCore", "WuyeDialogue", "CReadline"]),
        .executableTarget(
            name: "wuye",
            dependencies: [
                "WuyeCore", "WuyeData", "WuyeNLU", "WuyeSQLite", "WuyeDialogue", "WuyeServer", "WuyeConsole",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks printed by scripts/bench; never run by the tests.
        .executableTarget(name: "wuye-bench", dependencies: ["WuyeNLU", "WuyeData"]),
        // libFuzzer targets run by scripts/fuzz (built with -DFUZZING and sanitizers); in a normal build each one
        // replays the files it is given, and FuzzTests replays the corpus in Tests/Fuzz/corpus through the same code.
        .target(
            name: "FuzzDriver", path: "Sources/Fuzz/FuzzDriver", swiftSettings: [.enableExperimentalFeature("Extern")]),
        .executableTarget(
            name: "fuzz-request", dependencies: ["FuzzDriver", "WuyeWire", "WuyeCore"],
            path: "Sources/Fuzz/fuzz-request"),
        .executableTarget(
            name: "fuzz-parsers", dependencies: ["FuzzDriver", "WuyeNLU", "WuyeData"], path: "Sources/Fuzz/fuzz-parsers"
        ),
        .executableTarget(
            name: "fuzz-intents", dependencies: ["FuzzDriver", "WuyeData", "WuyeNLU"], path: "Sources/Fuzz/fuzz-intents"
        ),
        .testTarget(name: "WuyeCoreTests", dependencies: ["WuyeCore"]),
        .testTarget(name: "WuyeNLUTests", dependencies: ["WuyeNLU"], exclude: ["Data"]),
        .testTarget(name: "WuyeDataTests", dependencies: ["WuyeData"]),
        .testTarget(
            name: "WuyeDialogueTests",
            dependencies: ["WuyeDialogue", "WuyeData", "WuyeCore", "WuyeNLU", .product(name: "Yams", package: "Yams")],
            exclude: ["Stories"]),
        .testTarget(name: "WuyeServerTests", dependencies: ["WuyeServer", "WuyeWire"]),
        .testTarget(name: "WuyeSQLiteTests", dependencies: ["WuyeSQLite", "WuyeCore"]),
        .testTarget(name: "WuyeConsoleTests", dependencies: ["WuyeConsole", "WuyeDialogue", "WuyeCore"]),
        .testTarget(name: "wuyeTests", dependencies: ["WuyeCore"]),
        .testTarget(
            name: "FuzzTests", dependencies: ["FuzzDriver", "fuzz-request", "fuzz-parsers", "fuzz-intents"],
            path: "Tests/Fuzz", exclude: ["corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
