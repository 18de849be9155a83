import PipeTopCore

/// `[[pipelines]]` templates (`scored_topic = "*.scored"`) made into a pipeline per topic of the
/// cluster they match, once, when a command or the dashboard starts: one metadata request.
public enum PipelineTemplateExpansion {
    /// `pipelines`, each template replaced by its pipelines (`PipelineConfig.expanding`); when
    /// the cluster's topics cannot be listed within `timeout`, the templates are left out and
    /// `problem` says why, in one line.
    public static func expand(_ pipelines: [PipelineConfig], config: KafkaClientConfig,
                              timeout: Duration = .seconds(5)) -> (pipelines: [PipelineConfig], problem: String?) {
        guard pipelines.contains(where: \.isTemplate) else { return (pipelines, nil) }
        do {
            let topics = try KafkaAdmin(config: config).partitionCounts(timeout: timeout)
            return (PipelineConfig.expanding(pipelines, topics: Array(topics.keys)), nil)
        } catch {
            let patterns = pipelines.filter(\.isTemplate).map(\.scoredTopic).joined(separator: ", ")
            return (pipelines.filter { !$0.isTemplate }, "no pipeline of \(patterns): the topics of \(config.brokers) could not be listed (\(error))")
        }
    }
}
