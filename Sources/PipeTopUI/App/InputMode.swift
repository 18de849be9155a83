/// What keys currently type into: nothing (keys are bindings), the filter line or the command line.
public enum InputMode: Sendable, Hashable {
    case normal
    case filter(TextInput)
    case command(TextInput)
    /// A dialog waits for an answer; nothing else reacts to keys.
    case confirm(Dialog)
    /// How long to silence an alert, being typed.
    case silence(alertID: String, TextInput)
    /// The file the Tail screen's records go to, being typed.
    case writeFile(TextInput)
    /// The Tail screen's search (`n`/`N`), being typed.
    case search(TextInput)
    /// The file every matching record goes to from now on, being typed.
    case captureFile(TextInput)
}
