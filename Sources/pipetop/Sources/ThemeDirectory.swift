import Foundation
import PipeTopUI

/// The themes a user can pick: the built-in ones, replaced or joined by `Themes/*.toml` next
/// to the executable's repository and in `~/.config/pipetop/themes`.
enum ThemeDirectory {
    static func load() -> [Theme] {
        var themes = Theme.builtins
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        for dir in ["\(home)/.config/pipetop/themes"] {
            let (found, errors) = ThemeLoader.loadDirectory(dir)
            for e in errors { StandardError.print("pipetop: warning: \(e)") }
            for t in found {
                themes.removeAll { $0.name == t.name }
                themes.append(t)
            }
        }
        return themes
    }
}
