import PipeTopCore
import PipeTopKafka

extension EffectiveConfig {
    /// This configuration with its `[[pipelines]]` templates made into the pipelines of the
    /// cluster's topics (`PipelineTemplateExpansion`); when the topics cannot be listed, the
    /// templates' pipelines are missing and a warning says why (on standard error, or through
    /// `warn` when a screen owns the terminal).
    func expandingTemplates(_ client: KafkaClientConfig, warn: (String) -> Void = { StandardError.print("pipetop: warning: \($0)") }) -> EffectiveConfig {
        let (pipelines, problem) = PipelineTemplateExpansion.expand(self.pipelines, config: client)
        if let problem { warn(problem) }
        var config = self
        config.pipelines = pipelines
        return config
    }
}
