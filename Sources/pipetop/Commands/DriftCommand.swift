import ArgumentParser
import Foundation
import PipeTopCore

/// `pipetop drift`: PSI, KS and JS between two files of numbers, computed as the dashboard does.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Compare two samples: PSI, KS statistic and p-value, Jensen–Shannon distance.",
        discussion: """
            Each file holds one number per line; blank lines and lines starting with # are \
            skipped. Bins are equal-frequency bins from the reference's quantiles. `-` reads \
            standard input (for one of the two files). Exit status: 0 success, 1 unreadable or \
            bad input, 64 usage error.
            """
    )

    @Option(help: ArgumentHelp("The reference sample, one number per line (- for stdin).", valueName: "file"))
    var reference: String

    @Option(help: ArgumentHelp("The current sample, one number per line (- for stdin).", valueName: "file"))
    var current: String

    @Option(help: "Equal-frequency bins from the reference (2…1000).")
    var bins = 10

    @Flag(help: #"Print {"psi":…,"ks":…,"ks_pvalue":…,"js":…,"n":…,"m":…} on one line."#)
    var json = false

    @Flag(help: ArgumentHelp(
        "Compute as from summaries: the current sample only as counts per bin, KS approximate (≈) from the binned CDFs.",
        discussion: "What the dashboard shows for a version whose drift comes from its scorers' histograms (docs/drift.md)."))
    var summaries = false

    func validate() throws {
        // Reported here as one line (not ArgumentParser's message plus usage) but with its exit code.
        guard (DriftComparison.minBins...DriftComparison.maxBins).contains(bins) else {
            Self.printError("--bins must be between \(DriftComparison.minBins) and \(DriftComparison.maxBins), got \(bins)")
            throw ExitCode.validationFailure
        }
        guard !(reference == "-" && current == "-") else {
            Self.printError("--reference and --current cannot both be - (standard input)")
            throw ExitCode.validationFailure
        }
    }

    func run() throws {
        let report: DriftReport
        do {
            let referenceValues = try Self.readNumbers(reference)
            let currentValues = try Self.readNumbers(current)
            report = try DriftComparison.compare(reference: referenceValues, current: currentValues, bins: bins, summaries: summaries)
        } catch let error as NumberFileError {
            Self.printError(error.description)
            throw ExitCode.failure
        } catch let error as DriftError {
            // The reader rejects empty and non-finite input first, so this is a safety net.
            Self.printError(error.description)
            throw ExitCode.failure
        }
        print(json ? Self.json(report) : Self.table(report, bins: bins))
    }

    private static func readNumbers(_ path: String) throws(NumberFileError) -> [Double] {
        let source = path == "-" ? "<stdin>" : path
        return try NumberFileReader.parse(String(decoding: try readData(path), as: UTF8.self), source: source)
    }

    private static func readData(_ path: String) throws(NumberFileError) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(source: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(source: path, reason: "is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(source: path, reason: "permission denied or I/O error")
        }
        return data
    }

    /// Swift's shortest round-trip spelling of a double is valid JSON for every finite value,
    /// and every value here is finite (the inputs are, and PSI's empty shares are floored).
    static func json(_ r: DriftReport) -> String {
        func number(_ x: Double?) -> String {
            guard let x, x.isFinite else { return "null" }
            return "\(x)"
        }
        let approximate = r.ksApproximate ? #","ks_approximate":true,"ks_bound":\#(number(r.ksBound)),"source":"summaries""# : ""
        return #"{"psi":\#(number(r.psi)),"ks":\#(number(r.ks)),"ks_pvalue":\#(number(r.ksPValue)),"#
            + #""js":\#(number(r.js)),"n":\#(r.referenceCount),"m":\#(r.currentCount)\#(approximate)}"#
    }

    static func table(_ r: DriftReport, bins: Int) -> String {
        func fixed(_ x: Double?) -> String { x.map { String(format: "%.6f", $0) } ?? "-" }
        let approximate = r.ksApproximate ? "≈" : ""
        let bound = r.ksBound.map { "  (from binned CDFs: the exact KS is at most \(fixed($0)) more)" } ?? ""
        var rows: [(String, String)] = [
            ("psi", fixed(r.psi)),
            ("ks", r.ks.map { approximate + fixed($0) + bound } ?? "-"),
            // p-values span hundreds of orders of magnitude; fixed-point would show 0.000000.
            ("ks_pvalue", r.ksPValue.map { approximate + String(format: "%.6g", $0) } ?? "-"),
            ("js", fixed(r.js)),
            ("n", "\(r.referenceCount)"),
            ("m", "\(r.currentCount)"),
            ("bins", "\(bins)"),
            ("severity", r.severity.rawValue + (r.meaningful ? "" : " (not meaningful: a sample has fewer than \(DriftSettings().minMeaningful) values)")),
        ]
        if r.ksApproximate { rows.append(("source", "from summaries (the current sample as counts per bin)")) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.1 }
            .joined(separator: "\n")
    }

    private static func printError(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }
}
