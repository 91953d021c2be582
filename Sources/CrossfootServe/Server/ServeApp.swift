import Crossfoot
import CrossfootBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The routes of `crossfoot serve`, and the rules every request passes first.
///
/// - A `Host` that is not the bound address or `localhost` (with the port) is refused with 421,
///   against DNS rebinding.
/// - Opening `/?token=HEX` with the server's token sets it as an `HttpOnly; SameSite=Strict`
///   cookie; every page but the assets needs that cookie (403 otherwise).
/// - A POST needs an `Origin` of this server and the token as form field `token` or header
///   `X-Crossfoot-Token` (403 otherwise), and a body no larger than `--max-upload` (413,
///   answered before the body is read).
/// - Every response carries a Content-Security-Policy of `'self'` only and
///   `X-Content-Type-Options: nosniff`, and no CORS header.
public final class ServeApp: HTTPHandler {
    public struct Settings: Sendable {
        public var config: ProjectConfig
        /// `--rules`; empty: the config's packs.
        public var rules: [String]
        public var maxUpload: Int
        /// Seconds a result is kept.
        public var expiry: Double
        public var token: String
        /// The private folder uploads are written to, under ids.
        public var folder: String
        /// Host names a request may name (each with `:port`).
        public var hosts: Set<String>
        /// The rules loaded at start-up, for the rules page.
        public var loadedRules: [IRRule]

        public init(
            config: ProjectConfig, rules: [String], maxUpload: Int, expiry: Double, token: String, folder: String, hosts: Set<String>, loadedRules: [IRRule]
        ) {
            self.config = config
            self.rules = rules
            self.maxUpload = maxUpload
            self.expiry = expiry
            self.token = token
            self.folder = folder
            self.hosts = hosts
            self.loadedRules = loadedRules
        }
    }

    public let settings: Settings
    let store: ResultStore
    let started = Clock.now

    public init(settings: Settings) {
        self.settings = settings
        self.store = ResultStore(expiry: settings.expiry)
    }

    static let cookieName = "crossfoot_token"

    public static let contentSecurityPolicy = "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

