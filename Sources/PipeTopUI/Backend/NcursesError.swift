/// Why the ncurses backend could not start.
public enum NcursesError: Error, CustomStringConvertible {
    /// curses found no usable terminal description (TERM unset or unknown).
    case cannotOpenTerminal(term: String)

    public var description: String {
        switch self {
        case .cannotOpenTerminal(let term):
            return "cannot start the terminal UI on TERM=\(term.isEmpty ? "(unset)" : term): "
                + "set TERM to a terminal with a terminfo entry, e.g. xterm-256color"
        }
    }
}
