import CrossfootBase
import CrossfootRules
import CrossfootTables

/// The aggregates of one group: per slot, the exact sum (or count) of its member rows and the
/// sum of their half-units, from which the rounding interval follows; for order statistics
/// (median, quartiles, MAD) and moments (mean, variance), the values themselves; for `distinct`,
/// the different values seen.
package struct GroupAggregates: Sendable {
    package var kinds: [IRAggregateKind]
    package var sums: [Number]
    package var halves: [Number]
    /// How many rows had a value, per slot (for messages: "the 6 other rows").
    package var counts: [Int]
    /// Per slot, every value of the group, sorted once `prepare()` has run.
    package var lists: [[Number]]
    /// Per slot, the encoded values seen, for `distinct`.
    package var sets: [Set<[UInt8]>]
    /// Per slot, statistics computed once by `prepare()`.
    private var statistics: [Number?]

    package init(kinds: [IRAggregateKind]) {
        self.kinds = kinds
        sums = Array(repeating: .zero, count: kinds.count)
        halves = Array(repeating: .zero, count: kinds.count)
        counts = Array(repeating: 0, count: kinds.count)
        // Sums and counts alone (every total of a financial table) allocate nothing more.
        let keeps = Self.keepsValues(kinds)
        lists = keeps ? Array(repeating: [], count: kinds.count) : []
        sets = keeps ? Array(repeating: [], count: kinds.count) : []
        statistics = keeps ? Array(repeating: nil, count: kinds.count) : []
    }

    /// Whether any aggregate needs the values themselves, not running sums.
    package static func keepsValues(_ kinds: [IRAggregateKind]) -> Bool {
        kinds.contains { $0.keepsValues || $0 == .distinct }
    }

    /// Sorts the value lists and computes each statistic, so evaluating a row costs nothing more.
    package mutating func prepare() {
        guard !lists.isEmpty else { return }
        for slot in kinds.indices where kinds[slot].keepsValues {
            lists[slot].sort()
            statistics[slot] = Self.statistic(kinds[slot], lists[slot])
        }
    }

    /// The exact value of aggregate `slot`: a count, a sum or a statistic (missing when no row
    /// had a value).
    package func exact(_ slot: Int) -> Value {
        switch kinds[slot] {
        case .count: return .number(Interval(Number(counts[slot])))
        case .distinct: return .number(Interval(Number(sets[slot].count)))
        case .sum: return counts[slot] == 0 ? .missing : .number(Interval(sums[slot]))
        default: return statistics[slot].map { .number(Interval($0)) } ?? .missing
        }
    }

    /// The sum widened by the rounding of every value in it.
    package func rounded(_ slot: Int) -> Value {
        if kinds[slot] != .sum { return exact(slot) }
        return counts[slot] == 0 ? .missing : .number(Interval(lo: sums[slot] - halves[slot], hi: sums[slot] + halves[slot]))
    }

    /// The median of the group's values with `own` left out once: a value's peers.
    package func median(of slot: Int, excluding own: Number?) -> Value {
        let list = lists[slot]
        guard let own, let index = Self.index(of: own, in: list) else {
            return Self.median(list[...]).map { .number(Interval($0)) } ?? .missing
        }
        let n = list.count - 1
        guard n > 0 else { return .missing }
        func at(_ k: Int) -> Number { list[k < index ? k : k + 1] }
        if n % 2 == 1 { return .number(Interval(at(n / 2))) }
        return .number(Interval((at(n / 2 - 1) + at(n / 2)) * Number(significand: 5, exponent: -1)))
    }

    @inline(__always)
    package mutating func add(_ value: Number, slot: Int) {
        sums[slot] = sums[slot] + value
        halves[slot] = halves[slot] + value.halfUnit
        counts[slot] += 1
        if kinds[slot].keepsValues { lists[slot].append(value) }
    }

    @inline(__always)
    package mutating func count(slot: Int) {
        counts[slot] += 1
    }

    /// The aggregates of the same group over two chunks of rows.
    package func merged(with other: GroupAggregates) -> GroupAggregates {
        var result = self
        for slot in kinds.indices {
            result.sums[slot] = sums[slot] + other.sums[slot]
            result.halves[slot] = halves[slot] + other.halves[slot]
            result.counts[slot] = counts[slot] + other.counts[slot]
            if !lists.isEmpty {
                result.lists[slot] += other.lists[slot]
                result.sets[slot].formUnion(other.sets[slot])
            }
        }
        return result
    }

    // MARK: Statistics of sorted values

    package static func statistic(_ kind: IRAggregateKind, _ sorted: [Number]) -> Number? {
        guard !sorted.isEmpty else { return nil }
        switch kind {
        case .median, .medianOthers: return median(sorted[...])
        case .q1: return quantile(sorted, numerator: 1, denominator: 4)
        case .q3: return quantile(sorted, numerator: 3, denominator: 4)
        case .mad:
            guard let m = median(sorted[...]) else { return nil }
            return median(sorted.map { ($0 - m).magnitude }.sorted()[...])
        case .mean: return mean(sorted)
        case .variance:
            guard let m = mean(sorted) else { return nil }
            let squares = sorted.reduce(Number.zero) { total, x in total + (x - m) * (x - m) }
            return Number.divide(squares, Number(sorted.count))
        case .sum, .count, .distinct: return nil
        }
    }

    package static func median(_ sorted: ArraySlice<Number>) -> Number? {
        guard !sorted.isEmpty else { return nil }
        let n = sorted.count
        let base = sorted.startIndex
        if n % 2 == 1 { return sorted[base + n / 2] }
        return (sorted[base + n / 2 - 1] + sorted[base + n / 2]) * Number(significand: 5, exponent: -1)
    }

    /// The quantile by linear interpolation between order statistics (R's type 7, as in
    /// spreadsheets' QUARTILE).
    package static func quantile(_ sorted: [Number], numerator: Int, denominator: Int) -> Number? {
        guard !sorted.isEmpty else { return nil }
        let position = (sorted.count - 1) * numerator
        let lower = position / denominator
        let remainder = position % denominator
        guard remainder != 0, lower + 1 < sorted.count else { return sorted[lower] }
        let fraction = Number.divide(Number(remainder), Number(denominator)) ?? .zero
        return sorted[lower] + (sorted[lower + 1] - sorted[lower]) * fraction
    }

    package static func mean(_ values: [Number]) -> Number? {
        guard !values.isEmpty else { return nil }
        return Number.divide(values.reduce(Number.zero, +), Number(values.count))
    }

    /// Where `value` is in `sorted`, by binary search.
    package static func index(of value: Number, in sorted: [Number]) -> Int? {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value ? lo : nil
    }
}

