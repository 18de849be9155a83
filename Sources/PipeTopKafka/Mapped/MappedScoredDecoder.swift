import PipeTopCore

/// A mapped pipeline's scored records turned into contract scored events: decoded in the
/// topic's format (a JSON topic read for the mapped fields only, `JSONPointerReader`; any
/// other through its decoded tree) and mapped (`ScoredMapping`). The dashboard's source and
/// `pipetop tail --pipeline` read mapped scored topics through it.
public struct MappedScoredDecoder {
    public let pipeline: String
    private let mapping: ScoredMapping
    private var decoder: MessageDecoder
    private var pointers: JSONPointerReader?
    private var values: [DecodedValue?] = []

    /// - Precondition: `scored.format` is not `contract` (those records need no mapping).
    public init(pipeline: String, scored: TopicMapping, decoder: MessageDecoder) {
        self.pipeline = pipeline
        mapping = ScoredMapping(pipeline: pipeline, scored)
        self.decoder = decoder
        if scored.format == .json { pointers = JSONPointerReader(mapping.pointers, numbersAt: mapping.featuresSlot) }
    }

    /// Maps `message` into `event` (its storage reused); whether its version was mapped. An
    /// error, one line, when the value does not decode or does not map (`unmappable: no key`).
    public mutating func decode(_ message: KafkaMessage, into event: inout ScoredEvent) throws(ValueDecodeError) -> Bool {
        let mapped: Result<Bool, Unmappable>
        if var reader = pointers {
            guard let raw = message.value else { throw ValueDecodeError("a null value (tombstone)") }
            pointers = nil  // `reader` is the only copy while it changes
            defer { pointers = reader }
            try reader.read(raw, into: &values, numbers: &event.features)
            mapped = mapping.map(values: values, message, into: &event)
        } else {
            guard let value = try message.decodedValue(with: &decoder) else { throw ValueDecodeError("a null value (tombstone)") }
            mapped = mapping.map(value, message, into: &event)
        }
        switch mapped {
        case .success(let versionKnown): return versionKnown
        case .failure(let reason): throw ValueDecodeError("unmappable, " + reason.rawValue)
        }
    }
}
