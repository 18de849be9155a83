import Foundation
import PipeTopUI

/// The themes a user can pick: the built-in ones, replaced or joined by the `*.toml` files of
/// `share/pipetop/themes` beside an installed executable (`PREFIX/bin/pipetop` reads
/// `PREFIX/share/pipetop/themes`, where `make install` puts `Themes/`), then by those of
/// `~/.config/pipetop/themes`.
enum ThemeDirectory {
    /// The directories read, in order (a later theme of the same name wins).
    static var directories: [String] {
        var dirs: [String] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let prefix = executable.deletingLastPathComponent().deletingLastPathComponent()
            dirs.append(prefix.appendingPathComponent("share/pipetop/themes").path)
        }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        dirs.append("\(home)/.config/pipetop/themes")
        return dirs
    }

    /// Every theme; a broken theme file is reported on stderr when `warn` is true (the
    /// dashboard), and skipped silently when not (shell completion, which must print nothing else).
    static func load(warn: Bool = true) -> [Theme] {
        var themes = Theme.builtins
        for dir in directories {
            let (found, errors) = ThemeLoader.loadDirectory(dir)
            if warn {
                for e in errors { StandardError.print("pipetop: warning: \(e)") }
            }
            for t in found {
                themes.removeAll { $0.name == t.name }
                themes.append(t)
            }
        }
        return themes
    }
}
