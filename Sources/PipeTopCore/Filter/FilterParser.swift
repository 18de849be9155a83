/// Recursive-descent parser for the filter language; type-checks comparisons and compiles
/// regexes as it goes, so a filter that parses can run on any record without failing.
///
/// ```
/// filter     = or
/// or         = and { ("or" | "||") and }
/// and        = unary { ("and" | "&&") unary }
/// unary      = ("not" | "!") unary | primary
/// primary    = "(" or ")" | "has" "(" field ")" | operand compare operand | field "~" regex
/// operand    = field | number | string | "true" | "false" | "primary" | "shadow"
/// field      = name | "features" "." (name | string) | "/" json-pointer
/// ```
struct FilterParser {
    /// An operand with what messages need: where it is and how it was written.
    private struct Located {
        var operand: FilterOperand
        var type: FilterType
        var column: Int
        /// As written (a field by its name), for messages.
        var text: String

        var isField: Bool {
            if case .field = operand { return true }
            return false
        }
    }

    private let tokens: [FilterToken]
    private var index = 0

    private init(tokens: [FilterToken]) {
        self.tokens = tokens
    }

    /// Parses and compiles `text`.
    static func parse(_ text: String) throws(FilterError) -> FilterNode {
        var parser = FilterParser(tokens: try FilterLexer.tokens(of: text))
        if parser.current.kind == .end {
            throw FilterError(column: 1, message: "empty filter")
        }
        let node = try parser.parseOr()
        let token = parser.current
        switch token.kind {
        case .end: return node
        case .closeParen: throw FilterError(column: token.column, message: "unexpected ')' with no matching '('")
        default: throw FilterError(column: token.column, message: "expected 'and', 'or' or the end, found '\(token.text)'")
        }
    }

    private var current: FilterToken { tokens[index] }

    private var previous: FilterToken? { index > 0 ? tokens[index - 1] : nil }

    private mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    private mutating func parseOr() throws(FilterError) -> FilterNode {
        var node = try parseAnd()
        while current.kind == .or {
            advance()
            node = .or(node, try parseAnd())
        }
        return node
    }

    private mutating func parseAnd() throws(FilterError) -> FilterNode {
        var node = try parseUnary()
        while current.kind == .and {
            advance()
            node = .and(node, try parseUnary())
        }
        return node
    }

