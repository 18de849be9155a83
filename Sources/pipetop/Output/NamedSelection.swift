#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The items a command's name arguments pick (`pipetop topics NAME…`, `pipetop groups NAME…`):
/// in the order named, each once, and the names no item has. A name with `*`, `?` or `[` is a
/// shell pattern (`'payments.*'`, `'fraud-scorer-?'`) and picks every item it matches, in the
/// items' order; a pattern that matches nothing is missing too.
enum NamedSelection {
    static func pick<Item>(_ names: [String], from items: [Item], name: (Item) -> String) -> (picked: [Item], missing: [String]) {
        var seen = Set<String>()
        var picked: [Item] = []
        var missing: [String] = []
        for n in names {
            let matching = isPattern(n) ? items.filter { fnmatch(n, name($0), 0) == 0 } : items.first { name($0) == n }.map { [$0] } ?? []
            if matching.isEmpty, seen.insert("\u{0}" + n).inserted { missing.append(n) }
            for item in matching where seen.insert(name(item)).inserted { picked.append(item) }
        }
        return (picked, missing)
    }

    /// What `missing` (from `pick`) names, for "no topic …": `named a, b`, `matching p*`,
    /// `named a or matching p*`.
    static func naming(_ missing: [String]) -> String {
        let names = missing.filter { !isPattern($0) }.joined(separator: ", ")
        let patterns = missing.filter(isPattern).joined(separator: ", ")
        if patterns.isEmpty { return "named " + names }
        return names.isEmpty ? "matching " + patterns : "named \(names) or matching \(patterns)"
    }

    /// Whether `name` is a shell pattern rather than a name.
    static func isPattern(_ name: String) -> Bool {
        name.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }
}
