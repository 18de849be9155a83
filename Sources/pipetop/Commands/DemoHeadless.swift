import ArgumentParser
import Dispatch
import Foundation
import PipeTopCore
import PipeTopDemo

/// Runs the demo pipeline without a UI on the caller's thread, whatever its sink (NDJSON or
/// Kafka topics), and prints the one-line summary on stderr: `pipetop demo --headless`.
enum DemoHeadless {
    /// Runs `runner` until `durationMs` of wall time pass, or until Ctrl-C or SIGTERM (which end
    /// the run cleanly: what was produced is flushed). `output` describes where the messages
    /// went, for the summary; it is asked after the run. A sink failure other than `ignoring`
    /// is printed and exits with `failureStatus`.
    static func run(
        _ runner: DemoRunner, durationMs: Int64?, failureStatus: Int32 = 1, ignoring: String? = nil,
        output: () -> String
    ) throws {
        let signals = StopSignals { runner.stop() }
        runner.run(durationMs: durationMs)
        let p = runner.progress
        let c = p.counters
        let wallSeconds = Double(p.wallMs) / 1_000
        let rate = wallSeconds > 0 ? Double(c.scored) / wallSeconds : 0
        StandardError.print(
            "pipetop demo: \(Format.duration(ms: p.wallMs)) wall, \(Format.duration(ms: p.eventMs)) of pipeline time; "
            + "\(c.scored) scored (\(Format.rate(rate))/s), \(c.shadow) shadow, \(c.labels) labels, "
            + "\(c.versionsPublished) versions published (\(c.versionsFailed) failed), \(c.faultsInjected) faults; "
            + output())
        if let failure = p.failure, failure != ignoring {
            StandardError.print("pipetop: \(failure)")
            throw ExitCode(failureStatus)
        }
        withExtendedLifetime(signals) {}
    }
}
