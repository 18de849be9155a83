import TOMLKit

/// Finds secrets written in clear: secret keys of `[kafka]` and the contexts (`sasl_password`,
/// `ssl_key_password`, `schema_registry_auth`) and secret librdkafka properties whose value is
/// a literal string, not a `${NAME}` reference or a `{ command = "…" }` table.
enum ClearTextSecretScanner {
    /// The keys the registry's and the security settings' secrets are written under.
    static let secretKeys = KafkaSecurity.secretKeys.union(["schema_registry_auth"])

    /// Key paths (contexts with their index) of the secrets written in clear in `root`.
    static func scan(_ root: TOMLTable) -> [String] {
        var found: [String] = []
        if let kafka = root["kafka"]?.table { scan(kafka, path: "kafka", into: &found) }
        if let contexts = root["contexts"]?.array {
            for index in 0..<contexts.count {
                guard let context = contexts[index].table else { continue }
                scan(context, path: "contexts[\(index)]", into: &found)
            }
        }
        return found
    }

    /// A section's secret keys, then those of its `properties` table.
    private static func scan(_ table: TOMLTable, path: String, into found: inout [String]) {
        for key in table.keys.sorted() where secretKeys.contains(key) && isClear(table[key]) {
            found.append(path + "." + key)
        }
        guard let properties = table["properties"]?.table else { return }
        for key in properties.keys.sorted() where SecretMask.isSecret(key: key) && isClear(properties[key]) {
            found.append(path + ".properties." + ConfigRenderer.bareOrQuoted(key))
        }
    }

    private static func isClear(_ value: TOMLValueConvertible?) -> Bool {
        guard let text = value?.string else { return false }
        return !text.isEmpty && !EnvironmentReference.containsReference(text)
    }
}
