import ArgumentParser
import Foundation
import PipeTopCore

/// `pipetop audit`: the audit log of control commands, as a table or as its JSON lines.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit log of control commands (sent, applied, rejected, timed out, abandoned, refused).",
        discussion: "The log is `[control] audit_log` (default $XDG_STATE_HOME/pipetop/audit.jsonl)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Only entries at or after this time (RFC 3339, epoch ms, or a duration ago such as 1h).", valueName: "time"))
    var since: String?

    @Flag(help: "Print the entries as JSON lines, as stored.")
    var json = false

    @Option(help: ArgumentHelp("Read this file instead of the configured audit log.", valueName: "path"))
    var file: String?

    /// For the crash-safety test only: append this many entries to --file as fast as possible.
    @Option(name: .customLong("append-test-entries"), help: .hidden)
    var appendTestEntries: Int?

    func run() throws {
        let config = try ConfigResolution.resolve(global, overrides: global.overrides).effective
        let path = file ?? config.auditLogPath
        if let n = appendTestEntries {
            let log = try AuditLog(path: path)
            for i in 0..<n {
                let command = ControlCommand(
                    pipeline: "crash-test", tsMs: SystemWallClock().nowMs(), id: "entry-\(getpid())-\(i)", action: .promote,
                    model: "m", version: i, fromVersion: i - 1, requestedBy: "crash-test", reason: String(repeating: "r", count: i % 300))
                log.append(AuditEntry(command, outcome: .pending, atMs: command.tsMs))
            }
            return
        }
        let sinceMs = try since.map(Self.sinceMilliseconds)
        guard FileManager.default.fileExists(atPath: path) else {
            StandardError.print("pipetop: no audit log at \(path) yet (no command has been sent)")
            return
        }
        let (entries, unreadable) = try AuditLog.read(path)
        let shown = entries.filter { e in sinceMs.map { (e.epochMilliseconds ?? 0) >= $0 } ?? true }
        if json {
            for e in shown { print(e.jsonLine()) }
        } else {
            print("TIME                     OUTCOME          ACTION    PIPELINE/MODEL              FROM  TO    USER                 ID        REASON / DETAIL")
            for e in shown {
                let target = "\(e.pipeline)/\(e.model)"
                let note = [e.reason, e.detail].compactMap { $0 }.joined(separator: " — ")
                print([TextColumns.pad(e.time, 24), TextColumns.pad(e.outcome, 16), TextColumns.pad(e.action, 9), TextColumns.pad(target, 27), TextColumns.pad(e.from.map { "v\($0)" } ?? "-", 5),
                       TextColumns.pad(e.to.map { "v\($0)" } ?? "-", 5), TextColumns.pad(e.user, 20), TextColumns.pad(String(e.id.prefix(8)), 9), note].joined(separator: " "))
            }
        }
        if unreadable > 0 { StandardError.print("pipetop: \(unreadable) line(s) of \(path) are not audit entries (skipped)") }
    }


    /// RFC 3339 or epoch ms, or a duration meaning that long ago.
    static func sinceMilliseconds(_ text: String) throws -> Int64 {
        if let ms = try? TimestampText.parseEpochMilliseconds(text) { return ms }
        do {
            return SystemWallClock().nowMs() - DurationText.milliseconds(try DurationText.parse(text))
        } catch {
            throw ValidationError("--since '\(text)' is neither a time (RFC 3339, epoch ms) nor a duration (10m, 1h)")
        }
    }
}