/// Group keys as bytes in one arena, found by hashing without an allocation per row.
///
/// A key is the concatenation of its values' encodings: numbers normalised (100 and 100.00 are
/// one group), text by its UTF-8 bytes, missing as a marker of its own.
package struct GroupKeys: Sendable {
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    package var count: Int { starts.count }

    package func key(_ index: Int) -> [UInt8] {
        Array(arena[starts[index]..<(starts[index] + lengths[index])])
    }

    package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
        }
        return h ^ (h >> 29)
    }

    /// The index of `key`, added when new.
    package mutating func index(of key: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        let h = Self.hash(key)
        var mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            let s = Int(slot)
            if hashes[s] == h, lengths[s] == key.count,
                arena.withUnsafeBufferPointer({ a in
                    var j = 0
                    while j < key.count, a[starts[s] + j] == key[j] { j += 1 }
                    return j == key.count
                })
            {
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

    package mutating func index(of key: [UInt8]) -> (index: Int, inserted: Bool) {
        key.withUnsafeBufferPointer { index(of: $0) }
    }

    package func find(_ key: [UInt8]) -> Int? {
        key.withUnsafeBufferPointer { k -> Int? in
            let h = Self.hash(k)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] >= 0 {
                let s = Int(slots[i])
                if hashes[s] == h, lengths[s] == k.count,
                    arena.withUnsafeBufferPointer({ a in
                        var j = 0
                        while j < k.count, a[starts[s] + j] == k[j] { j += 1 }
                        return j == k.count
                    })
                {
                    return s
                }
                i = (i + 1) & mask
            }
            return nil
        }
    }

    /// Appends the encoding of lane element `i` to `key`. Inlined: a call would copy the lane.
    @inline(__always)
    package static func encode(_ lane: Lane, _ i: Int, _ evaluator: BatchEvaluator, into key: inout [UInt8]) {
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

    /// The text or number a one-value key holds, for messages.
    package static func decodeText(_ key: [UInt8]) -> String? {
        guard let tag = key.first else { return nil }
        switch tag {
        case 3 where key.count >= 5:
            return String(decoding: key[5...], as: UTF8.self)
        case 1 where key.count == 13:
            var sig: Int64 = 0
            var exp: Int32 = 0
            withUnsafeMutableBytes(of: &sig) { $0.copyBytes(from: key[1..<9]) }
            withUnsafeMutableBytes(of: &exp) { $0.copyBytes(from: key[9..<13]) }
            return Number(significand: Int128(Int64(littleEndian: sig)), exponent: Int32(littleEndian: exp)).description
        default:
            return nil
        }
    }

    package static func encode(_ value: Value, into key: inout [UInt8]) {
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
    package static func encodeNumber(_ significand: Int64, _ exponent: Int8, into key: inout [UInt8]) {
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
    package static func appendText(_ bytes: ArraySlice<UInt8>, into key: inout [UInt8]) {
        key.append(3)
        withUnsafeBytes(of: UInt32(bytes.count).littleEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: bytes)
    }
}
