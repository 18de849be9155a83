import Foundation
import PipeTopCore

extension MessageDecoder {
    /// The decoder of one mapped topic's format: the registry for framed values, or the local
    /// descriptor set its table names (read here); throws one line naming the pipeline.
    public init(mapping m: TopicMapping, role: TopicMapping.Role, _ pipeline: String, _ schemas: (any SchemaSource)?) throws(MappedPipelineError) {
        var local: LocalProtobufSchema?
        if let path = m.protoDescriptor, let message = m.protoMessage {
            let place = "pipeline \(pipeline), \(role.rawValue): proto_descriptor \(path)"
            let bytes: [UInt8]
            do { bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path))) } catch {
                throw MappedPipelineError("\(place): \(error.localizedDescription)")
            }
            do { local = try LocalProtobufSchema(descriptorSet: bytes, messageName: message) } catch {
                throw MappedPipelineError("\(place): \(error)")
            }
        }
        self.init(format: m.format, schemas: schemas, localProtobuf: local)
    }
}
