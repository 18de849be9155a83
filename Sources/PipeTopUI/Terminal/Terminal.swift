/// Draws frames on a `Backend`: each frame is rendered in full into a back buffer, compared with
/// the previous frame, and only the changed cells are sent, followed by exactly one `flush`.
///
/// A reference type confined to the UI loop (it owns the backend, which is not `Sendable`);
/// the two buffers are reused frame after frame so drawing does not allocate a screen per frame.
public final class Terminal {
    public let backend: any Backend
    private var front: Buffer
    private var back: Buffer
    private var needsFullRedraw = true

    public init(backend: any Backend) {
        self.backend = backend
        front = Buffer(width: 0, height: 0)
        back = Buffer(width: 0, height: 0)
    }

    /// The last frame drawn (what the terminal shows, as far as we know).
    public var currentBuffer: Buffer { front }

    /// Makes the next `draw` clear the screen and send every non-blank cell: after a resize, a resume from
    /// Ctrl-Z, or anything else that may have changed the screen behind our back.
    public func invalidate() {
        needsFullRedraw = true
    }

    /// Renders one frame at the backend's current size and sends what changed.
    /// Returns the number of cells sent.
    @discardableResult
    public func draw(_ render: (inout Buffer) -> Void) -> Int {
        let size = backend.size
        back.resize(width: size.columns, height: size.rows)
        render(&back)
        if front.width != back.width || front.height != back.height {
            needsFullRedraw = true
        }
        let changes: [(x: Int, y: Int, cell: Cell)]
        if needsFullRedraw {
            backend.clear()
            // The screen is blank after a clear, so only the cells with something on them go out.
            changes = back.diff(from: Buffer(width: back.width, height: back.height))
            needsFullRedraw = false
        } else {
            changes = back.diff(from: front)
        }
        if !changes.isEmpty { backend.draw(changes) }
        backend.flush()
        swap(&front, &back)
        return changes.count
    }
}
