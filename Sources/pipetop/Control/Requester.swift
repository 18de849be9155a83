import Foundation

/// Who is acting: `$PIPETOP_USER`, else user@host, as every command's `requested_by`.
enum Requester {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let user = environment["PIPETOP_USER"], !user.isEmpty { return user }
        let user = environment["USER"] ?? environment["LOGNAME"] ?? getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid\(getuid())"
        var host = [CChar](repeating: 0, count: 256)
        let hostname = gethostname(&host, host.count) == 0 ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
        return "\(user)@\(hostname)"
    }
}
