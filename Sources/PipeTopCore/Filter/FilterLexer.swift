/// Splits a filter expression into tokens, all at once, so the parser can look ahead freely.
///
/// Columns count characters (what a person sees), from 1. Context decides two ambiguities:
/// `/` starts a regex right after `~` and a JSON Pointer (`/result/score`) anywhere else, and
/// after a `.` the next word is a feature name, which may start with a digit (`features.7d_count`).
struct FilterLexer {
    private let chars: [Character]
    private var pos = 0
    private var tokens: [FilterToken] = []

    init(_ text: String) {
        chars = Array(text)
    }

    /// The tokens of `text`, ending with `.end`.
    static func tokens(of text: String) throws(FilterError) -> [FilterToken] {
        var lexer = FilterLexer(text)
        return try lexer.run()
    }

    private mutating func run() throws(FilterError) -> [FilterToken] {
        while true {
            while pos < chars.count, chars[pos].isWhitespace { pos += 1 }
            guard pos < chars.count else { break }
            let start = pos
            let c = chars[pos]
            let previous = tokens.last?.kind
            if previous == .match, c == "/" {
                try readRegex()
            } else if c == "/" {
                readPointer()
            } else if previous == .dot, Self.isNameChar(c) {
                while pos < chars.count, Self.isNameChar(chars[pos]) { pos += 1 }
                emit(.identifier(String(chars[start..<pos])), from: start)
            } else if c.isLetter || c == "_" {
                while pos < chars.count, Self.isNameChar(chars[pos]) { pos += 1 }
                let word = String(chars[start..<pos])
                switch word {
                case "and": emit(.and, from: start)
                case "or": emit(.or, from: start)
                case "not": emit(.not, from: start)
                default: emit(.identifier(word), from: start)
                }
            } else if c.isASCII, c.isNumber || (c == "-" && isDigit(at: pos + 1))
                || (c == "." && isDigit(at: pos + 1) && !Self.isIdentifier(previous))
            {
                try readNumber()
            } else if c == "\"" {
                try readString()
            } else {
                try readPunctuation(c)
            }
        }
        tokens.append(FilterToken(kind: .end, column: chars.count + 1, text: ""))
        return tokens
    }

    private mutating func emit(_ kind: FilterToken.Kind, from start: Int) {
        tokens.append(FilterToken(kind: kind, column: start + 1, text: String(chars[start..<pos])))
    }

    private static func isIdentifier(_ kind: FilterToken.Kind?) -> Bool {
        if case .identifier? = kind { return true }
        return false
    }

    private static func isNameChar(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_"
    }

    private func isDigit(at i: Int) -> Bool {
        i < chars.count && chars[i].isASCII && chars[i].isNumber
    }

    private mutating func readPunctuation(_ c: Character) throws(FilterError) {
        let start = pos
        let next: Character? = pos + 1 < chars.count ? chars[pos + 1] : nil
        pos += 1
        switch c {
        case "(": emit(.openParen, from: start)
        case ")": emit(.closeParen, from: start)
        case ".": emit(.dot, from: start)
        case "~": emit(.match, from: start)
        case "=" where next == "=":
            pos += 1
            emit(.compare(.equal), from: start)
        case "=":
            throw FilterError(column: start + 1, message: "'=' is not an operator (use '==')")
        case "!" where next == "=":
            pos += 1
            emit(.compare(.notEqual), from: start)
        case "!": emit(.not, from: start)
        case "<" where next == "=":
            pos += 1
            emit(.compare(.lessOrEqual), from: start)
        case "<": emit(.compare(.less), from: start)
        case ">" where next == "=":
            pos += 1
            emit(.compare(.greaterOrEqual), from: start)
        case ">": emit(.compare(.greater), from: start)
        case "&" where next == "&":
            pos += 1
            emit(.and, from: start)
        case "|" where next == "|":
            pos += 1
            emit(.or, from: start)
        default:
            throw FilterError(column: start + 1, message: "unexpected character '\(c)'")
        }
    }

