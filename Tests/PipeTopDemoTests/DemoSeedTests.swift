import Testing
import PipeTopCore
@testable import PipeTopDemo

@Test func partsOfOneSeedGetDifferentButReproducibleStreams() {
    var a1 = DemoSeed(42).generator(for: "fraud"), a2 = DemoSeed(42).generator(for: "fraud")
    var b = DemoSeed(42).generator(for: "churn")
    let x = (0..<4).map { _ in a1.next() }
    #expect(x == (0..<4).map { _ in a2.next() })
    #expect(x != (0..<4).map { _ in b.next() })
}
