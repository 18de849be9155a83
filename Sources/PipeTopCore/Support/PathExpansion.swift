/// Expands a leading `~` against `$HOME`; `~user` is left alone (it would need the password database).
enum PathExpansion {
    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty
        else { return path }
        return home + path.dropFirst()
    }
}
