/// The items a command's name arguments pick (`pipetop topics NAME…`, `pipetop groups NAME…`):
/// in the order named, each once, and the names no item has.
enum NamedSelection {
    static func pick<Item>(_ names: [String], from items: [Item], name: (Item) -> String) -> (picked: [Item], missing: [String]) {
        var seen = Set<String>()
        var picked: [Item] = []
        var missing: [String] = []
        for n in names where seen.insert(n).inserted {
            if let item = items.first(where: { name($0) == n }) { picked.append(item) } else { missing.append(n) }
        }
        return (picked, missing)
    }
}
