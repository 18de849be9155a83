/// Why the ncurses backend could not start.
public enum NcursesError: Error, CustomStringConvertible {
    /// Standard input or output is a pipe or file, not a terminal.
    case notATerminal
    /// curses found no usable terminal description (TERM unset or unknown).
    case cannotOpenTerminal(term: String)
    /// The terminal cannot move its cursor (`TERM=dumb`, a printing terminal): a full-screen
    /// program would only draw garbage on one line.
    case noCursorAddressing(term: String)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the dashboard needs a terminal on standard input and output; "
                + "to read a stream without one, use `pipetop tail`"
        case .cannotOpenTerminal(let term):
            return "cannot start the terminal UI on TERM=\(term.isEmpty ? "(unset)" : term): "
                + "set TERM to a terminal with a terminfo entry, e.g. xterm-256color"
        case .noCursorAddressing(let term):
            return "TERM=\(term) cannot move the cursor, which the dashboard needs; "
                + "run it in a full-screen terminal (e.g. TERM=xterm-256color), or use `pipetop status` or `pipetop tail`"
        }
    }
}
