import PipeTopCore
import PipeTopKafka

/// The Schema Registry client for the configured settings, or nil when no registry is set.
enum SchemaRegistryConnection {
    static func source(_ settings: SchemaRegistrySettings) throws -> (any SchemaSource)? {
        guard settings.url != nil else { return nil }
        return nil
    }
}
