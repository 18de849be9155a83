/// The names an unknown one could have been, for a one-line error: the first ten, then how many
/// in all (a fleet's thousand pipelines are not one line).
enum KnownNames {
    static func listed(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", … \(names.count) in all" : "")
    }
}
