import PipeTopCore
import PipeTopKafka

/// The Schema Registry client for the configured settings, or nil when no registry is set;
/// throws a one-line reason (with the password masked) when the settings are unusable.
enum SchemaRegistryConnection {
    static func source(_ settings: SchemaRegistrySettings) throws(SchemaRegistryError) -> (any SchemaSource)? {
        guard let url = settings.url else { return nil }
        return SchemaRegistryClient(config: try SchemaRegistryConfig(url: url, auth: settings.auth, caFile: settings.caFile))
    }
}
