/// An enum type compiled for decoding: number → name, the name written for an unset
/// field (the first value's), and whether unknown numbers are kept (open, proto3) or
/// dropped as unknown fields (closed, proto2).
final class ProtoEnumPlan: Sendable {
    let closed: Bool
    /// `google.protobuf.NullValue`: JSON null, whatever the number.
    let isNullValue: Bool
    let defaultValue: DecodedValue
    /// Names of numbers 0 ..< dense.count (nil: no such value); others in `sparse`.
    private let dense: [String?]
    private let sparse: [Int32: String]
    /// `"NAME"` of numbers 0 ..< dense.count (an empty text where there is no such value).
    private let denseJSON: PrewrittenJSON

    init(fullName: String, descriptor: ProtobufFileDescriptor.Enum, closed: Bool) {
        self.closed = closed
        isNullValue = fullName == ".google.protobuf.NullValue"
        var dense: [String?] = []
        var sparse: [Int32: String] = [:]
        for (name, number) in zip(descriptor.valueNames, descriptor.valueNumbers) {
            if number >= 0, number < 256 {
                if dense.count <= Int(number) { dense += [String?](repeating: nil, count: Int(number) + 1 - dense.count) }
                if dense[Int(number)] == nil { dense[Int(number)] = name }  // aliases: the first name wins
            } else if sparse[number] == nil {
                sparse[number] = name
            }
        }
        self.dense = dense
        self.sparse = sparse
        var denseJSON = PrewrittenJSON()
        for name in dense { denseJSON.append { out in name.map { out.string($0) } } }
        self.denseJSON = denseJSON
        if isNullValue {
            defaultValue = .null
        } else {
            defaultValue = descriptor.valueNames.first.map { .string($0) } ?? .int(0)
        }
    }

    /// The value of `number`: its name, JSON null for `NullValue`, the number itself when
    /// unknown to an open enum, nil when unknown to a closed one.
    @inline(__always)
    func value(_ number: Int32) -> DecodedValue? {
        if isNullValue { return .null }
        if number >= 0, Int(number) < dense.count, let name = dense[Int(number)] { return .string(name) }
        if let name = sparse[number] { return .string(name) }
        return closed ? nil : .int(Int64(number))
    }

    /// `value(number)` written as JSON at the end of `out`; false (nothing written) when it
    /// is nil.
    @inline(__always)
    func writeJSON(_ number: Int32, to out: JSONTextBuffer) -> Bool {
        if !isNullValue, number >= 0, Int(number) < dense.count, dense[Int(number)] != nil {
            denseJSON.write(Int(number), to: out)
            return true
        }
        guard let v = value(number) else { return false }
        v.writeJSON(to: out)
        return true
    }
}