    private mutating func parseUnary() throws(FilterError) -> FilterNode {
        if current.kind == .not {
            advance()
            return .not(try parseUnary())
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(FilterError) -> FilterNode {
        let token = current
        switch token.kind {
        case .openParen:
            advance()
            let node = try parseOr()
            switch current.kind {
            case .closeParen:
                advance()
                return node
            case .end:
                throw FilterError(column: token.column, message: "'(' is never closed")
            default:
                throw FilterError(column: current.column, message: "expected 'and', 'or' or ')', found '\(current.text)'")
            }
        case .identifier("has"):
            guard tokens[index + 1].kind == .openParen else {
                throw FilterError(column: tokens[index + 1].column, message: "expected '(' after 'has'")
            }
            return try parseHas()
        case .identifier, .number, .string, .pointer:
            return try parseComparison()
        case .end:
            let after = previous.map { " after '\($0.text)'" } ?? ""
            throw FilterError(column: token.column, message: "expected a comparison\(after)")
        default:
            throw FilterError(
                column: token.column, message: "expected a comparison, 'not', 'has(…)' or '(', found '\(token.text)'")
        }
    }

    /// `has(field)`; the current token is `has`, the next `(`.
    private mutating func parseHas() throws(FilterError) -> FilterNode {
        advance()
        advance()
        switch current.kind {
        case .identifier, .pointer: break
        default: throw FilterError(column: current.column, message: "expected a field name in has(…)")
        }
        let located = try parseOperand()
        guard case .field(let field) = located.operand else {
            throw FilterError(column: located.column, message: "has(…) takes a field, not '\(located.text)'")
        }
        guard current.kind == .closeParen else {
            throw FilterError(column: current.column, message: "expected ')' after has(\(located.text)")
        }
        advance()
        return .has(field)
    }

    private mutating func parseComparison() throws(FilterError) -> FilterNode {
        let lhs = try parseOperand()
        let opToken = current
        switch opToken.kind {
        case .compare(let op):
            advance()
            switch current.kind {
            case .identifier, .number, .string, .pointer: break
            default: throw FilterError(column: current.column, message: "expected a value after '\(op.symbol)'")
            }
            let rhs = try parseOperand()
            return try Self.check(lhs, op, rhs)
        case .match:
            advance()
            return try parseMatch(lhs)
        default:
            let found = opToken.kind == .end ? "" : ", found '\(opToken.text)'"
            throw FilterError(
                column: opToken.column,
                message: "expected an operator (==, !=, <, <=, >, >=, ~) after '\(lhs.text)'\(found)")
        }
    }

    /// `field ~ /regex/`; the current token follows `~`.
    private mutating func parseMatch(_ lhs: Located) throws(FilterError) -> FilterNode {
        guard case .field(let field) = lhs.operand else {
            throw FilterError(column: lhs.column, message: "'~' needs a field on its left, not '\(lhs.text)'")
        }
        guard lhs.type == .text || lhs.type == .outcome else {
            throw FilterError(column: lhs.column, message: "'~' matches text, but \(lhs.text) is \(lhs.type.phrase)")
        }
        let token = current
        guard case .regex(let pattern, let flags) = token.kind else {
            throw FilterError(column: token.column, message: "expected /regex/ after '~'")
        }
        advance()
        do {
            return .match(field, try FilterRegex(pattern: pattern, ignoreCase: flags.contains("i")))
        } catch {
            let reason = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
            throw FilterError(column: token.column, message: "invalid regex /\(pattern)/: \(reason)")
        }
    }

    /// A field or a literal; the current token is an identifier, a number or a string.
    private mutating func parseOperand() throws(FilterError) -> Located {
        let token = current
        advance()
        switch token.kind {
        case .number(let x):
            return Located(operand: .number(x), type: .number, column: token.column, text: token.text)
        case .string(let s):
            return Located(operand: .text(s), type: .text, column: token.column, text: token.text)
        case .pointer(let text):
            do {
                let field = FilterField.pointer(try JSONPointer(parsing: text))
                return Located(operand: .field(field), type: field.type, column: token.column, text: text)
            } catch {
                throw FilterError(column: token.column, message: error.description)
            }
        case .identifier(let name):
            if let field = FilterField.named(name) {
                return Located(operand: .field(field), type: field.type, column: token.column, text: name)
            }
            switch name {
            case FilterField.featuresPrefix:
                return try parseFeature(from: token)
            case "true", "false":
                return Located(operand: .number(name == "true" ? 1 : 0), type: .number, column: token.column, text: name)
            case "primary", "shadow":
                return Located(operand: .role(Role(rawValue: name)!), type: .roleWord, column: token.column, text: name)
            default:
                throw Self.unknownField(name, at: token.column)
            }
        default:
            throw FilterError(column: token.column, message: "expected a field or a value, found '\(token.text)'")
        }
    }

    /// `features.NAME` or `features."NAME"`; `features` is consumed.
    private mutating func parseFeature(from token: FilterToken) throws(FilterError) -> Located {
        guard current.kind == .dot else {
            throw FilterError(column: current.column, message: "expected '.' and a feature name after 'features'")
        }
        advance()
        let nameToken = current
        let name: String
        switch nameToken.kind {
        case .identifier(let word): name = word
        case .string(let quoted): name = quoted
        default: throw FilterError(column: nameToken.column, message: "expected a feature name after 'features.'")
        }
        advance()
        let text = "features." + nameToken.text
        return Located(operand: .field(.feature(name)), type: .number, column: token.column, text: text)
    }

    private static func unknownField(_ name: String, at column: Int) -> FilterError {
        let hint = FilterField.suggestion(for: name).map { " (did you mean '\($0)'?)" } ?? ""
        return FilterError(column: column, message: "unknown field '\(name)'\(hint)")
    }

    /// Type-checks `lhs op rhs` and builds its node. Errors point at the right-hand operand.
    private static func check(_ lhs: Located, _ op: FilterCompareOperator, _ rhs: Located) throws(FilterError) -> FilterNode {
        // A bare primary/shadow is a value only next to `role`; anywhere else it is a misspelt field.
        if lhs.type == .roleWord, rhs.type != .role { throw unknownField(lhs.text, at: lhs.column) }
        if rhs.type == .roleWord, lhs.type != .role { throw unknownField(rhs.text, at: rhs.column) }
        guard lhs.isField || rhs.isField else {
            throw FilterError(column: lhs.column, message: "a comparison needs a field on at least one side")
        }
        let mismatch = FilterError(
            column: rhs.column,
            message: "cannot compare \(lhs.text) (\(lhs.type.phrase)) with \(rhs.text) (\(rhs.type.phrase))")
        var lhs = lhs
        var rhs = rhs
        switch (lhs.type, rhs.type) {
        case (.number, .number), (.number, .outcome), (.outcome, .number), (.outcome, .outcome):
            break
        case (.text, .text), (.text, .outcome), (.outcome, .text), (.role, .role), (.role, .roleWord), (.roleWord, .role):
            guard op.isEquality else {
                let culprit = lhs.type == .outcome ? rhs : lhs
                throw FilterError(
                    column: culprit.column,
                    message: "'\(op.symbol)' compares numbers, but \(culprit.text) is \(culprit.type.phrase)")
            }
        case (.role, .text), (.text, .role):
            // `role == "shadow"`: the string must name a role.
            guard op.isEquality else {
                let role = lhs.type == .role ? lhs : rhs
                throw FilterError(column: role.column, message: "'\(op.symbol)' compares numbers, but role is primary or shadow")
            }
            if lhs.type == .text { try Self.roleLiteral(&lhs) } else { try Self.roleLiteral(&rhs) }
        default:
            throw mismatch
        }
        return .compare(lhs.operand, op, rhs.operand)
    }

    /// Turns a string literal compared with `role` into the role it names.
    private static func roleLiteral(_ located: inout Located) throws(FilterError) {
        guard case .text(let s) = located.operand else {
            // A text field compared with role: never equal, so reject it as a type error.
            throw FilterError(
                column: located.column, message: "cannot compare role (primary or shadow) with \(located.text) (text)")
        }
        guard let role = Role(rawValue: s) else {
            throw FilterError(column: located.column, message: "role is primary or shadow, not \(located.text)")
        }
        located.operand = .role(role)
        located.type = .roleWord
    }
}
