import Testing
import PipeTopCore

/// The error `text` is rejected with, as shown to a person (`column N: message`); nil if it parses.
private func error(_ text: String) -> String? {
    do throws(FilterError) {
        _ = try RecordFilter(parsing: text)
        return nil
    } catch {
        return error.description
    }
}

@Test func missingValuesAndOperators() {
    #expect(error("") == "column 1: empty filter")
    #expect(error("   ") == "column 1: empty filter")
    #expect(error("score >") == "column 8: expected a value after '>'")
    #expect(error("score > ") == "column 9: expected a value after '>'")
    #expect(error("score > and version == 1") == "column 9: expected a value after '>'")
    #expect(error("score") == "column 6: expected an operator (==, !=, <, <=, >, >=, ~) after 'score'")
    #expect(error("score 5") == "column 7: expected an operator (==, !=, <, <=, >, >=, ~) after 'score', found '5'")
    #expect(error("score > 1 and") == "column 14: expected a comparison after 'and'")
    #expect(error("not") == "column 4: expected a comparison after 'not'")
    #expect(error("and score > 1") == "column 1: expected a comparison, 'not', 'has(…)' or '(', found 'and'")
    #expect(error("score > 1 2") == "column 11: expected 'and', 'or' or the end, found '2'")
    #expect(error("score = 1") == "column 7: '=' is not an operator (use '==')")
    #expect(error("score # 1") == "column 7: unexpected character '#'")
    #expect(error("score > 1 / 2") == "column 11: expected 'and', 'or' or the end, found '/'")
    #expect(error("/a~2") == "column 4: expected /regex/ after '~'")
    #expect(error("1 == 2") == "column 1: a comparison needs a field on at least one side")
}

@Test func unknownFieldsSuggestTheClosestName() {
    #expect(error("scroe > 0.9") == "column 1: unknown field 'scroe' (did you mean 'score'?)")
    #expect(error("version == 1 and lable == 1") == "column 18: unknown field 'lable' (did you mean 'label'?)")
    #expect(error("latency > 5") == "column 1: unknown field 'latency'")
    #expect(error("latencyus > 5") == "column 1: unknown field 'latencyus' (did you mean 'latency_us'?)")
    #expect(error("feature.amount > 1") == "column 1: unknown field 'feature' (did you mean 'features'?)")
    #expect(error("frobnicate > 1") == "column 1: unknown field 'frobnicate'")
    #expect(error("model == shadow") == "column 10: unknown field 'shadow'")
    #expect(error("features > 1") == "column 10: expected '.' and a feature name after 'features'")
    #expect(error("features. > 1") == "column 11: expected a feature name after 'features.'")
    // Columns count characters, not bytes.
    #expect(error("model == \"é\" and scroe > 1") == "column 18: unknown field 'scroe' (did you mean 'score'?)")
}

@Test func unterminatedStringsAndRegexesPointAtTheirStart() {
    #expect(error("model == \"fraud") == "column 10: unterminated string (no closing '\"')")
    #expect(error("model == \"fraud\\\"") == "column 10: unterminated string (no closing '\"')")
    #expect(error("key ~ /abc") == "column 7: unterminated regex (no closing '/')")
    #expect(error("key ~ /a\\/") == "column 7: unterminated regex (no closing '/')")
    #expect(error("model == \"a\\qb\"") == "column 12: unknown escape '\\q' in string")
    #expect(error("model == \"\\u12\"") == "column 11: invalid escape '\\u12\"' in string (want \\uXXXX)")
}

@Test func unbalancedParentheses() {
    #expect(error("(score > 1") == "column 1: '(' is never closed")
    #expect(error("((score > 1) or (version == 2)") == "column 1: '(' is never closed")
    #expect(error("score > 1)") == "column 10: unexpected ')' with no matching '('")
    #expect(error("(score > 1 score") == "column 12: expected 'and', 'or' or ')', found 'score'")
    #expect(error("()") == "column 2: expected a comparison, 'not', 'has(…)' or '(', found ')'")
}

@Test func regexErrors() {
    #expect(error("key ~ abc") == "column 7: expected /regex/ after '~'")
    #expect(error("key ~ /x/q") == "column 10: unknown regex flag 'q' (only 'i', ignore case)")
    #expect(error("score ~ /x/") == "column 1: '~' matches text, but score is a number")
    #expect(error("role ~ /x/") == "column 1: '~' matches text, but role is primary or shadow")
    #expect(error("\"abc\" ~ /x/") == "column 1: '~' needs a field on its left, not '\"abc\"'")
    let invalid = error("key ~ /a(/") ?? ""
    #expect(invalid.hasPrefix("column 7: invalid regex /a(/: "), "\(invalid)")
    #expect(!invalid.contains("\n"))
}

@Test func hasErrors() {
    #expect(error("has label") == "column 5: expected '(' after 'has'")
    #expect(error("has(label") == "column 10: expected ')' after has(label")
    #expect(error("has(1)") == "column 5: expected a field name in has(…)")
    #expect(error("has(lable)") == "column 5: unknown field 'lable' (did you mean 'label'?)")
}

@Test func typeErrorsAreCaughtAtParseTime() {
    #expect(error("score > \"high\"") == "column 9: cannot compare score (a number) with \"high\" (text)")
    #expect(error("\"high\" < score") == "column 10: cannot compare \"high\" (text) with score (a number)")
    #expect(error("version == model") == "column 12: cannot compare version (a number) with model (text)")
    #expect(error("model < \"a\"") == "column 1: '<' compares numbers, but model is text")
    #expect(error("label > \"x\"") == "column 9: '>' compares numbers, but \"x\" is text")
    #expect(error("role == \"boss\"") == "column 9: role is primary or shadow, not \"boss\"")
    #expect(error("role == 1") == "column 9: cannot compare role (primary or shadow) with 1 (a number)")
    #expect(error("role > shadow") == "column 1: '>' compares numbers, but role is primary or shadow")
    #expect(error("role == key") == "column 9: cannot compare role (primary or shadow) with key (text)")
    #expect(error("score > 1e") == "column 9: malformed number '1e'")
    #expect(error("score > 1x") == "column 9: malformed number '1x'")
    #expect(error("score > 1e999") == "column 9: number out of range '1e999'")
}

@Test func errorsCarryColumnAndMessageApart() {
    do throws(FilterError) {
        _ = try RecordFilter(parsing: "score >")
        Issue.record("parsed")
    } catch {
        #expect(error.column == 8 && error.message == "expected a value after '>'")
    }
}

@Test func validFiltersFromTheIssueParse() {
    for text in ["score > 0.9", "version == 7", "model == \"fraud-lr\"", "features.amount >= 1000", "label != prediction",
                 "latency_us > 5000", "key ~ /regex/", "has(label)", "not (label == prediction)",
                 "has(label) and label != prediction", "role == shadow", "role == \"shadow\""] {
        #expect(error(text) == nil, "\(text)")
    }
}
