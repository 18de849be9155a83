import Foundation

/// An OAUTHBEARER token as `oauth_token_command` prints it: either JSON
/// `{"token": "…", "expires_at": 1767225600, "principal": "svc"}` (`expires_at` in seconds
/// since the epoch, or milliseconds when above 10^11; `principal` optional) or the bare token,
/// which is taken to live one hour.
struct OAuthToken: Sendable, Hashable {
    var value: String
    /// Epoch milliseconds.
    var expiresAtMs: Int64
    /// The principal librdkafka reports for the token (it needs one; not sent to the broker).
    var principal: String

    /// The lifetime of a bare token: librdkafka asks for a new one after 80 % of it.
    static let bareTokenLifetimeMs: Int64 = 3_600_000
    /// `expires_at` values above this are milliseconds (10^11 seconds is the year 5138).
    static let millisecondsThreshold: Double = 100_000_000_000

    /// Parses the command's trimmed output; the message of the error says what is wrong.
    static func parse(_ output: String, nowMs: Int64, principal: String = "pipetop") throws(Failure) -> OAuthToken {
        guard !output.isEmpty else { throw Failure("the command printed nothing") }
        guard output.hasPrefix("{") else {
            guard !output.contains(where: \.isWhitespace) else { throw Failure("the output is neither JSON nor a bare token") }
            return OAuthToken(value: output, expiresAtMs: nowMs + bareTokenLifetimeMs, principal: principal)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] else {
            throw Failure("the output is not a JSON object")
        }
        guard let token = object["token"] as? String, !token.isEmpty else { throw Failure("the JSON has no \"token\" string") }
        guard let expires = (object["expires_at"] as? NSNumber)?.doubleValue else {
            throw Failure("the JSON has no \"expires_at\" number (seconds since the epoch)")
        }
        let expiresAtMs = Int64(expires > millisecondsThreshold ? expires : expires * 1_000)
        guard expiresAtMs > nowMs else { throw Failure("the token expired already (expires_at \(expires))") }
        let name = (object["principal"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? principal
        return OAuthToken(value: token, expiresAtMs: expiresAtMs, principal: name)
    }

    /// Why a command's output is no token.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
