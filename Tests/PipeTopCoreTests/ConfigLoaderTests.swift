import Foundation
import Testing

@testable import PipeTopCore

/// A temporary home with the files a test writes, removed afterwards.
private struct Sandbox {
    let root: String

    init() throws { root = try makeTemporaryDirectory() }

    func file(_ relative: String, _ text: String) throws -> String {
        let path = root + "/" + relative
        try write(text, to: path)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

@Test func explicitPathWinsOverEverything() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let explicit = try sandbox.file("explicit.toml", "[ui]\nfps = 1")
    let fromVariable = try sandbox.file("env.toml", "[ui]\nfps = 2")
    _ = try sandbox.file("xdg/pipetop/pipetop.toml", "[ui]\nfps = 3")
    let environment = [
        "HOME": sandbox.root, "PIPETOP_CONFIG": fromVariable,
        "XDG_CONFIG_HOME": sandbox.root + "/xdg",
    ]
    let loaded = try ConfigLoader.load(explicitPath: explicit, environment: environment)
    #expect(loaded.path == explicit)
    #expect(loaded.config.ui.fps == 1)
}

@Test func environmentVariableComesBeforeTheUserConfig() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let fromVariable = try sandbox.file("env.toml", "[ui]\nfps = 2")
    _ = try sandbox.file("xdg/pipetop/pipetop.toml", "[ui]\nfps = 3")
    let environment = [
        "HOME": sandbox.root, "PIPETOP_CONFIG": fromVariable,
        "XDG_CONFIG_HOME": sandbox.root + "/xdg",
    ]
    let loaded = try ConfigLoader.load(explicitPath: nil, environment: environment)
    #expect(loaded.path == fromVariable)
    #expect(loaded.config.ui.fps == 2)
}

@Test func xdgConfigHomeReplacesDotConfig() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let xdg = try sandbox.file("xdg/pipetop/pipetop.toml", "[ui]\nfps = 3")
    _ = try sandbox.file(".config/pipetop/pipetop.toml", "[ui]\nfps = 4")
    let loaded = try ConfigLoader.load(
        explicitPath: nil,
        environment: ["HOME": sandbox.root, "XDG_CONFIG_HOME": sandbox.root + "/xdg"])
    #expect(loaded.path == xdg)
    #expect(loaded.config.ui.fps == 3)
}

@Test func homeDotConfigIsUsedWithoutXDG() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let home = try sandbox.file(".config/pipetop/pipetop.toml", "[ui]\nfps = 4")
    // A relative XDG_CONFIG_HOME is invalid per the XDG spec and ignored.
    let loaded = try ConfigLoader.load(
        explicitPath: nil, environment: ["HOME": sandbox.root, "XDG_CONFIG_HOME": "relative"])
    #expect(loaded.path == home)
    #expect(loaded.config.ui.fps == 4)
}

@Test func noFileMeansBuiltInDefaults() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let loaded = try ConfigLoader.load(explicitPath: nil, environment: ["HOME": sandbox.root])
    #expect(loaded == LoadedConfig(config: .defaults, path: nil))
    #expect(
        try ConfigLoader.load(explicitPath: nil, environment: [:])
            == LoadedConfig(config: .defaults, path: nil))
}

@Test func explicitOrEnvironmentPathsMustExist() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let missing = sandbox.root + "/missing.toml"
    #expect(throws: ConfigError.fileNotFound(path: missing, origin: "--config")) {
        try ConfigLoader.load(explicitPath: missing, environment: ["HOME": sandbox.root])
    }
    #expect(throws: ConfigError.fileNotFound(path: missing, origin: "$PIPETOP_CONFIG")) {
        try ConfigLoader.load(
            explicitPath: nil, environment: ["HOME": sandbox.root, "PIPETOP_CONFIG": missing])
    }
    #expect(
        String(describing: ConfigError.fileNotFound(path: "/x.toml", origin: "--config"))
            == "config file /x.toml (from --config) does not exist")
}

@Test func explicitPathExpandsTilde() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let path = try sandbox.file("my.toml", "[ui]\nfps = 7")
    let loaded = try ConfigLoader.load(
        explicitPath: "~/my.toml", environment: ["HOME": sandbox.root])
    #expect(loaded.path == path)
    #expect(loaded.config.ui.fps == 7)
}

@Test func aDirectoryIsNotAConfigFile() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    #expect(throws: ConfigError.unreadable(path: sandbox.root, reason: "it is a directory")) {
        try ConfigLoader.load(explicitPath: sandbox.root, environment: [:])
    }
}

@Test func errorsFromAFileNameThatFile() throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    let path = try sandbox.file("bad.toml", "[drift]\nbins = 1\n")
    #expect(
        throws: ConfigError.invalidValue(
            file: path, keyPath: "drift.bins", message: "must be between 2 and 100, got 1")
    ) {
        try ConfigLoader.load(explicitPath: path, environment: [:])
    }
}
