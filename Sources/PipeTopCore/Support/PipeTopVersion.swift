/// The version `pipetop --version` prints.
public enum PipeTopVersion {
    public static let current = "0.1.0"
}
