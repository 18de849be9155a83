import Testing
@testable import PipeTopCore

@Suite struct StringPoolTests {
    @Test func equalTextsComeBackAsTheStoredOneAndUnchanged() {
        var pool = StringPool(capacity: 4)
        let first = pool.share("shadow-scored beside the primary")
        let again = pool.share(String("shadow-scored beside the primary ".dropLast()))
        #expect(again == first)
        #expect(pool.share("short") == "short")
        #expect(pool.share(nil as String?) == nil)
        #expect(pool.share("") == "")
        #expect(pool.share("naïve bayes — trained on ünïcode") == "naïve bayes — trained on ünïcode")
    }

    /// Texts that never repeat cycle through the pool instead of growing it, and every text still
    /// comes back as it went in.
    @Test func aStreamOfNewTextsStaysBounded() {
        var pool = StringPool(capacity: 3)
        for i in 0..<1_000 {
            let text = "superseded by version \(i)"
            #expect(pool.share(text) == text)
        }
        #expect(pool.share("superseded by version 999") == "superseded by version 999")
        #expect(pool.share("superseded by version 0") == "superseded by version 0")
    }
}
