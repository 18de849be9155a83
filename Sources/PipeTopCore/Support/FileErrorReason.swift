import Foundation

/// Why a file operation failed, in a few words. On Linux, Foundation's file errors describe
/// themselves as "The operation could not be completed. (NSCocoaErrorDomain error 512.)";
/// the POSIX error underneath ("Is a directory") is the one an operator can act on.
public enum FileErrorReason {
    public static func of(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error, (underlying as NSError).domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32((underlying as NSError).code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return error.localizedDescription
    }
}
