/// A column of `pipetop tail --format table|csv` on decoded values of any topic: a JSON
/// Pointer (`/result/score`), or a top-level member's name (`score` is `/score`).
public struct TreeColumn: Sendable, Hashable {
    /// As the user wrote it, the column's header.
    public let header: String
    public let pointer: JSONPointer

    public init(_ text: String) throws(JSONPointer.ParseError) {
        header = text
        pointer = try JSONPointer(parsing: text.hasPrefix("/") ? text : "/" + text.map { $0 == "~" ? "~0" : $0 == "/" ? "~1" : String($0) }.joined())
    }

    private init(header: String, pointer: JSONPointer) {
        self.header = header
        self.pointer = pointer
    }

    /// A list separated by commas or spaces; empty is refused.
    public static func list(parsing text: String) throws(JSONPointer.ParseError) -> [TreeColumn] {
        let names = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        guard !names.isEmpty else { throw JSONPointer.ParseError(text: text, reason: "no columns given") }
        var columns: [TreeColumn] = []
        for name in names {
            let column = try TreeColumn(name)
            if !columns.contains(column) { columns.append(column) }
        }
        return columns
    }

    /// The columns a value suggests when none are given: each top-level member of an object
    /// (the whole value, for anything else).
    public static func defaults(for value: DecodedValue) -> [TreeColumn] {
        guard case .object(let members) = value, !members.isEmpty else { return [TreeColumn(header: "value", pointer: .whole)] }
        return members.compactMap { try? TreeColumn($0.name) }
    }

    /// The cell of `value` in this column: text as it is, numbers and booleans as JSON
    /// writes them, arrays and objects as compact JSON; empty when the pointer does not resolve
    /// or finds null.
    public func cell(_ value: DecodedValue) -> String {
        switch pointer.resolve(in: value) {
        case nil, .null?: ""
        case .string(let s)?: s
        case let v?: v.text ?? v.jsonText
        }
    }

    /// Whether the cell is a number (right-aligned in a table).
    public func isNumeric(_ value: DecodedValue) -> Bool {
        switch pointer.resolve(in: value) {
        case .int?, .uint?, .double?, .decimal?: true
        default: false
        }
    }
}
