/// Decodes raw messages and feeds them to the store: the hot path every source shares.
///
/// It owns the decoder and one reused scored record, so a scored message is decoded in
/// place and handed to the store without a copy; keep one ingestor per source thread.
public struct MessageIngestor: Sendable {
    private var decoder: EventDecoder
    private var scratch = ScoredEvent()

    public init(decoder: EventDecoder = EventDecoder()) {
        self.decoder = decoder
    }

    /// Decodes `bytes` and ingests the event; a message that does not decode is counted
    /// against `source` (unknown types apart from malformed ones). Returns whether it decoded.
    @discardableResult
    public mutating func ingest<Sink: StoreSink>(_ bytes: UnsafeRawBufferPointer, into state: inout Sink, source: String, arrivalMs: Int64) -> Bool {
        do {
            switch try decoder.decode(bytes, scoredInto: &scratch) {
            case .scored: state.ingest(scored: scratch, source: source, arrivalMs: arrivalMs)
            case .other(let event): state.ingest(event, source: source, arrivalMs: arrivalMs)
            }
            return true
        } catch {
            state.record(undecodable: error, source: source, arrivalMs: arrivalMs)
            return false
        }
    }
}
