import Testing

@testable import PipeTopCore

@Test func propertiesSplitAtTheFirstEquals() throws {
    let plain = try PropertyAssignment(parsing: "fetch.wait.max.ms=50")
    #expect(plain == PropertyAssignment(key: "fetch.wait.max.ms", value: "50"))
    let jaas = try PropertyAssignment(parsing: "sasl.jaas.config=a=b c=d")
    #expect(jaas.key == "sasl.jaas.config")
    #expect(jaas.value == "a=b c=d")
    #expect(try PropertyAssignment(parsing: "ssl.ca.location=").value == "")
}

@Test(arguments: [
    ("fetch.wait.max.ms", "missing '='"),
    ("=50", "empty key"),
    ("  =50", "empty key"),
])
func invalidPropertiesSayWhy(text: String, reason: String) {
    #expect {
        try PropertyAssignment(parsing: text)
    } throws: { error in
        let message = String(describing: error)
        return message.hasPrefix("invalid property \"\(text)\"") && message.contains(reason)
    }
}

@Test(arguments: [
    ("sasl.password", true),
    ("ssl.key.password", true),
    ("ssl.keystore.password", true),
    ("ssl.key.pem", true),
    ("sasl.jaas.config", true),
    ("sasl.oauthbearer.client.secret", true),
    ("SASL.PASSWORD", true),
    ("sasl.username", false),
    ("bootstrap.servers", false),
    ("ssl.ca.location", false),
    ("client.id", false),
])
func secretKeysAreMasked(key: String, secret: Bool) {
    let shown = SecretMask.mask(key: key, value: "hunter2")
    #expect((shown == SecretMask.masked) == secret)
    #expect(shown.contains("hunter2") == !secret)
}

@Test func printedPropertiesMaskSecrets() {
    #expect(
        PropertyAssignment(key: "sasl.password", value: "hunter2").description
            == "sasl.password=********")
    #expect(PropertyAssignment(key: "client.id", value: "me").description == "client.id=me")
}
