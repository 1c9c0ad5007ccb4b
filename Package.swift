// swift-tools-version:6.0
// Switchboard: a terminal softphone and buddy list.
// Targets are listed lowest first; imports only point down (docs/DECISIONS.md).
import PackageDescription

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.30.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C at the edge: system libraries and one small shim per library.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "COsip2", pkgConfig: "libosip2", providers: [.apt(["libosip2-dev"])]),
        .systemLibrary(name: "CAlsa", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
        .target(name: "COsipShim", dependencies: ["COsip2"],
                linkerSettings: [.linkedLibrary("osipparser2")]),
        .target(name: "CCursesShim", dependencies: ["CNcursesw"],
                linkerSettings: [.linkedLibrary("ncursesw"), .linkedLibrary("tinfo")]),

        // SIP message core over libosip2: values, parse, serialize, validate. No I/O.
        .target(name: "SIPCore", dependencies: [
            "COsipShim",
        ]),
        // Digest authentication (RFC 7616, RFC 8760): challenges, credentials, responses.
        .target(name: "SIPAuth", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // RFC 3261 section 17 transactions as pure state machines on an injectable clock.
        .target(name: "SIPTransaction", dependencies: ["SIPCore"]),
        // UDP, TCP and TLS on SwiftNIO: framing, connection reuse, keepalive.
        .target(name: "SIPTransport", dependencies: [
            "SIPCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Registration, dialogs, sessions, publication, subscriptions: pure state
        // machines, plus the one driver that binds them to transport and clock.
        .target(name: "SIPUA", dependencies: [
            "SIPCore", "SIPAuth", "SIPTransaction", "SIPTransport",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Presence documents: PIDF, RPID, data model, timed-status, geopriv,
        // dialog-info, watcherinfo, pres-rules; merge rules.
        .target(name: "Presence", dependencies: ["SIPCore"]),
        // RTP/RTCP, G.711, jitter buffer, DTMF, audio devices (ALSA, file, null, tone).
        .target(name: "Media", dependencies: [
            "SIPCore", "CAlsa",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // XCAP (RFC 4825) over HTTP/1.1 on SwiftNIO with digest authentication:
        // whole documents in and out as bytes (pres-rules are Presence's business).
        .target(name: "XCAP", dependencies: [
            "SIPAuth",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Persistence: call history, buddies, messages, publication ETags: one SQLite file, atomic writes.
        .target(name: "Store", dependencies: [
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Configuration: TOML file, XDG paths, account settings from flags and environment.
        .target(name: "Config", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
        // The one owner of state: accounts and registrations now; calls,
        // buddies and messages later. Commands in, events out, snapshot().
        .target(name: "PhoneCore", dependencies: [
            "SIPCore", "SIPAuth", "SIPTransport", "SIPUA", "Config", "Presence", "Media", "Store", "XCAP",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // The command grammar shared by argv, the TUI prompt and the control socket.
        .target(name: "Commands", dependencies: [
            "SIPCore", "SIPAuth", "Config", "PhoneCore", "Control", "Store", "Presence", "XCAP",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Unix-domain control socket: newline-delimited JSON requests, replies and events.
        .target(name: "Control", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The full-screen terminal UI: views render to a Driver (curses on a
        // dedicated UI thread, or an in-memory cell grid in tests); themes, keys.
        .target(name: "TUI", dependencies: [
            "Commands", "PhoneCore", "Control", "CCursesShim",
            .product(name: "TOMLKit", package: "TOMLKit"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "switchboard", dependencies: ["Commands", "TUI"]),

        // Test support: fixtures and the harness that starts real servers.
        .target(name: "SwitchboardTestKit", dependencies: ["SIPCore"]),

        .testTarget(name: "SIPCoreTests", dependencies: [
            "SIPCore", "SwitchboardTestKit",
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "CursesShimTests", dependencies: ["CCursesShim"]),
        // Benchmarks that need no server (swift run -c release tui-render-bench).
        .executableTarget(name: "tui-render-bench", dependencies: ["TUI"], path: "Benchmarks/TUIRender"),
        .testTarget(name: "SIPAuthTests", dependencies: ["SIPAuth", "SwitchboardTestKit"]),
        .testTarget(name: "SIPTransactionTests", dependencies: ["SIPTransaction", "SwitchboardTestKit"]),
        .testTarget(name: "SIPTransportTests", dependencies: [
            "SIPTransport", "SwitchboardTestKit",
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "SIPUATests", dependencies: ["SIPUA", "SwitchboardTestKit"]),
        .testTarget(name: "ControlTests", dependencies: ["Control", "SwitchboardTestKit"]),
        .testTarget(name: "PhoneCoreTests", dependencies: ["PhoneCore", "SIPUA", "SIPCore", "Config", "Presence", "SwitchboardTestKit"]),
        .testTarget(name: "PresenceTests", dependencies: ["Presence", "SwitchboardTestKit"]),
        .testTarget(name: "MediaTests", dependencies: ["Media", "SwitchboardTestKit"]),
        .testTarget(name: "StoreTests", dependencies: [
            "Store", "SwitchboardTestKit",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "PhoneCore", "SwitchboardTestKit"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "SwitchboardTestKit"]),
        .testTarget(name: "XCAPTests", dependencies: [
            "XCAP", "SIPAuth", "SwitchboardTestKit",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "CommandsTests", dependencies: ["Commands", "Store", "SwitchboardTestKit"]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "SIPCore", "SIPAuth", "PhoneCore", "Config", "Control", "Presence", "XCAP", "Media", "Store", "SwitchboardTestKit",
        ]),
    ]
)
