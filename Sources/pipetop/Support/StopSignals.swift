import Dispatch
import Foundation

/// Ctrl-C and SIGTERM, turned into a call of `stop` on a dispatch queue instead of killing the
/// process, so a headless run ends cleanly and flushes what it produced. Keep the value alive
/// for as long as the handling should last.
struct StopSignals {
    private let sources: [DispatchSourceSignal]

    init(_ stop: @escaping @Sendable () -> Void) {
        sources = [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }
}
