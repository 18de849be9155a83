import Testing
@testable import PipeTopUI

/// The `/` filter searches plain text without a regular expression; it must keep exactly the
/// rows the case-insensitive expression keeps.
@Suite struct RowMatcherTests {
    static let texts = [
        "CRITICAL fleet-0009 m v12 m v13", "ok fleet-0190 m v3 -", "WARN Fraud-Scoring fraud v7", "", "f", "fleet",
        "naïve fleet-9 ünïcode", "FLEET-9", "fle et-9", "xxfleet-9", "fleet-", "ÉCOLE école", "tab\tfleet-9\n",
    ]

    @Test(arguments: ["fleet-9", "FR", "fr", "m v1", "ok ", "-", "9", "fleet-0009 m", "x", "LEET", "t-9\n"])
    func aPlainPatternKeepsWhatTheExpressionKeeps(_ pattern: String) throws {
        for typed in [pattern, "!" + pattern] {
            let filter = try #require(RowFilter(typed: typed))
            let literal = try #require(RowMatcher(literal: filter.pattern, inverted: filter.inverted), "\(pattern) is plain text")
            let regex = RowMatcher(regex: try Regex(filter.pattern).ignoresCase(), inverted: filter.inverted)
            for text in Self.texts {
                #expect(literal.keeps(text) == regex.keeps(text), "/\(typed)/ on \(text)")
            }
        }
    }

    @Test func expressionsAndNonASCIIPatternsGoToTheRegularExpression() throws {
        for pattern in ["a.b", "^ok", "v1$", "v(1|2)", "x+", "[ab]", "\\d", "é", "naïve", "a{2}", "a|b", "a?", "a*"] {
            #expect(RowMatcher(literal: pattern, inverted: false) == nil, "\(pattern)")
        }
        let matcher = try RowFilter(typed: "ÉCOLE")!.compiled().get()
        #expect(matcher.keeps("ÉCOLE école"))
        let digits = try RowFilter(typed: "fleet-\\d{4}")!.compiled().get()
        #expect(digits.keeps("ok fleet-0190 m v3"))
        #expect(!digits.keeps("ok fleet-19 m v3"))
        #expect(throws: FilterError.self) { try RowFilter(typed: "fleet(")!.compiled().get() }
    }
}
