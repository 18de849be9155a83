import Testing

@testable import PipeTopCore

/// The string writers' word-at-a-time paths, against the text the tree writes.
struct JSONTextBufferTests {
    /// Every length up to 24 (two words, one word read back from the string's end, the loop),
    /// plain or with a byte to escape or refuse at each place, the string at several offsets
    /// of its buffer (the short path reads the bytes before it: quotes there would show).
    @Test func stringsAreQuotedAsTheTreeWritesThemWhateverTheirLengthAndPlace() {
        let specials: [[UInt8]] = [[0x22], [0x5C], [0x0A], [0x01], [0x7F], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xFF], [0xE2, 0x82], [0xC3]]
        var checked = 0
        for length in 0...24 {
            for special in [nil] + specials {
                for place in 0..<max(1, length) {
                    var text = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                    if let special, length > 0 { text.replaceSubrange(place..<place + 1, with: special) }
                    let expected = String(validating: text, as: UTF8.self).map { DecodedValue.string($0).jsonText }
                    for offset in [0, 1, 3, 8, 16] {
                        let buffer = [UInt8](repeating: UInt8(ascii: "\""), count: offset) + text
                        buffer.withUnsafeBytes { all in
                            let string = UnsafeRawBufferPointer(rebasing: all[offset...])
                            for readable in [true, false] {
                                let out = JSONTextBuffer()
                                out.byte(UInt8(ascii: "["))
                                let wrote = readable ? out.quotedIfValidUTF8(string, readableFrom: all.baseAddress!) : out.quotedIfValidUTF8(string)
                                let got = String(decoding: out.bytes, as: UTF8.self)
                                #expect(wrote == (expected != nil), "\(text) at \(offset)")
                                #expect(got == "[" + (expected ?? ""), "\(text) at \(offset)")
                                checked += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }

    /// Member names come with their comma, dropped before an object's first; texts of every
    /// length round the 16 bytes copied as two words.
    @Test func prewrittenNamesAreCopiedWholeWithTheirCommaWhereOneIsDue() {
        let names = (0..<40).map { String(repeating: "n", count: $0) } + ["wé\"ird\n"]
        let prewritten = PrewrittenJSON(memberNames: names)
        for (i, name) in names.enumerated() {
            for first in [true, false] {
                let out = JSONTextBuffer(capacity: 64)
                out.byte(UInt8(ascii: "{"))
                prewritten.write(i, to: out, first: first)
                let quoted = DecodedValue.string(name).jsonText
                #expect(String(decoding: out.bytes, as: UTF8.self) == "{" + (first ? "" : ",") + quoted + ":")
            }
        }
    }
}
