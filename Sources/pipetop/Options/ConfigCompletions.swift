import ArgumentParser
import Foundation
import PipeTopCore

/// Shell completions that read the user's configuration through `ConfigLoader`, the same file
/// the command would read: `--config PATH` on the line being completed, else `$PIPETOP_CONFIG`,
/// else `~/.config/pipetop/pipetop.toml`. A file that does not load completes nothing.
enum ConfigCompletions {
    /// `--context`: the names of the `[[contexts]]`.
    static let contexts = CompletionKind.custom { words, _, _ in
        configuration(words)?.contexts.map(\.name) ?? []
    }

    /// `--pipeline`: the `[[pipelines]]` (those of `--context NAME` when the line names one that
    /// has its own) and the `[control] protected_pipelines`.
    static let pipelines = CompletionKind.custom { words, _, _ in
        guard let config = configuration(words) else { return [] }
        let context = value(of: "--context", in: words).flatMap { config.context(named: $0) }
        let names = (context?.pipelines ?? config.pipelines).filter { !$0.isTemplate }.map(\.name) + config.control.protectedPipelines
        return names.reduce(into: [String]()) { unique, name in
            if !unique.contains(name) { unique.append(name) }
        }
    }

    /// `--theme`: the built-in themes and those of the theme directories.
    static let themes = CompletionKind.custom { _, _, _ in
        ThemeDirectory.load(warn: false).map(\.name)
    }

    /// The configuration the command line names, or nil when it does not load.
    static func configuration(_ words: [String]) -> PipeTopConfig? {
        try? ConfigLoader.load(
            explicitPath: value(of: "--config", in: words),
            environment: ProcessInfo.processInfo.environment
        ).config
    }

    /// The value given to `option` in `words`, as `--option value` or `--option=value`.
    static func value(of option: String, in words: [String]) -> String? {
        for (index, word) in words.enumerated() {
            if word == option, index + 1 < words.count { return words[index + 1] }
            if word.hasPrefix(option + "=") { return String(word.dropFirst(option.count + 1)) }
        }
        return nil
    }
}
