/// Checks NDJSON against the event contract with the decoder every source uses, line by line
/// and in bounded memory: `pipetop validate`.
///
/// Feed it chunks of any size; each bad line is described as `line N: FIELD: expected …, got …`
/// (see `describe`), up to `maxReported` of them, and only counted past that. Blank lines are
/// skipped but counted in the line numbers.
public struct ContractValidator: Sendable {
    /// Bad lines described in full; the rest are only counted (`unreported`).
    public let maxReported: Int
    /// Longer lines are reported as such without being buffered.
    public let maxLineBytes: Int
    /// Non-blank lines checked.
    public private(set) var checked = 0
    /// Lines that are not contract events.
    public private(set) var invalid = 0
    private var decoder = EventDecoder()
    private var splitter: LineSplitter

    public init(maxReported: Int = 20, maxLineBytes: Int = 16 << 20) {
        self.maxReported = max(0, maxReported)
        self.maxLineBytes = maxLineBytes
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
        decoder = EventDecoder(maxMessageBytes: maxLineBytes)
    }

    /// Bad lines beyond `maxReported`.
    public var unreported: Int { max(0, invalid - maxReported) }

    /// Checks the complete lines of `chunk`, calling `report` with the description of each bad
    /// one (while fewer than `maxReported` were).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, report: (String) -> Void) {
        withSplitter { lines, validator in lines.feedNumbered(chunk) { validator.check($0, $1, report) } }
    }

    /// Checks what is left after the last newline.
    public mutating func finish(report: (String) -> Void) {
        withSplitter { lines, validator in lines.finishNumbered { validator.check($0, $1, report) } }
    }

    /// The closing line: `N events: all valid` or `N events: V valid, I invalid`.
    public var summary: String {
        let events = Format.counted(checked, "event")
        return invalid == 0 ? "\(events): all valid" : "\(events): \(checked - invalid) valid, \(invalid) invalid"
    }

    /// Runs `body` with the splitter moved out of `self` (so both can change without a copy
    /// of the partial line it holds).
    private mutating func withSplitter(_ body: (inout LineSplitter, inout ContractValidator) -> Void) {
        var lines = LineSplitter(maxLineBytes: maxLineBytes)
        swap(&lines, &splitter)
        body(&lines, &self)
        swap(&lines, &splitter)
    }

    private mutating func check(_ number: Int, _ line: UnsafeRawBufferPointer?, _ report: (String) -> Void) {
        checked += 1
        let problem: String
        if let line {
            do throws(DecodeError) {
                _ = try decoder.decode(line)
                return
            } catch {
                problem = Self.describe(error, in: line)
            }
        } else {
            problem = "longer than \(maxLineBytes) bytes"
        }
        invalid += 1
        if invalid <= maxReported { report("line \(number): \(problem)") }
    }

    /// What is wrong with a message, for a person: `scored.score: expected a number, got "high"`,
    /// `scored.key: missing`, `longer than N bytes`, or the JSON syntax error with its byte offset.
    public static func describe(_ error: DecodeError, in message: UnsafeRawBufferPointer) -> String {
        switch error.kind {
        case .missingField(let field): return "\(field): missing"
        case .messageTooLarge: return "longer than \(error.offset) bytes"
        default: break
        }
        guard let field = error.field, let expected = error.expected else { return "not a JSON event: \(error)" }
        let got = error.value(in: message).map { ", got \($0)" } ?? ""
        return "\(field): expected \(expected)\(got)"
    }
}
