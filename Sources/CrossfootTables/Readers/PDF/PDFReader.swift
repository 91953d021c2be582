import CrossfootBase

/// Reads a PDF as text laid out by where its words are drawn, for the report reader.
///
/// The text is what `crossfoot extract --text` prints: each page's lines, a line holding a form
/// feed between pages. Positions in it carry their page (`SourceFile.pageStarts`).
package enum PDFReader {
    /// Whether bytes are a PDF: `%PDF-` starting a line within the first 1024 bytes, where PDF
    /// readers look for it (a text that mentions it inside a sentence is not one).
    package static func looksLikePDF(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        let marker: [UInt8] = Array("%PDF-".utf8)
        guard head.count >= marker.count else { return false }
        return (head.startIndex...(head.endIndex - marker.count)).contains { k in
            (k == head.startIndex || head[k - 1] == 0x0A || head[k - 1] == 0x0D) && head[k..<(k + marker.count)].elementsEqual(marker)
        }
    }

    /// The most pages a PDF of `size` bytes may have: a page takes more than 40 bytes of its own
    /// (its dictionary), so a page count beyond that is a page-tree bomb, refused before any page
    /// is read.
    package static func maxPages(forSize size: Int) -> Int {
        min(1_000_000, max(16, size / 40))
    }

    /// The text of a PDF, page by page.
    ///
    /// - Parameter maxTextSize: the most bytes of text; a PDF whose text is longer is refused
    ///   at the page that passes it (the `--max-file-size` limit, as for any input).
    /// - Throws: a `Diagnostic` naming the file when poppler is missing or cannot open it, or a
    ///   limit is passed.
    package static func text(path: String, bytes: [UInt8], maxTextSize: Int, limitFlag: String = "--max-file-size") throws(Diagnostic) -> SourceFile {
        let poppler: Poppler
        switch Poppler.shared() {
        case .success(let loaded): poppler = loaded
        case .failure(let failure):
            if case .missingLibrary(let message) = failure { throw Diagnostic(.error, message, path: path) }
            throw Diagnostic(.error, "cannot read this PDF", path: path)
        }
        var text: [UInt8] = []
        var pageStarts: [Int] = []
        var line = 1
        var overflow: Int?
        let maxPages = maxPages(forSize: bytes.count)
        let result = poppler.readPages(of: bytes, maxPages: maxPages) { index, glyphs in
            if index > 0 {
                text.append(contentsOf: [0x0C, 0x0A])
                line += 1
            }
            pageStarts.append(line)
            // A page with more glyphs than the limit has bytes is refused before it is laid out.
            guard glyphs.count <= maxTextSize else {
                overflow = index + 1
                return false
            }
            let page = PDFLayout.text(of: glyphs)
            text.append(contentsOf: page)
            line += page.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            if text.count > maxTextSize {
                overflow = index + 1
                return false
            }
            return true
        }
        switch result {
        case .failure(.unreadable(let message)):
            throw Diagnostic(.error, "cannot read this PDF: \(Self.reason(message))", path: path)
        case .failure(.tooManyPages(let count)):
            throw Diagnostic(
                .error,
                "this PDF says it has \(count) pages, more than a file of \(FileSystem.size(bytes.count)) can hold (at most \(maxPages)); refused as a page-count bomb",
                path: path)
        case .failure(.missingLibrary(let message)):
            throw Diagnostic(.error, message, path: path)
        case .success:
            if let overflow {
                throw Diagnostic(
                    .error,
                    "the text of this PDF is more than the limit of \(FileSystem.size(maxTextSize)) by page \(overflow) (raise it with \(limitFlag))",
                    path: path)
            }
        }
        guard !pageStarts.isEmpty else {
            throw Diagnostic(.error, "this PDF has no page that can be read (its page tree is empty or broken)", path: path)
        }
        return SourceFile(path: path, bytes: text, pageStarts: pageStarts)
    }

    /// Poppler's message in words a user acts on.
    static func reason(_ message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("encrypt") || lower.contains("password") {
            return "it is encrypted and needs a password (save it without one, or print it to a new PDF)"
        }
        if lower.contains("damaged") || lower.contains("not a pdf") || lower.contains("failed to load") {
            return "it is damaged or not a PDF (poppler: \(message))"
        }
        return "poppler: \(message)"
    }
}
