import PipeTopCore
import PipeTopKafka

extension EffectiveConfig {
    /// This configuration with its `[[pipelines]]` templates made into the pipelines of the
    /// cluster's topics (`PipelineTemplateExpansion`), for a command that reads them once;
    /// when the topics cannot be listed, the templates' pipelines are missing and a warning on
    /// standard error says why. (The dashboard's source finds them itself, as they come.)
    func expandingTemplates(_ client: KafkaClientConfig) -> EffectiveConfig {
        let (pipelines, problem) = PipelineTemplateExpansion.expand(self.pipelines, config: client)
        if let problem { StandardError.print("pipetop: warning: \(problem)") }
        var config = self
        config.pipelines = pipelines
        config.expandedTemplates += self.pipelines.filter(\.isTemplate)
        return config
    }
}
