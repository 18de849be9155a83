import Foundation
import PipeTopCore
import TOMLKit

/// Reads `Themes/*.toml` files: a `name` and a `[roles]` table of `role = { fg, bg, bold, … }`.
///
/// Every mistake becomes a `ThemeError` naming the file and the key path, so a user editing a
/// theme learns exactly what to fix; unknown keys are errors, because a typo silently ignored
/// looks like a theme that does not work.
public enum ThemeLoader {
    static let styleKeys = ["fg", "bg", "bold", "dim", "reverse", "underline"]

    /// Reads and parses the theme file at `path`.
    public static func load(path: String) throws(ThemeError) -> Theme {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(file: path, reason: FileErrorReason.of(error))
        }
        return try parse(text, file: path)
    }

    /// Every `*.toml` theme in `directory`, sorted by file name, with the errors of the broken ones.
    public static func loadDirectory(_ directory: String) -> (themes: [Theme], errors: [ThemeError]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var themes: [Theme] = []
        var errors: [ThemeError] = []
        for name in names.sorted() where name.hasSuffix(".toml") {
            do {
                themes.append(try load(path: directory + "/" + name))
            } catch {
                errors.append(error)
            }
        }
        return (themes, errors)
    }

    /// Parses theme text; `file` names the source in messages and, without a `name` key, the theme.
    public static func parse(_ text: String, file: String) throws(ThemeError) -> Theme {
        let root: TOMLTable
        do {
            root = try TOMLText.parse(text)
        } catch {
            throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
        }
        for key in root.keys.sorted() where key != "name" && key != "roles" {
            throw .invalid(file: file, key: key, message: "unknown key (expected name, roles)")
        }
        var name = Self.baseName(file)
        if let value = root["name"] {
            guard let text = value.string, !text.isEmpty else {
                throw .invalid(file: file, key: "name", message: "must be a non-empty string")
            }
            name = text
        }
        guard let rolesValue = root["roles"] else {
            throw .invalid(file: file, key: "roles", message: "missing table")
        }
        guard let rolesTable = rolesValue.table else {
            throw .invalid(file: file, key: "roles", message: "must be a table")
        }
        var roles: [ThemeRole: Style] = [:]
        for key in rolesTable.keys.sorted() {
            guard let role = ThemeRole(rawValue: key) else {
                let known = ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalid(file: file, key: "roles.\(key)", message: "unknown role (expected one of \(known))")
            }
            guard let table = rolesTable[key]?.table else {
                throw .invalid(file: file, key: "roles.\(key)", message: "must be a table like { fg = \"red\" }")
            }
            roles[role] = try style(table, key: "roles.\(key)", file: file)
        }
        return Theme(name: name, roles: roles)
    }

    static func style(_ table: TOMLTable, key path: String, file: String) throws(ThemeError) -> Style {
        var style = Style()
        for key in table.keys.sorted() {
            let keyPath = path + "." + key
            guard let value = table[key] else { continue }
            switch key {
            case "fg", "bg":
                guard let text = value.string else {
                    throw .invalid(file: file, key: keyPath, message: "must be a colour name string")
                }
                guard let color = ColorName.parse(text) else {
                    throw .invalid(file: file, key: keyPath, message: "unknown colour \"\(text)\"")
                }
                if key == "fg" { style.fg = color } else { style.bg = color }
            case "bold", "dim", "reverse", "underline":
                guard let flag = value.bool else {
                    throw .invalid(file: file, key: keyPath, message: "must be true or false")
                }
                let modifier: Modifiers =
                    switch key {
                    case "bold": .bold
                    case "dim": .dim
                    case "reverse": .reverse
                    default: .underline
                    }
                if flag { style.modifiers.insert(modifier) }
            default:
                let expected = styleKeys.joined(separator: ", ")
                throw .invalid(file: file, key: keyPath, message: "unknown key (expected \(expected))")
            }
        }
        return style
    }

    static func baseName(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
    }
}
