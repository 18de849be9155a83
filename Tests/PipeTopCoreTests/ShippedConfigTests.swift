import Foundation
import Testing

@testable import PipeTopCore

/// `Config/pipetop.toml` at the top of the repository, found from this file so `swift test` can run anywhere.
private let shippedConfigPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Config/pipetop.toml").path

@Test func shippedConfigParsesToExactlyTheBuiltInDefaults() throws {
    let loaded = try ConfigLoader.loadFile(shippedConfigPath, environment: testEnvironment)
    #expect(loaded.config == PipeTopConfig.defaults)
    #expect(loaded.warnings.isEmpty)
}

/// `Config/examples/*.toml`: each parses without a warning and describes its pipelines.
@Test func exampleConfigurationsParseWithoutWarnings() throws {
    let directory = (shippedConfigPath as NSString).deletingLastPathComponent + "/examples"
    let expected = ["lightbend-model-serving.toml": ["wine"], "seldon-core-v2.toml": ["iris"], "json-and-avro.toml": ["churn", "fraud"],
                    "foreign-pipeline.toml": ["wine"]]
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".toml") }.sorted()
    #expect(files == expected.keys.sorted())
    for file in files {
        let loaded = try ConfigLoader.loadFile(directory + "/" + file, environment: testEnvironment)
        #expect(loaded.warnings.isEmpty, "\(file): \(loaded.warnings)")
        #expect(loaded.config.pipelines.map(\.name) == expected[file], "\(file)")
    }
}

@Test func shippedConfigDocumentsEveryKeyOfTheSchema() throws {
    let text = try String(contentsOfFile: shippedConfigPath, encoding: .utf8)
    let documented = DocumentedKeys.scan(text)
    let missing = ConfigSchema.keyPaths.filter { !documented.contains($0) }
    #expect(missing.isEmpty, "keys not documented in Config/pipetop.toml: \(missing)")
    // And nothing documented that the schema does not know (a renamed key left behind).
    let unknown = documented.filter {
        !ConfigSchema.keyPaths.contains($0) && !ConfigSchema.openTables.contains($0)
    }
    #expect(unknown.isEmpty, "documented keys the schema does not know: \(unknown.sorted())")
}

@Test func documentedKeyScanSeesCommentedAndActiveKeys() {
    let keys = DocumentedKeys.scan(
        """
        [ui]
        fps = 10
        # theme = "x"
        [ui.keymap]
        # promote = "P"
        # [[contexts]]
        # name = "prod"
        """)
    #expect(keys == ["ui.fps", "ui.theme", "ui.keymap", "contexts.name"])
}

/// Key paths a documented TOML file assigns, commented out or not; keys inside free-form tables
/// (`[kafka.properties]`, `[ui.keymap]`) are examples, not schema keys, so they are skipped.
private enum DocumentedKeys {
    static func scan(_ text: String) -> Set<String> {
        var keys: Set<String> = []
        var section = ""
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine).drop { $0 == " " }
            if line.hasPrefix("#") { line = line.dropFirst().drop { $0 == " " } }
            // A header is the whole line; prose like "[kafka.properties]; read_only…" is not one.
            if line.hasPrefix("["), line.trimmingCharacters(in: .whitespaces).hasSuffix("]") {
                let name = line.filter { $0 != "[" && $0 != "]" }.trimmingCharacters(
                    in: .whitespaces)
                section = name
                if name.contains(".") { keys.insert(name) }
                continue
            }
            guard !ConfigSchema.openTables.contains(section),
                let equals = line.firstIndex(of: "="),
                case let key = line[..<equals].trimmingCharacters(in: .whitespaces),
                !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" })
            else { continue }
            keys.insert(section.isEmpty ? key : section + "." + key)
        }
        return keys
    }
}

/// `docs/configuration.md` has every key of the schema in the section of its table
/// (`[drift]`, `[[contexts]]`…), so the reference cannot fall behind the code.
@Test func theConfigurationReferenceDocumentsEveryKey() throws {
    let path = (shippedConfigPath as NSString).deletingLastPathComponent + "/../docs/configuration.md"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var sections: [String: String] = [:]
    for part in text.components(separatedBy: "\n## ").dropFirst() {
        let heading = part.prefix { $0 != "\n" }
        let name = heading.trimmingCharacters(in: CharacterSet(charactersIn: "`[] "))
        sections[name] = String(part)
    }
    let missing = ConfigSchema.keyPaths.filter { path in
        let parts = path.split(separator: ".")
        guard let section = parts.first.map(String.init), let leaf = parts.last else { return true }
        return !(sections[section]?.contains("`\(leaf)`") ?? false)
    }
    #expect(missing.isEmpty, "keys not in docs/configuration.md: \(missing)")
}
