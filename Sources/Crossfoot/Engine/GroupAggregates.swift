/// The aggregates of one group: per slot, the exact sum (or count) of its member rows and the
/// sum of their half-units, from which the rounding interval follows.
struct GroupAggregates: Sendable {
    var kinds: [IRAggregateKind]
    var sums: [Number]
    var halves: [Number]
    /// How many rows had a value, per slot (for messages: "the 6 other rows").
    var counts: [Int]

    init(kinds: [IRAggregateKind]) {
        self.kinds = kinds
        sums = Array(repeating: .zero, count: kinds.count)
        halves = Array(repeating: .zero, count: kinds.count)
        counts = Array(repeating: 0, count: kinds.count)
    }

    /// The exact value of aggregate `slot`: a count, or a sum (missing when no row had a value).
    func exact(_ slot: Int) -> Value {
        if kinds[slot] == .count { return .number(Interval(Number(counts[slot]))) }
        return counts[slot] == 0 ? .missing : .number(Interval(sums[slot]))
    }

    /// The sum widened by the rounding of every value in it.
    func rounded(_ slot: Int) -> Value {
        if kinds[slot] == .count { return exact(slot) }
        return counts[slot] == 0 ? .missing : .number(Interval(lo: sums[slot] - halves[slot], hi: sums[slot] + halves[slot]))
    }

    @inline(__always)
    mutating func add(_ value: Number, slot: Int) {
        sums[slot] = sums[slot] + value
        halves[slot] = halves[slot] + value.halfUnit
        counts[slot] += 1
    }

    @inline(__always)
    mutating func count(slot: Int) {
        counts[slot] += 1
    }

    /// The aggregates of the same group over two chunks of rows.
    func merged(with other: GroupAggregates) -> GroupAggregates {
        var result = self
        for slot in kinds.indices {
            result.sums[slot] = sums[slot] + other.sums[slot]
            result.halves[slot] = halves[slot] + other.halves[slot]
            result.counts[slot] = counts[slot] + other.counts[slot]
        }
        return result
    }
}

/// Group keys as bytes in one arena, found by hashing without an allocation per row.
///
/// A key is the concatenation of its values' encodings: numbers normalised (100 and 100.00 are
/// one group), text by its UTF-8 bytes, missing as a marker of its own.
struct GroupKeys: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    var count: Int { starts.count }

    func key(_ index: Int) -> [UInt8] {
        Array(arena[starts[index]..<(starts[index] + lengths[index])])
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h ^ (h >> 29)
    }

    /// The index of `key`, added when new.
    mutating func index(of key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let h = Self.hash(key)
        var mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            let s = Int(slot)
            if hashes[s] == h, lengths[s] == key.count, arena.withUnsafeBufferPointer({ a in
                var j = 0
                while j < key.count, a[starts[s] + j] == key[j] { j += 1 }
                return j == key.count
            }) {
                return (s, false)
            }
            i = (i + 1) & mask
        }
        let index = starts.count
        starts.append(arena.count)
        lengths.append(key.count)
        hashes.append(h)
        arena.append(contentsOf: key)
        slots[i] = Int32(index)
        if starts.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            mask = slots.count - 1
            for (k, hash) in hashes.enumerated() {
                var j = Int(truncatingIfNeeded: hash) & mask
                while slots[j] >= 0 { j = (j + 1) & mask }
                slots[j] = Int32(k)
            }
        }
        return (index, true)
    }

    mutating func index(of key: [UInt8]) -> (index: Int, inserted: Bool) {
        key.withUnsafeBufferPointer { index(of: $0) }
    }

    func find(_ key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { k -> Int? in
            let h = Self.hash(k)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 {
                let s = Int(slots[i])
                if hashes[s] == h, lengths[s] == k.count, arena.withUnsafeBufferPointer({ a in
                    var j = 0
                    while j < k.count, a[starts[s] + j] == k[j] { j += 1 }
                    return j == k.count
                }) {
                    return s
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Appends the encoding of lane element `i` to `key`.
    static func encode(_ lane: Lane, _ i: Int, _ evaluator: BatchEvaluator, into key: inout [UInt8]) {
        if lane.isConstant {
            encode(lane.constant ?? .missing, into: &key)
            return
        }
        switch lane.tags[i] {
        case .missing: key.append(0)
        case .number: encodeNumber(lane.sig[i], lane.exp[i], into: &key)
        case .bool: key.append(contentsOf: [2, UInt8(truncatingIfNeeded: lane.sig[i])])
        case .text:
            let c = lane.textColumn
            let row = Int(lane.sig[i])
            if evaluator.table.columns[c].kinds[row] == .rawText {
                let range = evaluator.table.columns[c].rawRange(row)
                key.append(3)
                withUnsafeBytes(of: UInt32(range.count).littleEndian) { key.append(contentsOf: $0) }
                evaluator.table.columns[c].raw.withUnsafeBufferPointer { key.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
            } else {
                appendText(ArraySlice(Array((evaluator.table.columns[c].text(at: row) ?? "").utf8)), into: &key)
            }
        case .boxed: encode(lane.boxed[i] ?? .missing, into: &key)
        }
    }

    static func encode(_ value: Value, into key: inout [UInt8]) {
        switch value {
        case .missing: key.append(0)
        case .bool(let b): key.append(contentsOf: [2, b ? 1 : 0])
        case .text(let s): appendText(ArraySlice(Array(s.utf8)), into: &key)
        case .number(let interval):
            let n = interval.mid.normalized
            if let sig = Int64(exactly: n.significand), let exp = Int8(exactly: n.exponent) {
                encodeNumber(sig, exp, into: &key)
            } else {
                key.append(5)
                appendText(ArraySlice(Array(n.description.utf8)), into: &key)
            }
        }
    }

    @inline(__always)
    static func encodeNumber(_ significand: Int64, _ exponent: Int8, into key: inout [UInt8]) {
        var s = significand
        var e = Int(exponent)
        if s == 0 {
            e = 0
        } else {
            while s % 10 == 0 {
                s /= 10
                e += 1
            }
        }
        key.append(1)
        withUnsafeBytes(of: s.littleEndian) { key.append(contentsOf: $0) }
        withUnsafeBytes(of: Int32(e).littleEndian) { key.append(contentsOf: $0) }
    }

    @inline(__always)
    static func appendText(_ bytes: ArraySlice<UInt8>, into key: inout [UInt8]) {
        key.append(3)
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: bytes)
    }
}
