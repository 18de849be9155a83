extension PipelineConfig {
    /// The mapping in a few lines, for the Pipeline screen: each topic with its format and
    /// selectors, then the topics only measured, the group and the control.
    public var summaryLines: [String] {
        var lines: [String] = []
        let tables: [(TopicMapping.Role, String?, TopicMapping?)] = [
            (.scored, scoredTopic, scored), (.models, modelsTopic, models), (.labels, labelsTopic, labels),
        ]
        for case let (role, topic?, mapping?) in tables {
            var line = "\(role.rawValue) \(topic): \(mapping.format.rawValue)"
            if let descriptor = mapping.protoDescriptor, let message = mapping.protoMessage { line += " (\(message) from \(descriptor))" }
            let selectors = role.fields.compactMap { field in mapping.fields[field].map { "\(field)=\($0)" } }
            var features: [String] = []
            switch mapping.features {
            case .value(let p)?: features = ["features=\(p)"]
            case .list(let ps)?: features = ["features=[" + ps.map(\.description).joined(separator: ",") + "]"]
            case nil: break
            }
            if !(selectors + features).isEmpty { line += " · " + (selectors + features).joined(separator: " ") }
            lines.append(line)
        }
        var rest: [String] = []
        if let t = inputTopic { rest.append("input \(t)") }
        if let t = errorsTopic { rest.append("errors \(t)") }
        if let g = consumerGroup { rest.append("group \(g)") }
        switch control {
        case .republish where scoredCarriesVersion: rest.append("control republish (applied once the scored records show the version)")
        case .republish: rest.append("control republish (no acknowledgement channel: the scored records carry no version)")
        default: rest.append("control \(control.rawValue)")
        }
        lines.append(rest.joined(separator: " · "))
        return lines
    }
}
