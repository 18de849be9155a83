import Foundation
import PipeTopCore
import Testing
@testable import PipeTopDemo

private func text(_ body: (inout [UInt8]) -> Void) -> String {
    var out: [UInt8] = []
    body(&out)
    return String(decoding: out, as: UTF8.self)
}

@Test func fixedPointNumbersAreShortAndReadBackWithinHalfAUnitOfTheLastDigit() {
    #expect(text { JSONBytes.fixed(0.5, decimals: 6, &$0) } == "0.5")
    #expect(text { JSONBytes.fixed(-1.25, decimals: 4, &$0) } == "-1.25")
    #expect(text { JSONBytes.fixed(3, decimals: 4, &$0) } == "3")
    #expect(text { JSONBytes.fixed(0.000001, decimals: 6, &$0) } == "0.000001")
    #expect(text { JSONBytes.fixed(-0.00001, decimals: 4, &$0) } == "0", "rounds to zero without a sign")
    #expect(text { JSONBytes.fixed(.nan, decimals: 4, &$0) } == "0")
    var rng = SplitMix64(seed: 9)
    for _ in 0..<10_000 {
        let x = (Double(rng.next() >> 11) * 0x1p-53 - 0.5) * 2_000
        let written = text { JSONBytes.fixed(x, decimals: 6, &$0) }
        let back = Double(written)!
        #expect(abs(back - x) <= 5e-7 + 1e-12, "\(x) → \(written)")
    }
}

@Test func integersAndStringsAreValidJSON() {
    #expect(text { JSONBytes.int(0, &$0) } == "0")
    #expect(text { JSONBytes.int(-9_223_372_036_854_775_807, &$0) } == "-9223372036854775807")
    #expect(text { JSONBytes.int(1_795_598_800_306, &$0) } == "1795598800306")
    let odd = "a\"b\\c\n\u{1}é"
    let written = text { JSONBytes.string(odd, &$0) }
    let back = try? JSONSerialization.jsonObject(with: Data(("[" + written + "]").utf8)) as? [String]
    #expect(back == [odd])
}
