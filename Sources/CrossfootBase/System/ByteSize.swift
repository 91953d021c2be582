/// Sizes as people write them: `67108864`, `64MiB`, `64M`, `1.5GiB`, `512KB`. Every unit is a
/// power of two (a megabyte here is a mebibyte), as for file sizes in most tools.
public enum ByteSize {
    /// The value of `text`; with `sizes` false, only a plain whole number.
    public static func parse(_ text: String, sizes: Bool = true) -> Int? {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        if let n = Int(trimmed) { return n }
        guard sizes else { return nil }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        let scales: [String: Int] = [
            "": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20, "mib": 1 << 20,
            "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30, "t": 1 << 40, "tb": 1 << 40, "tib": 1 << 40,
        ]
        guard !digits.isEmpty, let scale = scales[unit] else { return nil }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0].isEmpty ? "0" : parts[0]) else { return nil }
        let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        guard parts.count == 2, !parts[1].isEmpty else { return parts.count == 2 ? nil : product }
        guard let fraction = Int(parts[1]), parts[1].count <= 6 else { return nil }
        var divisor = 1
        for _ in 0..<parts[1].count { divisor *= 10 }
        return product + fraction * scale / divisor
    }
}
