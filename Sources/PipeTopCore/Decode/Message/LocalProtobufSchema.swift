/// `--proto-descriptor FILE --proto-message NAME`: Protobuf messages decoded with a local
/// descriptor set instead of the registry (raw messages; a registry frame is skipped).
public struct LocalProtobufSchema: Sendable {
    /// The descriptor set's bytes (`protoc --descriptor_set_out=FILE --include_imports`).
    public var descriptorSet: [UInt8]
    /// The message's full name, `package.Outer.Inner`.
    public var messageName: String

    public init(descriptorSet: [UInt8], messageName: String) throws(ValueDecodeError) {
        self.descriptorSet = descriptorSet
        self.messageName = messageName
    }
}
