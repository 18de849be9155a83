/// Why a mapped pipeline cannot be read (a descriptor file missing or wrong, a registry
/// setting unusable): one line, naming the pipeline.
public struct MappedPipelineError: Error, Sendable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
