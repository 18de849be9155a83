/// The version number: `pipetop --version` prints it with the commit it was built from, and
/// `make deb` names the package by it.
public enum PipeTopVersion {
    public static let current = "0.1.0"
}
