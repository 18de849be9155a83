/// Why pipetop will not even ask to send a command (unknown, failed or retired version,
/// nothing to roll back to…): a one-line reason for the flash message and the CLI.
public struct ControlRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
