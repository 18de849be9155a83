import Foundation
import PipeTopCore

/// One topic-mapped pipeline (`[[pipelines]]`) read into the store: each message of its
/// scored, models and labels topics decoded in that topic's format, mapped to contract
/// events and ingested as a contract pipeline's events are. A message that does not decode,
/// or does not map, is counted against its topic with the reason (`unmappable: no key`).
/// Which version serves: where scored records carry their version, the one primary records
/// show (`ServingFromScored`), announced as a `promoted` model event; else the one the
/// newest models message names, and scored records take that version (until the models
/// topic has been read, none: version 0).
struct MappedPipelineReader {
    let config: PipelineConfig
    /// Nil when the scored topic speaks the contract.
    private var scored: MappedScoredDecoder?
    private var models: (decoder: MessageDecoder, mapping: ModelsMapping)?
    private var labels: (decoder: MessageDecoder, mapping: LabelsMapping)?
    private var contract = MessageIngestor()
    private var scratch = ScoredEvent()
    /// Per model, the version primary scored records show serving.
    private var servingFromScored = ServingFromScored()

    /// Sets up the decoders (reading local descriptor sets); throws a one-line reason.
    init(_ config: PipelineConfig, schemas: (any SchemaSource)?) throws(MappedPipelineError) {
        self.config = config
        if config.scored.format != .contract {
            scored = MappedScoredDecoder(pipeline: config.name, scored: config.scored,
                                         decoder: try MessageDecoder(mapping: config.scored, role: .scored, config.name, schemas))
        }
        if let m = config.models {
            let servingFromModels = config.scored.format == .contract || config.scored.fields["version"] == nil
            models = (try MessageDecoder(mapping: m, role: .models, config.name, schemas), ModelsMapping(pipeline: config.name, m, servingFromModels: servingFromModels))
        }
        if let l = config.labels {
            labels = (try MessageDecoder(mapping: l, role: .labels, config.name, schemas), LabelsMapping(pipeline: config.name, l))
        }
    }

    /// The topics to read and what each is to this pipeline.
    var topics: [(name: String, role: TopicMapping.Role)] {
        var out: [(String, TopicMapping.Role)] = [(config.scoredTopic, .scored)]
        if models != nil, let t = config.modelsTopic { out.append((t, .models)) }
        if labels != nil, let t = config.labelsTopic { out.append((t, .labels)) }
        return out
    }

    /// Maps `message`, of this pipeline's topic in `role`, into contract events for `state`
    /// (the store, or a recording).
    mutating func ingest<Sink: StoreSink>(_ message: KafkaMessage, as role: TopicMapping.Role, into state: inout Sink, arrivalMs: Int64) {
        guard let raw = message.value else { return }  // a tombstone says nothing here
        switch role {
        case .scored:
            guard var decoder = scored else {
                contract.ingest(raw, into: &state, source: message.topic, arrivalMs: arrivalMs)
                return
            }
            scored = nil  // `decoder` is the only copy while it changes
            defer { scored = decoder }
            let versionKnown: Bool
            do {
                versionKnown = try decoder.decode(message, into: &scratch)
            } catch {
                state.recordMalformed(source: message.topic, error: "\(config.name): \(error)", arrivalMs: arrivalMs)
                return
            }
            if !versionKnown, let serving = models?.mapping.serving(of: scratch.model) { scratch.version = serving }
            scratch.origin = MessageOrigin(message)
            if versionKnown, scratch.role == .primary,
               let promoted = servingFromScored.note(pipeline: config.name, model: scratch.model, version: scratch.version, tsMs: scratch.tsMs) {
                state.ingest(.model(promoted), source: message.topic, arrivalMs: arrivalMs)
            }
            state.ingest(scored: scratch, source: message.topic, arrivalMs: arrivalMs)
        case .models:
            guard var m = models else { return }
            models = nil  // `m` is the only copy while it changes
            defer { models = m }
            guard let value = decoded(message, &m.decoder, &state, arrivalMs) else { return }
            switch m.mapping.map(value, raw: raw, message) {
            case .success(let mapped):
                for e in mapped.events { state.ingest(.model(e), source: message.topic, arrivalMs: arrivalMs) }
                state.noteOrigin(MessageOrigin(message), pipeline: config.name, version: mapped.version, arrivalMs: arrivalMs)
            case .failure(let reason):
                unmappable(reason, message, &state, arrivalMs)
            }
        case .labels:
            guard var l = labels else { return }
            labels = nil  // `l` is the only copy while it changes
            defer { labels = l }
            guard let value = decoded(message, &l.decoder, &state, arrivalMs) else { return }
            switch l.mapping.map(value, message) {
            case .success(let event): state.ingest(.label(event), source: message.topic, arrivalMs: arrivalMs)
            case .failure(let reason): unmappable(reason, message, &state, arrivalMs)
            }
        }
    }

    /// The message's value decoded, or nil after counting why not.
    private func decoded<Sink: StoreSink>(_ message: KafkaMessage, _ decoder: inout MessageDecoder, _ state: inout Sink, _ arrivalMs: Int64) -> DecodedValue? {
        do {
            return try message.decodedValue(with: &decoder)
        } catch {
            state.recordMalformed(source: message.topic, error: "\(config.name): \(error)", arrivalMs: arrivalMs)
            return nil
        }
    }

    private func unmappable<Sink: StoreSink>(_ reason: Unmappable, _ message: KafkaMessage, _ state: inout Sink, _ arrivalMs: Int64) {
        state.recordMalformed(source: message.topic, error: "\(config.name): unmappable, \(reason.rawValue)", arrivalMs: arrivalMs)
    }
}
