/// A `[[pipelines]]` entry for a family of pipelines: its `scored_topic` holds one `*`
/// (`"*.scored"`, `"scores-*"`), and each topic of the cluster it matches is a pipeline of its
/// own, `{*}` in its name and other topics and consumer group standing for what `*` matched:
///
///     name = "{*}"
///     scored_topic = "*.scored"
///     models_topic = "{*}.models"
///     consumer_group = "{*}-scorers"
///
/// The mappings are the entry's, the same for every pipeline of the family.
extension PipelineConfig {
    /// What `{*}` stands for in the names of a template.
    public static let wildcard = "{*}"

    /// Whether this entry is a template (its scored topic holds a `*`).
    public var isTemplate: Bool { scoredTopic.contains("*") }

    /// Why this entry is not a valid template or plain pipeline (nil: it is), for the
    /// configuration's one-line error: a template's scored topic holds one `*` and its name
    /// holds `{*}` (else every pipeline of the family would have the same name); `*` appears
    /// nowhere else, `{*}` only in a template.
    public var templateProblem: (key: String, reason: String)? {
        let others = [("models_topic", modelsTopic), ("labels_topic", labelsTopic), ("input_topic", inputTopic),
                      ("errors_topic", errorsTopic), ("consumer_group", consumerGroup)].compactMap { key, value in value.map { (key, $0) } }
        if let (key, _) = others.first(where: { $0.1.replacingOccurrences(of: Self.wildcard, with: "").contains("*") }) {
            return (key, "only scored_topic takes a *, which the other names take as {*}")
        }
        guard isTemplate else {
            if name.contains(Self.wildcard) || others.contains(where: { $0.1.contains(Self.wildcard) }) {
                return ("scored_topic", "{*} stands for what the * of scored_topic matches, but scored_topic has no *")
            }
            return nil
        }
        if scoredTopic.filter({ $0 == "*" }).count > 1 { return ("scored_topic", "one * at most, got \"\(scoredTopic)\"") }
        if scoredTopic.contains(Self.wildcard) { return ("scored_topic", "write the pattern's * alone, not {*}") }
        if !name.contains(Self.wildcard) { return ("name", "a template's name holds {*} (\"{*}\", \"wine-{*}\"), so each pipeline of the family has its own") }
        return nil
    }

    /// The pipeline of this template that reads `topic`; nil when `topic` does not match its
    /// scored topic (or this is no template). `*` matches one character or more; an internal
    /// topic (`_schemas`, `__consumer_offsets`) only a pattern that starts with `_` itself.
    public func instance(forTopic topic: String) -> PipelineConfig? {
        guard isTemplate, let star = scoredTopic.firstIndex(of: "*") else { return nil }
        guard !topic.hasPrefix("_") || scoredTopic.hasPrefix("_") else { return nil }
        let prefix = scoredTopic[..<star], suffix = scoredTopic[scoredTopic.index(after: star)...]
        guard topic.count > prefix.count + suffix.count, topic.hasPrefix(prefix), topic.hasSuffix(suffix) else { return nil }
        let matched = String(topic.dropFirst(prefix.count).dropLast(suffix.count))
        func fill(_ text: String?) -> String? { text?.replacingOccurrences(of: Self.wildcard, with: matched) }
        var p = self
        p.name = fill(name)!
        p.scoredTopic = topic
        p.modelsTopic = fill(modelsTopic)
        p.labelsTopic = fill(labelsTopic)
        p.inputTopic = fill(inputTopic)
        p.errorsTopic = fill(errorsTopic)
        p.consumerGroup = fill(consumerGroup)
        return p
    }

    /// The pipeline of this template named `pipeline` (`wine-red` of `wine-{*}`); nil when the
    /// name is not one of its pipelines'.
    public func instance(named pipeline: String) -> PipelineConfig? {
        guard isTemplate, let r = name.range(of: Self.wildcard) else { return nil }
        let prefix = name[..<r.lowerBound], suffix = name[r.upperBound...]
        guard pipeline.count > prefix.count + suffix.count, pipeline.hasPrefix(prefix), pipeline.hasSuffix(suffix) else { return nil }
        let matched = String(pipeline.dropFirst(prefix.count).dropLast(suffix.count))
        let p = instance(forTopic: scoredTopic.replacingOccurrences(of: "*", with: matched))
        return p?.name == pipeline ? p : nil
    }

    /// The pipeline called `name` among `pipelines`: an entry of that name, else a template's.
    public static func named(_ name: String, in pipelines: [PipelineConfig]) -> PipelineConfig? {
        pipelines.first { !$0.isTemplate && $0.name == name } ?? pipelines.lazy.compactMap { $0.instance(named: name) }.first
    }

    /// `pipelines` with each template replaced by a pipeline per topic of `topics` it matches,
    /// in name order; a pipeline whose name an earlier entry (or instance) has already taken is
    /// left out, so an entry written out in full wins over a template's instance of that name.
    public static func expanding(_ pipelines: [PipelineConfig], topics: [String]) -> [PipelineConfig] {
        let explicit = Set(pipelines.filter { !$0.isTemplate }.map(\.name))
        var names = Set<String>()
        var out: [PipelineConfig] = []
        for p in pipelines {
            let instances = p.isTemplate ? topics.sorted().compactMap { p.instance(forTopic: $0) }.filter { !explicit.contains($0.name) } : [p]
            for i in instances where names.insert(i.name).inserted { out.append(i) }
        }
        return out
    }
}
