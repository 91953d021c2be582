import CrossfootBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on POSIX sockets: one thread per connection, one request per
/// connection, every part of a request bounded.
///
/// The request line and headers may take `maxHead` bytes; a body needs a `Content-Length` no
/// larger than `maxBody`, checked before any body byte is read, and is then read into one buffer
/// of exactly that size, so no request holds more than `maxHead + maxBody` bytes. A connection
/// that sends nothing for `timeout` seconds is closed. It costs nothing to a process that does
/// not start it (no framework, no event loop), which keeps `crossfoot lint` as fast to start as
/// before.
public final class HTTPServer: Sendable {
    public struct Limits: Sendable {
        public var maxHead = 16 << 10
        public var maxHeaders = 100
        public var maxBody = 50 << 20
        public var maxConnections = 32
        public var timeout = 30

        public init() {}
    }

    /// The port bound (the one the system chose when 0 was asked).
    public let port: Int
    public let host: String
    public let limits: Limits
    private let listener: Int32
    private let open = Locked((connections: 0, stopped: false))

    /// Binds and listens.
    ///
    /// - Parameters:
    ///   - host: an IPv4 address (`127.0.0.1`), or `localhost`.
    ///   - port: 0 for a free port.
    /// - Throws: a message when the address cannot be bound.
    public init(host: String, port: Int, limits: Limits = Limits()) throws(ServeError) {
        let address = host == "localhost" ? "127.0.0.1" : host
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        guard inet_pton(AF_INET, address, &addr.sin_addr) == 1 else { throw ServeError("--host takes an IPv4 address such as 127.0.0.1, not '\(host)'") }
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw ServeError("cannot open a socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ServeError("cannot listen on \(address):\(port): \(reason)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        self.port = Int(UInt16(bigEndian: actual.sin_port))
        self.host = address
        self.limits = limits
        self.listener = fd
    }

    /// Accepts connections until `stop()`, each answered on a thread of its own.
    public func serve(_ handler: some HTTPHandler) {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                if open.withLock({ $0.stopped }) { return }
                if errno == EMFILE || errno == ENFILE {
                    usleep(50_000)
                    continue
                }
                return
            }
            let most = limits.maxConnections
            let admitted = open.withLock { state -> Bool in
                guard state.connections < most else { return false }
                state.connections += 1
                return true
            }
            guard admitted else {
                let busy = handler.finish(HTTPResponse(status: 503, text: "The server is busy; try again in a moment.\n"))
                Connection(fd: client, limits: limits).send(busy)
                close(client)
                continue
            }
            let connectionLimits = limits
            let open = open
            Self.detach {
                Connection(fd: client, limits: connectionLimits).answer(handler)
                close(client)
                open.withLock { $0.connections -= 1 }
            }
        }
    }

    /// Whether `stop()` was called.
    public var isStopped: Bool { open.withLock { $0.stopped } }

    /// Stops accepting; connections under way finish.
    public func stop() {
        open.withLock { $0.stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Runs `body` on a new detached thread.
    static func detach(_ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let started = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
                box.body()
                return nil
            }, box)
        if started == 0 {
            #if canImport(Glibc)
            pthread_detach(thread)
            #else
            if let thread { pthread_detach(thread) }
            #endif
        } else {
            Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
        }
    }
}
