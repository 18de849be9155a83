import Foundation
import Testing

/// scipy.special.kolmogorov over a grid of λ, from Fixtures/drift/kolmogorov.json.
struct KolmogorovTable: Decodable {
    var lambda: [Double]
    var q: [Double]

    static func load() throws -> KolmogorovTable {
        let url = try DriftFixture.directory().appendingPathComponent("kolmogorov.json")
        return try JSONDecoder().decode(KolmogorovTable.self, from: Data(contentsOf: url))
    }
}
