import Foundation
import Testing

/// A real terminal for end-to-end tests: a tmux session on a private server, typed into with
/// `send-keys` and read with `capture-pane`.
final class TmuxSession {
    let socket: String
    let name = "pipetop"

    /// Starts `command` in a new session of `columns`×`rows`; after it exits the pane runs
    /// `stty -a` and waits, so tests can read how the terminal was left.
    init(command: String, columns: Int = 120, rows: Int = 40) throws {
        socket = "pipetop-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let shell = "LANG=C.UTF-8 TERM=xterm-256color SWIFT_BACKTRACE=interactive=no \(command); echo EXITED $?; stty -a; sleep 60"
        // Started through the shell, not `Process`: the tmux server this forks would inherit the
        // descriptors `Process` watches, and the test would wait on them for ever.
        let line = (["tmux", "-L", socket, "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-s", name, shell])
            .map(Self.quote).joined(separator: " ")
        guard system(line + " </dev/null >/dev/null 2>&1") == 0 else {
            throw TmuxError(message: "cannot start tmux: \(line)")
        }
    }

    /// Single-quotes a word for `sh`.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    deinit {
        _ = system((["tmux", "-L", socket, "kill-server"]).map(Self.quote).joined(separator: " ") + " >/dev/null 2>&1")
    }

    /// Runs a tmux command on this session's server. One tmux reports as failed is tried again
    /// (on a loaded machine the client may miss the server), then is an error: a key that never
    /// arrived would otherwise show up later as a screen that never changed.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        var failure = ""
        for attempt in 0..<3 {
            if attempt > 0 { usleep(200_000) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tmux", "-L", socket] + arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            let said = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationStatus == 0 { return String(decoding: data, as: UTF8.self) }
            failure = "exit \(process.terminationStatus): " + String(decoding: said, as: UTF8.self)
        }
        throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) failed: \(failure)")
    }

    func send(_ keys: String...) throws {
        for key in keys {
            try tmux(["send-keys", "-t", name, key])
            // An escape followed at once by a key reads as alt+key, as in any terminal program.
            if key == "Escape" { usleep(150_000) }
        }
    }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    func screen() throws -> String {
        try tmux(["capture-pane", "-p", "-t", name])
    }

    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Waits up to `seconds` for the screen to satisfy `condition`; returns the last screen.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(100_000)
        }
        Issue.record("timed out waiting for \(what); the screen was:\n\(last)", sourceLocation: sourceLocation)
        return last
    }

    @discardableResult
    func waitFor(text: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// The process id of the program in the pane (its shell's child).
    func programPID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pgrep", "-P", shell, "pipetop"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Int32(String(decoding: data, as: UTF8.self).split(separator: "\n").first ?? "")
    }
}

/// tmux could not be started.
struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
