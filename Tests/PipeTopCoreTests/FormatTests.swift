import Foundation
import Testing
@testable import PipeTopCore

/// Rates print as printf would print them, without printf on the common path; counts name
/// their noun in the singular for one.
struct FormatTests {
    @Test func wholeRatesAreWhatPrintfPrints() {
        var rng = SplitMix64(seed: 11)
        var samples: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 99.5, 100.5, 101.5, 1e15, 8.9e15, 9.1e15, 1e300, -1e300, 4_503_599_627_370_495.5]
        for _ in 0..<20_000 {
            let magnitude = pow(10, Double(rng.next() % 16))
            samples.append((Double(rng.next() % 1_000_000) / 1_000_000 - 0.3) * magnitude)
            samples.append(Double(rng.next() % 20_000) / 2)  // every half: ties
        }
        for x in samples {
            #expect(Format.whole(x) == String(format: "%.0f", x), "\(x)")
        }
        #expect(Format.rate(0) == "0" && Format.rate(150.4) == "150" && Format.rate(2.5) == "2.5" && Format.rate(12_345) == "12.3k")
    }

    @Test func countsTakeTheNounInTheSingularOnlyForOne() {
        #expect(Format.counted(1, "pipeline") == "1 pipeline")
        #expect(Format.counted(0, "alert") == "0 alerts")
        #expect(Format.counted(12, "partition") == "12 partitions")
    }
}
