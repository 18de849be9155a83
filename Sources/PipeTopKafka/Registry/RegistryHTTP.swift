import CCurl
import Foundation

/// GET requests to the registry through libcurl: its TLS verification against a CA file or the
/// system store, host names checked, a hard timeout and a response size cap. FoundationNetworking
/// on Linux cannot be given a CA file reliably, hence libcurl. One easy handle per request: the
/// client fetches each schema once, so connection reuse would buy nothing.
struct RegistryHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
    }

    let config: SchemaRegistryConfig

    /// What the registry's own clients send (confluent-kafka's `_RestClient`).
    static let accept = "Accept: application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5"


    /// GETs `config.url + path` (path starts with `/`, query included), in at most `limit`
    /// (what is left of `config.timeout` for the whole fetch).
    func get(_ path: String, within limit: Duration) throws(SchemaRegistryError.Reason) -> Response {
        let timeoutMs = Int(limit.components.seconds * 1_000 + limit.components.attoseconds / 1_000_000_000_000_000)
        guard timeoutMs > 0 else { throw .timedOut(config.timeout) }
        guard pipetop_curl_load() == CURLE_OK else { throw .transport(String(cString: pipetop_curl_load_error())) }
        guard let curl = pipetop_curl_easy_init() else { throw .transport("libcurl could not create a handle") }
        defer { pipetop_curl_easy_cleanup(curl) }
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        var headers: UnsafeMutablePointer<curl_slist>? = pipetop_curl_slist_append(nil, Self.accept)
        headers = pipetop_curl_slist_append(headers, "User-Agent: pipetop")
        defer { pipetop_curl_slist_free_all(headers) }
        let body = ResponseBody(limit: config.maxResponseBytes)
        let context = Unmanaged.passUnretained(body).toOpaque()

        var ok = true
        ok = ok && pipetop_curl_setopt_string(curl, CURLOPT_URL, config.url + path) == CURLE_OK
        ok = ok && pipetop_curl_setopt_string(curl, CURLOPT_PROTOCOLS_STR, "http,https") == CURLE_OK
        ok = ok && pipetop_curl_setopt_pointer(curl, CURLOPT_ERRORBUFFER, errorBuffer) == CURLE_OK
        ok = ok && pipetop_curl_setopt_pointer(curl, CURLOPT_HTTPHEADER, headers) == CURLE_OK
        // Signals for timeouts are unsafe in a threaded program: libcurl's own timer instead.
        ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1) == CURLE_OK
        ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_TIMEOUT_MS, timeoutMs) == CURLE_OK
        ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_CONNECTTIMEOUT_MS, timeoutMs) == CURLE_OK
        ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_SSL_VERIFYPEER, 1) == CURLE_OK
        ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_SSL_VERIFYHOST, 2) == CURLE_OK
        ok = ok && pipetop_curl_setopt_write_function(curl, writeBody) == CURLE_OK
        ok = ok && pipetop_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, context) == CURLE_OK
        if let caFile = config.caFile {
            ok = ok && pipetop_curl_setopt_string(curl, CURLOPT_CAINFO, caFile) == CURLE_OK
        }
        if let user = config.user {
            ok = ok && pipetop_curl_setopt_long(curl, CURLOPT_HTTPAUTH, pipetop_curl_auth_basic()) == CURLE_OK
            ok = ok && pipetop_curl_setopt_string(curl, CURLOPT_USERNAME, user) == CURLE_OK
            ok = ok && pipetop_curl_setopt_string(curl, CURLOPT_PASSWORD, config.password ?? "") == CURLE_OK
        }
        guard ok else { throw .transport("libcurl refused an option") }

        let code = withExtendedLifetime(body) { pipetop_curl_easy_perform(curl) }
        guard code == CURLE_OK else {
            throw Self.reason(code, message: String(cString: errorBuffer), curl: curl, body: body, config: config)
        }
        var status = 0
        _ = pipetop_curl_getinfo_long(curl, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, body: body.bytes)
    }

    /// A failed transfer in the words the error line uses.
    private static func reason(
        _ code: CURLcode, message: String, curl: UnsafeMutableRawPointer, body: ResponseBody, config: SchemaRegistryConfig
    ) -> SchemaRegistryError.Reason {
        let detail = message.isEmpty ? String(cString: pipetop_curl_easy_strerror(code)) : message
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(config.timeout)
        case CURLE_COULDNT_CONNECT:
            var osErrno = 0
            _ = pipetop_curl_getinfo_long(curl, CURLINFO_OS_ERRNO, &osErrno)
            return osErrno == Int(ECONNREFUSED) ? .connectionRefused : .transport("cannot connect: \(detail)")
        case CURLE_COULDNT_RESOLVE_HOST:
            return .transport("cannot resolve the host: \(detail)")
        case CURLE_PEER_FAILED_VERIFICATION:
            return .tls(certificateProblem(detail))
        case CURLE_SSL_CACERT_BADFILE:
            return .tls("cannot read the CA file \(config.caFile ?? "")")
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER:
            return .tls("handshake failed: \(detail)")
        case CURLE_WRITE_ERROR where body.overflowed:
            return .invalidResponse("response larger than \(Self.size(config.maxResponseBytes))")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidConfiguration("unsupported protocol: \(detail)")
        default:
            return .transport(detail)
        }
    }

    /// `16 MB`, `100 bytes`.
    static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }

    /// libcurl/OpenSSL's certificate complaint, said plainly.
    static func certificateProblem(_ message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("unable to get local issuer") || lower.contains("self-signed") || lower.contains("self signed")
            || lower.contains("unable to get issuer")
        {
            return "certificate verify failed (unknown CA)"
        }
        if lower.contains("subject name") || lower.contains("does not match target host") {
            // libcurl ends with "... target host name 'HOST'".
            let quoted = message.split(separator: "'", omittingEmptySubsequences: false)
            let host = quoted.count >= 3 ? " " + quoted[quoted.count - 2] : ""
            return "certificate does not match the host name\(host)"
        }
        if lower.contains("expired") { return "certificate verify failed (expired)" }
        return "certificate verify failed (\(message))"
    }
}

/// Where libcurl's write callback puts the body, up to `limit` bytes.
private final class ResponseBody {
    var bytes: [UInt8] = []
    var overflowed = false
    let limit: Int

    init(limit: Int) { self.limit = limit }
}

/// libcurl's write callback: appends to the `ResponseBody` passed as context; returning less
/// than given makes libcurl stop with CURLE_WRITE_ERROR (the size cap).
private let writeBody: pipetop_curl_write_fn = { data, size, count, context in
    let n = size * count
    guard let context else { return 0 }
    let body = Unmanaged<ResponseBody>.fromOpaque(context).takeUnretainedValue()
    guard body.bytes.count + n <= body.limit else {
        body.overflowed = true
        return 0
    }
    if let data, n > 0 {
        data.withMemoryRebound(to: UInt8.self, capacity: n) {
            body.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: n))
        }
    }
    return n
}
