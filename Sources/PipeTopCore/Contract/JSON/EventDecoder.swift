/// Decodes contract messages from raw JSON bytes: strict RFC 8259, typed errors with byte offsets,
/// and an allocation-free path for `scored` records.
///
/// A hand-written parser rather than `JSONDecoder`: it reads the bytes once (twice when
/// `type` is not the first member), compares member names as packed words, and can decode
/// into a reused `ScoredEvent`. It is total on arbitrary input: linear time, bounded
/// nesting, never traps. Contract rules beyond JSON: unknown members are skipped; a repeated
/// member's last value wins (repeated `type`s must agree); `null` in an optional member means
/// absent; integer members also accept integral forms such as `7.0` or `7e0`.
/// A value: give each ingestion thread its own (it is cheap).
public struct EventDecoder: Sendable {
    /// Arrays/objects nested deeper than this are rejected (`nestingTooDeep`).
    public let maxDepth: Int
    /// Messages longer than this are rejected before parsing (`messageTooLarge`).
    public let maxMessageBytes: Int
    /// Scratch buffers kept between messages so their capacity is reused.
    private var unescaped: [UInt8] = []
    private var skipStack: [UInt8] = []

    public init(maxDepth: Int = 64, maxMessageBytes: Int = 16 << 20) {
        self.maxDepth = max(1, maxDepth)
        self.maxMessageBytes = max(0, maxMessageBytes)
    }

    /// Decodes one message.
    public mutating func decode(_ bytes: UnsafeRawBufferPointer) throws(DecodeError) -> Event {
        var scratch = ScoredEvent()
        switch try decode(bytes, scoredInto: &scratch) {
        case .scored: return .scored(scratch)
        case .other(let event): return event
        }
    }

    /// The hot path: a `scored` message is decoded into `scratch` in place, reusing its
    /// strings and feature storage when they repeat; other types are returned whole.
    /// Keep `scratch` uniquely owned (copy fields out, not the whole value) or its feature
    /// array is copied on the next write. When this throws, `scratch` holds an unspecified
    /// (but valid) mix of old and new values.
    public mutating func decode(
        _ bytes: UnsafeRawBufferPointer, scoredInto scratch: inout ScoredEvent
    ) throws(DecodeError) -> DecodeResult {
        guard bytes.count <= maxMessageBytes else { throw DecodeError(.messageTooLarge, at: maxMessageBytes) }
        skipStack.removeAll(keepingCapacity: true)
        var scanner = JSONScanner(bytes, maxDepth: maxDepth, unescaped: unescaped, skipStack: skipStack)
        // Hand the buffers to the scanner and take them back, so their storage stays uniquely owned.
        unescaped = []
        skipStack = []
        defer {
            unescaped = scanner.unescaped
            skipStack = scanner.skipStack
        }
        return try scanner.readMessage(scoredInto: &scratch)
    }

    // `withUnsafeBytes`/`withUTF8` only rethrow untyped errors, hence the `Result` round trip.

    public mutating func decode(_ bytes: [UInt8]) throws(DecodeError) -> Event {
        try bytes.withUnsafeBytes { raw in Result { () throws(DecodeError) in try decode(raw) } }.get()
    }

    public mutating func decode(_ text: String) throws(DecodeError) -> Event {
        var text = text
        return try text.withUTF8 { utf8 in Result { () throws(DecodeError) in try decode(UnsafeRawBufferPointer(utf8)) } }.get()
    }

    public mutating func decode(_ text: Substring) throws(DecodeError) -> Event {
        var text = text
        return try text.withUTF8 { utf8 in Result { () throws(DecodeError) in try decode(UnsafeRawBufferPointer(utf8)) } }.get()
    }

    public mutating func decode(_ bytes: [UInt8], scoredInto scratch: inout ScoredEvent) throws(DecodeError) -> DecodeResult {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(DecodeError) in try decode(raw, scoredInto: &scratch) }
        }.get()
    }
}

extension JSONScanner {
    /// One whole message: an object whose `type` selects the member parser, and nothing after it.
    mutating func readMessage(scoredInto scratch: inout ScoredEvent) throws(DecodeError) -> DecodeResult {
        let b = try peek()
        guard b == UInt8(ascii: "{") else {
            let valueStart = b == UInt8(ascii: "[") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "-")
                || Self.isDigit(b) || b == UInt8(ascii: "t") || b == UInt8(ascii: "f") || b == UInt8(ascii: "n")
            throw valueStart ? error(.notAnObject, pos) : unexpected()
        }
        try enterContainer(b)
        let (type, typeFirst) = try locateType()
        let result: DecodeResult
        do throws(DecodeError) {
            switch type {
            case .scored:
                try readScored(into: &scratch, first: !typeFirst)
                result = .scored
            case .metrics: result = .other(.metrics(try readMetrics(first: !typeFirst)))
            case .model: result = .other(.model(try readModel(first: !typeFirst)))
            case .label: result = .other(.label(try readLabel(first: !typeFirst)))
            case .control: result = .other(.control(try readControl(first: !typeFirst)))
            case .ack: result = .other(.ack(try readAck(first: !typeFirst)))
            }
        } catch {
            // Fields are named from the message: `scored.score`.
            throw error.within(type.rawValue)
        }
        skipWhitespace()
        guard pos == count else { throw error(.trailingGarbage, pos) }
        return result
    }

    /// Finds the message type. Producers put `type` first (our encoder does), and then it is
    /// read in passing; otherwise the object is scanned once for it and then re-read from its start.
    /// Returns whether `type` was the first member, already consumed.
    private mutating func locateType() throws(DecodeError) -> (EventType, Bool) {
        let bodyStart = pos
        var first = true
        if try nextKey(first: &first) == .type {
            return (try readEventType(), true)
        }
        pos = bodyStart
        first = true
        var found: EventType?
        while let key = try nextKey(first: &first) {
            if key == .type { found = try readEventType() } else { try skipValue() }
        }
        guard let found else { throw error(.missingField("type"), pos - 1) }
        pos = bodyStart
        depth = 1
        return (found, false)
    }
}
