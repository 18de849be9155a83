import PipeTopKafka

/// What `pipetop tail` prints with: contract events (`TailPrinter`, the fast path of the four
/// contract topics) or decoded values of any other format (`ValueTailPrinter`). The reading
/// loops are generic over it, so each printer runs without a box or a copy per message.
protocol TailOutput {
    /// Whether `--count` has been reached.
    var done: Bool { get }
    /// Handles one message value (`message` is nil for a recording's line).
    mutating func handle(_ value: UnsafeRawBufferPointer?, message: KafkaMessage?, into out: inout StandardOutputBuffer) throws(TailPrinter.Stop)
    /// The end-of-run line on stderr, when messages were skipped.
    func summarize()
}

extension TailPrinter: TailOutput {
    mutating func handle(_ value: UnsafeRawBufferPointer?, message: KafkaMessage?, into out: inout StandardOutputBuffer) throws(TailPrinter.Stop) {
        try handle(value ?? UnsafeRawBufferPointer(start: nil, count: 0), message: message, into: &out)
    }

    func summarize() {
        if malformed > 0 { StandardError.print("pipetop: skipped \(malformed) malformed message\(malformed == 1 ? "" : "s")") }
    }
}

extension ValueTailPrinter: TailOutput {
    func summarize() {
        if malformed > 0 {
            StandardError.print("pipetop: skipped \(malformed) message\(malformed == 1 ? "" : "s") that did not decode (first: \(firstError ?? "?"))")
        }
    }
}
