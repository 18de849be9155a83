/// Encoded messages (topic, key, value) in one contiguous buffer, so a producer hands over
/// thousands of messages without allocating per message.
public struct MessageBatch: Sendable {
    /// Where one message lies in `bytes`: key in `keyStart..<keyEnd`, value in `keyEnd..<valueEnd`.
    public struct Entry: Sendable, Hashable {
        public var topic: Topic
        public var keyStart: Int
        public var keyEnd: Int
        public var valueEnd: Int
    }

    public private(set) var bytes: [UInt8] = []
    public private(set) var entries: [Entry] = []

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// Bytes held (keys and values), for bounding queues.
    public var byteCount: Int { bytes.count }

    /// Appends a message whose value `writeValue` appends to the buffer it is given.
    public mutating func append(topic: Topic, key: String, writeValue: (inout [UInt8]) -> Void) {
        append(topic: topic, writeKey: { $0.append(contentsOf: key.utf8) }, writeValue: writeValue)
    }

    /// Appends a message whose key and value the closures append to the buffer they are given.
    public mutating func append(
        topic: Topic, writeKey: (inout [UInt8]) -> Void, writeValue: (inout [UInt8]) -> Void
    ) {
        let keyStart = bytes.count
        writeKey(&bytes)
        let keyEnd = bytes.count
        writeValue(&bytes)
        entries.append(Entry(topic: topic, keyStart: keyStart, keyEnd: keyEnd, valueEnd: bytes.count))
    }

    /// Appends `event`, encoded as contract JSON, on its topic and with its message key.
    public mutating func append(_ event: Event) {
        append(topic: Topic(for: event.type), key: event.messageKey) { EventEncoder.encode(event, into: &$0) }
    }

    /// Appends a message with raw value bytes (which need not be valid JSON).
    public mutating func append(topic: Topic, key: String, value: some Sequence<UInt8>) {
        append(topic: topic, key: key) { $0.append(contentsOf: value) }
    }

    /// Appends every message of `other`.
    public mutating func append(contentsOf other: MessageBatch) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        for e in other.entries {
            entries.append(Entry(topic: e.topic, keyStart: e.keyStart + base, keyEnd: e.keyEnd + base, valueEnd: e.valueEnd + base))
        }
    }

    /// Calls `body` with each message in order.
    public func forEach(
        _ body: (_ topic: Topic, _ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
        try bytes.withUnsafeBytes { all in
            for e in entries {
                try body(
                    e.topic, UnsafeRawBufferPointer(rebasing: all[e.keyStart..<e.keyEnd]),
                    UnsafeRawBufferPointer(rebasing: all[e.keyEnd..<e.valueEnd]))
            }
        }
    }

    /// The value of message `index` as a string (for tests and logs).
    public func valueText(at index: Int) -> String {
        let e = entries[index]
        return String(decoding: bytes[e.keyEnd..<e.valueEnd], as: UTF8.self)
    }

    /// The key of message `index` as a string.
    public func keyText(at index: Int) -> String {
        let e = entries[index]
        return String(decoding: bytes[e.keyStart..<e.keyEnd], as: UTF8.self)
    }

    public mutating func removeAll(keepingCapacity: Bool = true) {
        bytes.removeAll(keepingCapacity: keepingCapacity)
        entries.removeAll(keepingCapacity: keepingCapacity)
    }
}
