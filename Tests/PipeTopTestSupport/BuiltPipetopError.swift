/// Why a run of the built `pipetop` (or another command) has no result: it is not built, or it did not finish in time
/// (it was killed; what it wrote until then is kept for the failure message).
public enum BuiltPipetopError: Error, CustomStringConvertible {
    case notBuilt(String)
    case timedOut([String], after: Duration, RunResult)

    public var description: String {
        switch self {
        case .notBuilt(let path):
            "pipetop is not built at \(path); run `swift build --build-tests` (make test does)"
        case .timedOut(let arguments, let timeout, let run):
            "\(arguments.joined(separator: " ")) did not finish within \(timeout); killed. stdout: \(run.stdout) stderr: \(run.stderr)"
        }
    }
}
