/// Everything a key can do; the keymap binds keys to these, and `[ui] keymap` rebinds them by name.
public enum Command: String, Sendable, Hashable, CaseIterable {
    case quit, help
    case up, down, top, bottom
    case pageUp = "page_up", pageDown = "page_down"
    case drillIn = "drill_in", back
    case nextScreen = "next_screen", previousScreen = "previous_screen"
    case overview, models, drift, tail, events, topics, groups
    case filter
    case commandMode = "command"
    case pause
    case timeRange = "time_range"
    case theme
    case promote, rollback, retire
    case acknowledgeAlert = "ack_alert", silenceAlert = "silence_alert"
    case write
    case capture
    case search
    case sort
    case internalTopics = "internal_topics"
    case describe
    case searchOlder = "search_older", searchNewer = "search_newer"
}