    public func finish(_ response: HTTPResponse) -> HTTPResponse {
        var r = response
        r.headers += [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "SAMEORIGIN"),
            // Not `no-referrer`: under it a browser sends `Origin: null` with the page's own forms.
            ("Referrer-Policy", "same-origin"),
        ]
        if r.header("Cache-Control") == nil { r.headers.append(("Cache-Control", "no-store")) }
        return r
    }

    public func refusal(head: HTTPRequest) -> HTTPResponse? {
        guard let host = head.header("host"), settings.hosts.contains(host.lowercased()) else {
            return HTTPResponse(
                status: 421,
                text: "This server answers only to \(settings.hosts.sorted().joined(separator: " or ")); open the address crossfoot serve printed.\n")
        }
        if head.method == "POST" {
            guard let origin = head.header("origin"), origin == "http://" + host.lowercased() else {
                return HTTPResponse(status: 403, text: "Refused: a form sent from another site (its Origin is not this server).\n")
            }
            if let sent = head.header("x-crossfoot-token"), !Self.same(sent, settings.token) {
                return HTTPResponse(status: 403, text: "Refused: the token does not match; open the address crossfoot serve printed.\n")
            }
            guard let length = head.contentLength else { return HTTPResponse(status: 411, text: "Send the body with a Content-Length.\n") }
            guard length <= settings.maxUpload else {
                return HTTPResponse(
                    status: 413, text: "The upload is \(sizeText(length)); this server takes \(sizeText(settings.maxUpload)) at most (--max-upload).\n")
            }
        }
        return nil
    }

    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let now = Clock.now - started
        store.expire(now: now)
        let path = request.path
        if request.method == "GET" || request.method == "HEAD", path.hasPrefix("/assets/") {
            guard let asset = Assets.file(String(path.dropFirst("/assets/".count))) else { return notFound() }
            return HTTPResponse(status: 200, headers: [("Content-Type", asset.type), ("Cache-Control", "no-cache")], body: Array(asset.body.utf8))
        }
        if path == "/favicon.ico" { return HTTPResponse(status: 204) }
        switch request.method {
        case "GET", "HEAD":
            if path == "/", let offered = request.query["token"] {
                guard Self.same(offered, settings.token) else { return forbidden() }
                return HTTPResponse(
                    status: 303,
                    headers: [("Location", "/"), ("Set-Cookie", "\(Self.cookieName)=\(settings.token); Path=/; HttpOnly; SameSite=Strict")])
            }
            guard let cookie = request.cookie(Self.cookieName), Self.same(cookie, settings.token) else { return forbidden() }
            return get(path, now: now)
        case "POST":
            guard path == "/check" else { return notFound() }
            return check(request, now: now)
        default:
            // OPTIONS included: no CORS preflight is ever answered with permission.
            return HTTPResponse(status: 405, headers: [("Allow", "GET, HEAD, POST")], body: Array("Method not allowed.\n".utf8))
        }
    }

    /// Forgets the results older than the expiry.
    func expire() { store.expire(now: Clock.now - started) }

    func get(_ path: String, now: Double) -> HTTPResponse {
        if path == "/" { return page(ServePage.home(token: settings.token, maxUpload: settings.maxUpload)) }
        if path == "/rules" { return page(ServePage.rules(settings.loadedRules, title: "Rules loaded by this server")) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // /r/ID, /r/ID/rules, /r/ID/crossfoot.FORMAT
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "r" else { return notFound() }
        guard let upload = store.get(String(parts[2]), now: now) else {
            return HTTPResponse(
                status: 404,
                html: ServePage.message(title: "Result not found", text: "Results are kept for \(Int(settings.expiry / 60)) minutes; check the files again."))
        }
        if parts.count == 3 { return page(ServePage.result(upload, token: settings.token, maxUpload: settings.maxUpload)) }
        guard parts.count == 4 else { return notFound() }
        if parts[3] == "rules" { return page(ServePage.rules(upload.result?.rules ?? [], title: "Rules of this check")) }
        guard let format = DownloadFormat.allCases.first(where: { $0.fileName == parts[3] }), let body = format.render(upload) else { return notFound() }
        return HTTPResponse(
            status: 200, headers: [("Content-Type", format.contentType), ("Content-Disposition", "attachment; filename=\"\(format.fileName)\"")], body: body)
    }

    /// An upload: the token checked, the files linted, the result kept, and the browser sent to
    /// its page.
    func check(_ request: HTTPRequest, now: Double) -> HTTPResponse {
        guard let type = request.header("content-type"), let boundary = Multipart.boundary(contentType: type),
            let form = Multipart(body: request.body, boundary: boundary)
        else {
            return HTTPResponse(status: 400, html: ServePage.message(title: "Not a form", text: "Send the files as multipart/form-data."))
        }
        let token = request.header("x-crossfoot-token") ?? form.text("token", in: request.body)
        guard let token, Self.same(token, settings.token) else { return forbidden() }
        let files = form.parts.filter { $0.name == "files" && $0.filename.map { !$0.isEmpty } == true }
        let rules = form.parts.first { $0.name == "rules" && $0.filename.map { !$0.isEmpty } == true && !$0.range.isEmpty }
        let lint = UploadLint(config: settings.config, rules: settings.rules, folder: settings.folder)
        let upload = lint.run(
            id: Self.randomHex(16), body: request.body, files: files.map { .init(name: $0.filename ?? "upload", range: $0.range) },
            ruleFile: rules.map { .init(name: $0.filename ?? "rules.yaml", range: $0.range) }, made: now)
        store.put(upload, now: now)
        return HTTPResponse(status: 303, headers: [("Location", "/r/\(upload.id)")])
    }

    func page(_ html: String) -> HTTPResponse { HTTPResponse(status: 200, html: html) }

    func notFound() -> HTTPResponse { HTTPResponse(status: 404, html: ServePage.message(title: "Not found", text: "There is no such page.")) }

    func forbidden() -> HTTPResponse {
        HTTPResponse(
            status: 403,
            html: ServePage.message(
                title: "Open the address crossfoot serve printed",
                text: "This page needs the token in the address that crossfoot serve printed when it started (http://127.0.0.1:PORT/?token=…)."))
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// `bytes` random bytes from the system's generator, as hex.
    public static func randomHex(_ bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var out = ""
        for _ in 0..<bytes {
            let b = UInt8.random(in: 0...255, using: &generator)
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return out
    }
}

/// Seconds on the monotonic clock.
enum Clock {
    static var now: Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
