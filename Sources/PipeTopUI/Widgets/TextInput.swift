/// A one-line editable field (filter, command line): its text, a cursor, and the edits keys make.
///
/// Text is kept as characters so the cursor moves by grapheme, never inside `é` or an emoji.
public struct TextInput: Widget, Hashable {
    public private(set) var characters: [Character]
    /// Cursor position in characters, 0…count (count = after the last one).
    public private(set) var cursor: Int
    /// Drawn before the text and not editable (`/`, `:`).
    public var prompt: String
    public var role: ThemeRole

    public init(text: String = "", prompt: String = "", role: ThemeRole = .text) {
        self.characters = Array(text)
        self.cursor = characters.count
        self.prompt = prompt
        self.role = role
    }

    public var text: String { String(characters) }

    /// Inserts at the cursor; control characters and newlines are dropped (a one-line field).
    public mutating func insert(_ string: String) {
        let clean = string.filter { !DisplayWidth.isControl($0) }
        characters.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
    }

    /// Pasted text: its lines joined by spaces, so a pasted multi-line value stays on one line.
    public mutating func paste(_ string: String) {
        insert(string.split(whereSeparator: \.isNewline).joined(separator: " "))
    }

    /// Deletes the character before the cursor (backspace).
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    /// Deletes the character under the cursor (delete).
    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Applies an editing key or a paste; returns false for events the field does not use
    /// (enter, esc, …) so the caller can act on them.
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .paste(let text):
            paste(text)
        case .key(let key):
            switch key.name {
            case "backspace": deleteBackward()
            case "delete": deleteForward()
            case "left": moveLeft()
            case "right": moveRight()
            case "home", "ctrl+a": moveHome()
            case "end", "ctrl+e": moveEnd()
            // As in a shell: to the start of the line, to its end, the word before the cursor.
            case "ctrl+u":
                characters.removeSubrange(0..<cursor)
                cursor = 0
            case "ctrl+k": characters.removeSubrange(cursor...)
            case "ctrl+w":
                var start = cursor
                while start > 0, characters[start - 1] == " " { start -= 1 }
                while start > 0, characters[start - 1] != " " { start -= 1 }
                characters.removeSubrange(start..<cursor)
                cursor = start
            default:
                guard let character = key.character else { return false }
                insert(String(character))
            }
        case .resize:
            return false
        }
        return true
    }

    public func render(in area: Rect, buffer: inout Buffer, theme: Theme) {
        guard !area.isEmpty else { return }
        let style = theme.style(for: role)
        buffer.fill(area.row(0), style: style)
        let promptWidth = buffer.set(string: prompt, at: (area.x, area.y), style: style, maxWidth: area.width - 1)
        let room = area.width - promptWidth
        guard room > 0 else { return }
        // Scroll horizontally so the cursor (one column past the text at the end) stays visible.
        var start = 0
        var before = characters[..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        while before >= room && start < cursor {
            before -= DisplayWidth.of(characters[start])
            start += 1
        }
        var x = area.x + promptWidth
        for i in start..<characters.count {
            var cellStyle = style
            if i == cursor { cellStyle.modifiers.insert(.reverse) }
            let used = buffer.set(string: String(characters[i]), at: (x, area.y), style: cellStyle, maxWidth: area.right - x)
            if used == 0 { break }
            x += used
        }
        if cursor == characters.count, x < area.right {
            var cursorStyle = style
            cursorStyle.modifiers.insert(.reverse)
            buffer[x, area.y] = Cell(" ", style: cursorStyle)
        }
    }
}
