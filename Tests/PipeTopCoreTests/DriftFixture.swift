import Foundation
import Testing
@testable import PipeTopCore

/// One scipy-generated drift case from Fixtures/drift (see scripts/drift-fixtures.py).
struct DriftFixture: Decodable {
    var bins: Int
    var edges: [Double]
    var psi: Double
    var ks: Double
    var ksPValue: Double
    var js: Double
    var n: Int
    var m: Int

    enum CodingKeys: String, CodingKey {
        case bins, edges, psi, ks, js, n, m
        case ksPValue = "ks_pvalue"
    }

    /// Every case the script writes; listed so that a missing directory fails instead of
    /// silently shrinking the agreement test.
    static let caseNames = [
        "different_scales", "discrete_ties", "empty_bins", "identical_samples",
        "lognormal_bins20", "normal_shift", "same_distribution", "tiny",
    ]

    static func directory() throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent("drift")
    }

    static func load(_ name: String) throws -> (fixture: DriftFixture, reference: [Double], current: [Double]) {
        let dir = try directory().appendingPathComponent(name)
        let json = try Data(contentsOf: dir.appendingPathComponent("expected.json"))
        let fixture = try JSONDecoder().decode(DriftFixture.self, from: json)
        let reference = try NumberFileReader.parse(
            String(decoding: try Data(contentsOf: dir.appendingPathComponent("reference.txt")), as: UTF8.self),
            source: "\(name)/reference.txt")
        let current = try NumberFileReader.parse(
            String(decoding: try Data(contentsOf: dir.appendingPathComponent("current.txt")), as: UTF8.self),
            source: "\(name)/current.txt")
        return (fixture, reference, current)
    }
}
