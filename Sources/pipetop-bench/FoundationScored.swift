import Foundation

/// The same scored record as a Decodable, for the Foundation JSONDecoder baseline.
struct FoundationScored: Decodable {
    var type: String
    var pipeline: String
    var ts_ms: Int64
    var v: Int?
    var key: String
    var model: String
    var version: Int
    var role: String?
    var score: Double
    var prediction: Double?
    var label: Double?
    var latency_us: Double?
    var features: [String: Double]?
    var strategy: String?
}
