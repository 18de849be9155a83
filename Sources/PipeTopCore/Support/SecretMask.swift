/// Hides the values of secret properties (passwords, secrets, tokens, JAAS configs, SSL keys) before printing.
public enum SecretMask {
    /// What a masked value prints as; fixed, so the length of the secret does not leak.
    public static let masked = "********"

    /// Whether `key` names a secret.
    public static func isSecret(key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
            || lower.contains("sasl.jaas") || (lower.hasPrefix("ssl.key") && !lower.hasSuffix(".location"))
    }

    /// `value`, or `masked` when `key` names a secret.
    public static func mask(key: String, value: String) -> String {
        isSecret(key: key) ? masked : value
    }
}
