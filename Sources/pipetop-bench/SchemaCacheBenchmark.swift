import Foundation
import PipeTopCore
import PipeTopKafka

/// `pipetop-bench schema-cache URL N`: resident memory that N schemas add once fetched
/// through `SchemaRegistryClient` (its cache) and compiled by a `MessageDecoder` (its cache),
/// ids 1…N of the registry at URL (`scripts/bench-schema-cache` registers them). Target: < 8 MB
/// for 1,000 schemas.
enum SchemaCacheBenchmark {
    static func run(url: String, count: Int) {
        do {
            let client = SchemaRegistryClient(config: try SchemaRegistryConfig(url: url, timeout: .seconds(30)))
            var decoder = MessageDecoder(format: .auto, schemas: client)
            let before = ResidentMemory.bytes()
            for id in 1...count {
                // A frame naming the schema with an empty payload: the schema is fetched and
                // compiled (and kept), then that empty payload is refused.
                let frame: [UInt8] = [0, UInt8(id >> 24 & 0xFF), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)]
                _ = try? decoder.decode(frame)
            }
            let after = ResidentMemory.bytes()
            let added = Double(after - before) / 1_048_576
            print(String(format: "%d schemas fetched and compiled (%d in the client's cache): +%.2f MB resident (target < 8 MB)",
                         count, client.cachedSchemas, added))
            withExtendedLifetime(decoder) {}
        } catch {
            FileHandle.standardError.write(Data("pipetop-bench schema-cache: \(error)\n".utf8))
            exit(1)
        }
    }
}
