import PipeTopCore

/// Contract messages as JSON text, for producing with kcat and the project's producer.
enum ContractJSON {
    static let t0: Int64 = 1_764_000_000_000

    static func scored(_ pipeline: String, key: String, atMs: Int64, version: Int = 1, score: Double = 0.25) -> String {
        #"{"type":"scored","pipeline":"\#(pipeline)","ts_ms":\#(atMs),"key":"\#(key)","model":"lr","version":\#(version),"role":"primary","score":\#(score),"prediction":0,"latency_us":500,"features":{"amount":12.5}}"#
    }

    static func metrics(_ pipeline: String, instance: String, atS s: Int64, recordsIn: Int) -> String {
        #"{"type":"metrics","pipeline":"\#(pipeline)","ts_ms":\#(t0 + s * 1000),"instance":"\#(instance)","stage":"score","records_in":\#(recordsIn),"records_out":\#(recordsIn),"errors":0,"lag":7,"serving":[{"model":"lr","version":1,"role":"primary"}]}"#
    }

    static func model(_ pipeline: String, version: Int, event: String, atMs: Int64) -> String {
        #"{"type":"model","pipeline":"\#(pipeline)","ts_ms":\#(atMs),"model":"lr","version":\#(version),"event":"\#(event)","description":"test"}"#
    }

    /// A test's own topic names, so tests sharing a broker never see each other's messages.
    static func topics(_ prefix: String) -> TopicNames {
        TopicNames(metrics: prefix + ".metrics", models: prefix + ".models", scored: prefix + ".scored", control: prefix + ".control")
    }

    /// The `[topics]` table of a configuration naming `topics`.
    static func topicsTable(_ topics: TopicNames) -> String {
        """
        [topics]
        metrics = "\(topics.metrics)"
        models = "\(topics.models)"
        scored = "\(topics.scored)"
        control = "\(topics.control)"
        """
    }
}
