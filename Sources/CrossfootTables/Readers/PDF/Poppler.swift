import CrossfootBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Poppler's GLib interface, loaded when the first PDF is read.
///
/// Loaded with `dlopen` rather than linked, so a lint of text, CSV or JSON never pays for loading
/// poppler, GLib and their libraries at start-up, and a machine without poppler still lints
/// everything else (a PDF then gets an error that says what to install).
package final class Poppler: @unchecked Sendable {
    /// A glyph of a page: its character and its box, in points from the page's top left.
    package struct Glyph {
        package var scalar: Unicode.Scalar
        package var x1: Double
        package var y1: Double
        package var x2: Double
        package var y2: Double

        package init(scalar: Unicode.Scalar, x1: Double, y1: Double, x2: Double, y2: Double) {
            self.scalar = scalar
            self.x1 = x1
            self.y1 = y1
            self.x2 = x2
            self.y2 = y2
        }
    }

    // C structures are read through raw pointers: a `PopplerRectangle` is four doubles
    // (x1, y1, x2, y2); a `GError` is a 32-bit domain, a 32-bit code and a message pointer.
    private typealias NewFromData =
        @convention(c) (UnsafeMutablePointer<CChar>?, Int32, UnsafePointer<CChar>?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> OpaquePointer?
    private typealias PageCount = @convention(c) (OpaquePointer?) -> Int32
    private typealias GetPage = @convention(c) (OpaquePointer?, Int32) -> OpaquePointer?
    private typealias GetText = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    private typealias GetLayout = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafeMutablePointer<UInt32>?) -> Int32
    private typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void
    private typealias Unref = @convention(c) (OpaquePointer?) -> Void
    private typealias ErrorFree = @convention(c) (UnsafeMutableRawPointer?) -> Void

    private let newFromData: NewFromData
    private let pageCount: PageCount
    private let getPage: GetPage
    private let getText: GetText
    private let getLayout: GetLayout
    private let free: Free
    private let unref: Unref
    private let errorFree: ErrorFree
    /// Poppler's document and page objects are used by one thread at a time.
    private let lock = Locked(())

    /// The library names tried, the versioned one first (Debian's `libpoppler-glib8`).
    static let libraryNames = ["libpoppler-glib.so.8", "libpoppler-glib.so", "libpoppler-glib.8.dylib", "libpoppler-glib.dylib"]

    private static let loaded: Result<Poppler, PDFFailure> = load()

    /// Poppler, loaded once; the failure says how to install it.
    package static func shared() -> Result<Poppler, PDFFailure> { loaded }

    private static func load() -> Result<Poppler, PDFFailure> {
        guard let handle = libraryNames.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            return .failure(
                .missingLibrary(
                    "reading a PDF needs poppler's GLib library, which is not installed (Debian and Ubuntu: apt-get install libpoppler-glib8; macOS: brew install poppler)"
                ))
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let newFromData = symbol("poppler_document_new_from_data", as: NewFromData.self),
            let pageCount = symbol("poppler_document_get_n_pages", as: PageCount.self),
            let getPage = symbol("poppler_document_get_page", as: GetPage.self),
            let getText = symbol("poppler_page_get_text", as: GetText.self),
            let getLayout = symbol("poppler_page_get_text_layout", as: GetLayout.self),
            let free = symbol("g_free", as: Free.self),
            let unref = symbol("g_object_unref", as: Unref.self),
            let errorFree = symbol("g_error_free", as: ErrorFree.self)
        else {
            return .failure(.missingLibrary("the poppler GLib library found lacks functions Crossfoot reads PDFs with; install poppler 0.90 or later"))
        }
        return .success(
            Poppler(
                newFromData: newFromData, pageCount: pageCount, getPage: getPage, getText: getText, getLayout: getLayout, free: free, unref: unref,
                errorFree: errorFree))
    }

    private init(
        newFromData: NewFromData, pageCount: PageCount, getPage: GetPage, getText: GetText, getLayout: GetLayout, free: Free, unref: Unref,
        errorFree: ErrorFree
    ) {
        self.newFromData = newFromData
        self.pageCount = pageCount
        self.getPage = getPage
        self.getText = getText
        self.getLayout = getLayout
        self.free = free
        self.unref = unref
        self.errorFree = errorFree
    }

    /// Hands the glyphs of each page of a PDF to `body`, page by page, in the order poppler gives
    /// them, holding one page's glyphs at a time.
    ///
    /// - Parameters:
    ///   - maxPages: a document with more pages is refused before any is read.
    ///   - body: takes a page's 0-based index and its glyphs; returns false to stop reading.
    /// - Returns: the number of pages, or poppler's message when it cannot open the document.
    package func readPages(of bytes: [UInt8], maxPages: Int, _ body: (Int, [Glyph]) -> Bool) -> Result<Int, PDFFailure> {
        var copy = bytes.map { CChar(bitPattern: $0) }
        return lock.withLock { _ in
            copy.withUnsafeMutableBufferPointer { buffer in
                var error: UnsafeMutableRawPointer?
                guard buffer.count < Int(Int32.max), let document = newFromData(buffer.baseAddress, Int32(buffer.count), nil, &error) else {
                    let text = error.flatMap { $0.load(fromByteOffset: 8, as: UnsafeMutablePointer<CChar>?.self) }
                    let message = text.map { String(cString: $0) } ?? "not a PDF"
                    if let error { errorFree(error) }
                    return .failure(.unreadable(message))
                }
                defer { unref(document) }
                let count = Int(pageCount(document))
                guard count <= maxPages else { return .failure(.tooManyPages(count)) }
                for index in 0..<count {
                    guard let page = getPage(document, Int32(index)) else {
                        if !body(index, []) { break }
                        continue
                    }
                    let glyphs = self.glyphs(of: page)
                    unref(page)
                    if !body(index, glyphs) { break }
                }
                return .success(count)
            }
        }
    }

    /// A page's characters (from its text) matched with their boxes (from its layout, one box per
    /// character of the text).
    private func glyphs(of page: OpaquePointer) -> [Glyph] {
        guard let text = getText(page) else { return [] }
        defer { free(text) }
        var rectangles: UnsafeMutableRawPointer?
        var count: UInt32 = 0
        guard getLayout(page, &rectangles, &count) != 0, let rectangles else { return [] }
        defer { free(rectangles) }
        let scalars = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self).unicodeScalars
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(Int(count))
        for (index, scalar) in zip(0..<Int(count), scalars) {
            let box = rectangles + index * 4 * MemoryLayout<Double>.stride
            func edge(_ k: Int) -> Double { box.load(fromByteOffset: k * MemoryLayout<Double>.stride, as: Double.self) }
            glyphs.append(Glyph(scalar: scalar, x1: edge(0), y1: edge(1), x2: edge(2), y2: edge(3)))
        }
        return glyphs
    }
}

/// Why a PDF was not read.
package enum PDFFailure: Error, Equatable {
    /// Poppler could not open it; its message.
    case unreadable(String)
    /// More pages than the limit.
    case tooManyPages(Int)
    /// Poppler is not installed, or too old; what to do.
    case missingLibrary(String)
}
