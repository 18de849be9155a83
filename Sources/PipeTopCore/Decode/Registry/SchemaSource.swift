/// Where framed messages' schemas come from: the Schema Registry client (in PipeTopKafka,
/// which does the I/O and caches by id), or a fixed table in tests. Called on the decoding
/// thread; an implementation answers from its cache without blocking once a schema is known.
public protocol SchemaSource: AnyObject, Sendable {
    /// The schema registered under `ref`; throws a one-line reason naming the id and where
    /// it was asked (the message is then counted as undecodable).
    func schema(_ ref: ConfluentFrame.SchemaRef) throws(ValueDecodeError) -> RegisteredSchema
}
