/// Where one field of a mapped pipeline's event comes from (`[pipelines.scored]` and the like):
/// a JSON Pointer into the decoded value, a part of the Kafka message, or a constant. Parsed
/// once when the configuration is read.
public enum FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// RFC 6901, into the decoded value (`/result/score`; `""` is the whole value).
    case pointer(JSONPointer)
    /// `@key`: the message key as text.
    case key
    /// `@timestamp`: the message timestamp, epoch milliseconds.
    case timestamp
    /// `@header:NAME`: that header's value as text (the last one when repeated).
    case header(String)
    case topic, partition, offset
    /// `@sequence` (models `version` only): the n-th distinct artifact of the model.
    case sequence
    /// `=text`: the same value for every message (`model = "=wine-model"`).
    case constant(String)

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String { "'\(text)' \(reason)" }
    }

    /// Parses `text` as written in the configuration.
    public init(parsing text: String) throws(ParseError) {
        if text.hasPrefix("=") {
            self = .constant(String(text.dropFirst()))
            return
        }
        if text.isEmpty || text.hasPrefix("/") {
            do { self = .pointer(try JSONPointer(parsing: text)) } catch { throw ParseError(text: text, reason: error.reason) }
            return
        }
        switch text {
        case "@key": self = .key
        case "@timestamp": self = .timestamp
        case "@topic": self = .topic
        case "@partition": self = .partition
        case "@offset": self = .offset
        case "@sequence": self = .sequence
        default:
            if text.hasPrefix("@header:"), text.count > "@header:".count {
                self = .header(String(text.dropFirst("@header:".count)))
                return
            }
            throw ParseError(
                text: text,
                reason: "is not a field selector: use a JSON Pointer (/a/b), @key, @timestamp, @header:NAME, @topic, @partition, @offset or =constant")
        }
    }

    /// As written in the configuration.
    public var description: String {
        switch self {
        case .pointer(let p): p.description
        case .key: "@key"
        case .timestamp: "@timestamp"
        case .header(let name): "@header:" + name
        case .topic: "@topic"
        case .partition: "@partition"
        case .offset: "@offset"
        case .sequence: "@sequence"
        case .constant(let text): "=" + text
        }
    }

    /// The value selected from `value` and `message`, nil when it does not resolve (a missing
    /// member, no key, no such header). `@sequence` is resolved by the models reader, not here.
    @inline(__always)
    public func resolve<M: MappedMessage>(in value: DecodedValue, _ message: M) -> DecodedValue? {
        switch self {
        case .pointer(let p): p.resolve(in: value)
        case .key: message.keyText.map(DecodedValue.string)
        case .timestamp: message.timestampMs.map(DecodedValue.int)
        case .header(let name): message.headerText(name).map(DecodedValue.string)
        case .topic: .string(message.topic)
        case .partition: .int(Int64(message.partition))
        case .offset: .int(message.offset)
        case .sequence: nil
        case .constant(let text): .string(text)
        }
    }
}