    /// `-`? digits (`.` digits)? ([eE] [+-]? digits)?, or `-`? `.` digits...; not followed by a letter.
    private mutating func readNumber() throws(FilterError) {
        let start = pos
        if chars[pos] == "-" { pos += 1 }
        while isDigit(at: pos) { pos += 1 }
        if pos < chars.count, chars[pos] == ".", isDigit(at: pos + 1) {
            pos += 1
            while isDigit(at: pos) { pos += 1 }
        }
        if pos < chars.count, chars[pos] == "e" || chars[pos] == "E" {
            var i = pos + 1
            if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
            if isDigit(at: i) {
                pos = i
                while isDigit(at: pos) { pos += 1 }
            } else {
                pos = i
                throw FilterError(column: start + 1, message: "malformed number '\(String(chars[start..<pos]))'")
            }
        }
        if pos < chars.count, Self.isNameChar(chars[pos]) || chars[pos] == "." {
            while pos < chars.count, Self.isNameChar(chars[pos]) || chars[pos] == "." { pos += 1 }
            throw FilterError(column: start + 1, message: "malformed number '\(String(chars[start..<pos]))'")
        }
        let lexeme = String(chars[start..<pos])
        guard let value = Double(lexeme), value.isFinite else {
            throw FilterError(column: start + 1, message: "number out of range '\(lexeme)'")
        }
        emit(.number(value), from: start)
    }

    /// A double-quoted string with JSON escapes: `\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\uXXXX`.
    private mutating func readString() throws(FilterError) {
        let start = pos
        pos += 1
        var value = ""
        while true {
            guard pos < chars.count else {
                throw FilterError(column: start + 1, message: "unterminated string (no closing '\"')")
            }
            let c = chars[pos]
            if c == "\"" {
                pos += 1
                break
            }
            guard c == "\\" else {
                value.append(c)
                pos += 1
                continue
            }
            guard pos + 1 < chars.count else {
                throw FilterError(column: start + 1, message: "unterminated string (no closing '\"')")
            }
            let escape = chars[pos + 1]
            switch escape {
            case "\"", "\\", "/": value.append(escape)
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "r": value.append("\r")
            case "u":
                let hexStart = pos + 2
                let hex = String(chars[min(hexStart, chars.count)..<min(hexStart + 4, chars.count)])
                guard hex.count == 4, hex.allSatisfy(\.isHexDigit), let code = UInt32(hex, radix: 16),
                      let scalar = Unicode.Scalar(code)
                else {
                    throw FilterError(column: pos + 1, message: "invalid escape '\\u\(hex)' in string (want \\uXXXX)")
                }
                value.unicodeScalars.append(scalar)
                pos += 4
            default:
                throw FilterError(column: pos + 1, message: "unknown escape '\\\(escape)' in string")
            }
            pos += 2
        }
        emit(.string(value), from: start)
    }

    /// A JSON Pointer: from `/` to the next space, parenthesis or operator character
    /// (`~0` and `~1` escape `~` and `/` inside a member name, as RFC 6901 has it).
    private mutating func readPointer() {
        let start = pos
        pos += 1
        while pos < chars.count, !chars[pos].isWhitespace, !"()<>=!,&|".contains(chars[pos]) {
            // `~` is an escape inside a pointer, the match operator only after it.
            if chars[pos] == "~", pos + 1 < chars.count, chars[pos + 1] != "0", chars[pos + 1] != "1" { break }
            if chars[pos] == "~", pos + 1 == chars.count { break }
            pos += 1
        }
        emit(.pointer(String(chars[start..<pos])), from: start)
    }

    /// `/pattern/flags`: the pattern runs to the next `/` not escaped by a backslash; `\/`
    /// stands for `/`, other escapes are left for the regex engine.
    private mutating func readRegex() throws(FilterError) {
        let start = pos
        pos += 1
        var pattern = ""
        while true {
            guard pos < chars.count else {
                throw FilterError(column: start + 1, message: "unterminated regex (no closing '/')")
            }
            let c = chars[pos]
            if c == "/" {
                pos += 1
                break
            }
            if c == "\\", pos + 1 < chars.count {
                if chars[pos + 1] != "/" { pattern.append(c) }
                pattern.append(chars[pos + 1])
                pos += 2
                continue
            }
            pattern.append(c)
            pos += 1
        }
        let flagsStart = pos
        while pos < chars.count, chars[pos].isLetter {
            guard chars[pos] == "i" else {
                throw FilterError(column: pos + 1, message: "unknown regex flag '\(chars[pos])' (only 'i', ignore case)")
            }
            pos += 1
        }
        emit(.regex(pattern: pattern, flags: String(chars[flagsStart..<pos])), from: start)
    }
}
