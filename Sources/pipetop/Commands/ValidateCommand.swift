import ArgumentParser
import Foundation
import PipeTopCore

/// `pipetop validate`: checks NDJSON against the event contract with the decoder the dashboard
/// uses, and says what is wrong with each bad line.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check NDJSON events against the event contract.",
        discussion: """
            Reads one event per line (blank lines are skipped) and prints each bad line as \
            `line N: FIELD: expected …, got …`, at most --max-errors of them (then `… and N more`), \
            and a summary. Memory stays bounded whatever the file's size. Exit status: 0 every \
            event is valid, 1 some are not, 2 the file cannot be read, 64 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The NDJSON file (- for standard input).", valueName: "file"))
    var file: String

    @Option(help: "Bad lines to describe; the rest are counted.")
    var maxErrors = 20

    func run() throws {
        let handle: FileHandle
        do {
            handle = file == "-" ? FileHandle.standardInput : try RecordingFile.open(file)
        } catch {
            StandardError.print("pipetop: \(error)")
            throw ExitCode(2)
        }
        var validator = ContractValidator(maxReported: maxErrors)
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 20)
            } catch {
                StandardError.print("pipetop: \(RecordingFile.CannotRead(path: file, reason: FileErrorReason.of(error)))")
                throw ExitCode(2)
            }
            guard let data = chunk, !data.isEmpty else { break }
            data.withUnsafeBytes { validator.feed($0) { print($0) } }
        }
        validator.finish { print($0) }
        if validator.unreported > 0 { print("… and \(validator.unreported) more") }
        print(validator.summary)
        if validator.invalid > 0 { throw ExitCode.failure }
    }
}
