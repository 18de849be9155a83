import Foundation
import PipeTopCore

/// JSON output of the one-shot commands (stable keys, sorted).
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }
}

/// `pipetop models --json`: one pipeline's registry.
struct RegistryReport: Encodable {
    struct Version: Encodable {
        var version: Int
        var state: String
        var parent: Int?
        var description: String?
        var metrics: [String: Double]
        var sha256: String?
        /// A mapped pipeline's newest models message of the version (`topic[partition]@offset`),
        /// the one re-publishing sends.
        var message: String?
    }

    struct Model: Encodable {
        var name: String
        var primary: Int?
        var candidates: [Int]
        var previousPrimary: Int?
        var versions: [Version]
    }

    var pipeline: String
    var models: [Model]

    init(_ p: PipelineSnapshot) {
        pipeline = p.name
        models = p.models.map { m in
            Model(name: m.name, primary: m.primary, candidates: m.candidates, previousPrimary: m.previousPrimary,
                  versions: m.versions.map { v in
                      Version(version: v.version, state: v.state.rawValue, parent: v.parent, description: v.description,
                              metrics: Dictionary(v.metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 }),
                              sha256: v.artifact?.sha256, message: v.origin?.text)
                  })
        }
    }
}

/// `pipetop status --json`: one pipeline's overview.
struct StatusReport: Encodable {
    struct AlertReport: Encodable {
        var kind: String
        var severity: String
        var subject: String
        var message: String
    }

    var pipeline: String
    var status: String
    var inPerSecond: Double
    var errorsPerSecond: Double
    var serving: [String]
    var candidates: [String]
    var alerts: [AlertReport]

    init(_ p: PipelineSnapshot) {
        pipeline = p.name
        status = p.status.rawValue
        inPerSecond = p.throughput.recordsIn.s10
        errorsPerSecond = p.throughput.errors.s10
        serving = p.models.compactMap { m in m.primary.map { "\(m.name) v\($0)" } }
        candidates = p.models.flatMap { m in m.candidates.map { "\(m.name) v\($0)" } }
        alerts = p.alerts.map { AlertReport(kind: $0.kind.rawValue, severity: "\($0.severity)", subject: $0.subject, message: $0.message) }
    }
}
