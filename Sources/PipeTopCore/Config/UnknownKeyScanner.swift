import TOMLKit

/// Finds keys the schema does not know, so a typo (`ui.fsp`) is reported instead of silently ignored.
enum UnknownKeyScanner {
    static func scan(_ root: TOMLTable, file: String) -> [ConfigWarning] {
        var warnings: [ConfigWarning] = []
        scan(root, schemaPath: "", displayPath: "", file: file, into: &warnings)
        return warnings
    }

    private static func scan(
        _ table: TOMLTable, schemaPath: String, displayPath: String, file: String,
        into warnings: inout [ConfigWarning]
    ) {
        for key in table.keys.sorted() {
            let schema = schemaPath.isEmpty ? key : schemaPath + "." + key
            let display = displayPath.isEmpty ? key : displayPath + "." + key
            if ConfigSchema.openTables.contains(schema) { continue }
            if ConfigSchema.sections.contains(ConfigSchema.canonical(schema)) {
                // Wrong shapes (a section that is not a table) are the decoder's type errors.
                if let sub = table[key]?.table {
                    scan(sub, schemaPath: schema, displayPath: display, file: file, into: &warnings)
                } else if let array = table[key]?.array {
                    for index in 0..<array.count {
                        guard let sub = array[index].table else { continue }
                        scan(
                            sub, schemaPath: schema, displayPath: display + "[\(index)]",
                            file: file, into: &warnings)
                    }
                }
                continue
            }
            if ConfigSchema.isKnown(schema) { continue }
            let suggestion = ConfigSchema.suggestion(
                forUnknown: key, under: schemaPath, displayParent: displayPath)
            warnings.append(ConfigWarning(file: file, keyPath: display, suggestion: suggestion))
        }
    }
}
