import Foundation
import PipeTopCore

/// `pipetop-bench formats DIR`: the Avro, Protobuf and contract-JSON decoders on the same
/// scored records, each value decoded into what `pipetop tail --format json` prints, on one
/// core, best of 3. `scripts/bench-decode` writes DIR with the official libraries (fastavro,
/// protoc-generated classes) and times the Python baselines on the same bytes; this prints
/// `{"avro": records/s, "protobuf": …, "contract": …}` for it.
struct FormatDecodeBenchmark {
    let directory: String
    /// "avro" or "protobuf": that decoder into JSON alone, best of 10 passes, its records/s
    /// printed (for a profiler); nil: all of them, as scripts/bench-decode reads them.
    var only: String?

    func run() {
        do {
            let avroSchema = try AvroSchema(parsing: String(contentsOfFile: directory + "/scored.avsc", encoding: .utf8))
            let descriptors = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/scored.desc")))
            let protobuf = try ProtobufDescriptorPool(descriptorSet: descriptors).decoder(forMessage: "pipetop.serde.ScoredRecord")
            let avro = try Self.records(directory + "/avro.bin")
            let proto = try Self.records(directory + "/protobuf.bin")
            let contract = try Self.records(directory + "/contract.bin")
            // As `tail --format json` prints: one buffer, reset per message.
            let json = JSONTextBuffer()
            let avroJSON = { (passes: Int) throws(ValueDecodeError) in
                try Self.rate(avro, passes: passes) { bytes throws(ValueDecodeError) in
                    json.reset()
                    try avroSchema.writeJSON(bytes, to: json)
                }
            }
            let protoJSON = { (passes: Int) throws(ValueDecodeError) in
                try Self.rate(proto, passes: passes) { bytes throws(ValueDecodeError) in
                    json.reset()
                    try protobuf.writeJSON(bytes, to: json)
                }
            }
            switch only {
            case nil: break
            case "avro": return print(Int(try avroJSON(10)))
            case "protobuf": return print(Int(try protoJSON(10)))
            case let other?:
                FileHandle.standardError.write(Data("pipetop-bench formats: no format \(other) (avro, protobuf)\n".utf8))
                exit(64)
            }
            let avroRate = try avroJSON(3)
            let protoRate = try protoJSON(3)
            var line: [UInt8] = []
            var decoder = EventDecoder()
            var scratch = ScoredEvent()
            let contractRate = try Self.rate(contract) { bytes throws(ValueDecodeError) in
                line.removeAll(keepingCapacity: true)
                do {
                    _ = try decoder.decode(bytes, scoredInto: &scratch)
                } catch {
                    throw ValueDecodeError("\(error)")
                }
                EventEncoder.encode(scored: scratch, into: &line)
            }
            let avroDecode = try Self.rate(avro) { bytes throws(ValueDecodeError) in _ = try avroSchema.decode(bytes) }
            let protoDecode = try Self.rate(proto) { bytes throws(ValueDecodeError) in _ = try protobuf.decode(bytes) }
            print(#"{"avro":\#(Int(avroRate)),"protobuf":\#(Int(protoRate)),"contract":\#(Int(contractRate)),"avro_decode_only":\#(Int(avroDecode)),"protobuf_decode_only":\#(Int(protoDecode))}"#)
        } catch {
            FileHandle.standardError.write(Data("pipetop-bench formats: \(error)\n".utf8))
            exit(1)
        }
    }

    /// `avro-file DATA SCHEMA`: decode alone and decode into JSON, records/s, for
    /// scripts/avro-c-compare (which times avro-c on the same file).
    static func avroFile(data: String, schema: String) {
        do {
            let avro = try AvroSchema(parsing: String(contentsOfFile: schema, encoding: .utf8))
            let records = try records(data)
            let decodeOnly = try rate(records) { bytes throws(ValueDecodeError) in _ = try avro.decode(bytes) }
            let json = JSONTextBuffer()
            let withJSON = try rate(records) { bytes throws(ValueDecodeError) in
                json.reset()
                try avro.decode(bytes).writeJSON(to: json)
            }
            print(String(format: "pipetop Avro, %d records: decode %.0f records/s, decode + JSON %.0f records/s", records.ranges.count, decodeOnly, withJSON))
        } catch {
            FileHandle.standardError.write(Data("pipetop-bench avro-file: \(error)\n".utf8))
            exit(1)
        }
    }

    /// One file's values: each a 4-byte little-endian length, then the bytes.
    struct Records {
        var bytes: [UInt8]
        var ranges: [Range<Int>]
    }

    static func records(_ path: String) throws -> Records {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var ranges: [Range<Int>] = []
        var at = 0
        while at + 4 <= bytes.count {
            let n = Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
            guard at + 4 + n <= bytes.count else { break }
            ranges.append(at + 4..<at + 4 + n)
            at += 4 + n
        }
        return Records(bytes: bytes, ranges: ranges)
    }

    /// Records a second through `body`, the best of `passes`.
    static func rate(_ records: Records, passes: Int = 3, _ body: (UnsafeRawBufferPointer) throws(ValueDecodeError) -> Void) throws(ValueDecodeError) -> Double {
        var best = Double.infinity
        for _ in 0..<passes {
            let result = records.bytes.withUnsafeBytes { all -> Result<Double, ValueDecodeError> in
                let start = DispatchTime.now().uptimeNanoseconds
                do throws(ValueDecodeError) {
                    for r in records.ranges { try body(UnsafeRawBufferPointer(rebasing: all[r])) }
                } catch {
                    return .failure(error)
                }
                return .success(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            best = min(best, try result.get())
        }
        return Double(records.ranges.count) / best
    }
}
