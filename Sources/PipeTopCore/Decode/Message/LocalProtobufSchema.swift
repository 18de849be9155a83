/// `--proto-descriptor FILE --proto-message NAME`: Protobuf messages decoded with a local
/// descriptor set instead of the registry (raw messages; a registry frame in front is skipped).
public struct LocalProtobufSchema: Sendable {
    /// The message's full name, `package.Outer.Inner`.
    public let messageName: String
    let decoder: ProtobufMessageDecoder

    /// Reads the descriptor set (`protoc --descriptor_set_out=FILE --include_imports`) and
    /// compiles the named message; throws a one-line reason when either is wrong.
    public init(descriptorSet: [UInt8], messageName: String) throws(ValueDecodeError) {
        self.messageName = messageName
        let name = messageName.hasPrefix(".") ? String(messageName.dropFirst()) : messageName
        decoder = try ProtobufDescriptorPool(descriptorSet: descriptorSet).decoder(forMessage: name)
    }
}
