/// JSON texts written once when a schema is compiled (a field's `"name":`, an enum symbol's
/// `"SYMBOL"`, a field's default value) and copied into the output for every message: the
/// direct decode-to-JSON paths never escape or look at a `String` per message.
struct PrewrittenJSON: Sendable {
    /// The texts one after another, then `JSONTextBuffer.shortCopy` bytes of padding, so a
    /// short text is copied with two word stores that may read past its end.
    private var bytes = [UInt8](repeating: 0, count: JSONTextBuffer.shortCopy)
    private var ends: [Int] = [0]

    init() {}

    /// Appends the text `write` puts into a scratch buffer; its index is the count before.
    mutating func append(_ write: (JSONTextBuffer) -> Void) {
        let scratch = JSONTextBuffer(capacity: 64)
        write(scratch)
        bytes.removeLast(JSONTextBuffer.shortCopy)
        bytes.append(contentsOf: scratch.bytes)
        ends.append(bytes.count)
        bytes.append(contentsOf: repeatElement(0, count: JSONTextBuffer.shortCopy))
    }

    /// `,"name":` for each name, in order: written with `write(_:to:first:)`, which drops the
    /// comma before an object's first member.
    init(memberNames names: [String]) {
        for name in names {
            append { out in
                out.byte(UInt8(ascii: ","))
                out.string(name)
                out.byte(UInt8(ascii: ":"))
            }
        }
    }

    /// `"text"` for each string, in order.
    init(strings: [String]) {
        for s in strings { append { $0.string(s) } }
    }

    var count: Int { ends.count - 1 }

    /// Copies text `i` into `out`.
    @inline(__always)
    func write(_ i: Int, to out: JSONTextBuffer) {
        write(i, to: out, skipping: 0)
    }

    /// Copies member name `i` (of `init(memberNames:)`) into `out`, with its comma unless it
    /// is the object's first.
    @inline(__always)
    func write(_ i: Int, to out: JSONTextBuffer, first: Bool) {
        write(i, to: out, skipping: first ? 1 : 0)
    }

    @inline(__always)
    private func write(_ i: Int, to out: JSONTextBuffer, skipping: Int) {
        let start = ends[i] &+ skipping
        let end = ends[i + 1]
        bytes.withUnsafeBytes { out.appendPadded($0.baseAddress! + start, count: end &- start) }
    }
}
