import CrossfootBase

/// The results of the uploads, by id, each forgotten `expiry` seconds after it was made (and
/// the oldest first when more than `capacity` are kept).
final class ResultStore: Sendable {
    private let results = Locked([String: CheckedUpload]())
    let expiry: Double
    let capacity: Int

    init(expiry: Double, capacity: Int = 50) {
        self.expiry = expiry
        self.capacity = capacity
    }

    func put(_ upload: CheckedUpload, now: Double) {
        results.withLock { all in
            all[upload.id] = upload
            all = all.filter { now - $0.value.made < expiry }
            while all.count > capacity, let oldest = all.min(by: { $0.value.made < $1.value.made }) { all[oldest.key] = nil }
        }
    }

    func get(_ id: String, now: Double) -> CheckedUpload? {
        results.withLock { all in
            guard let found = all[id] else { return nil }
            if now - found.made >= expiry {
                all[id] = nil
                return nil
            }
            return found
        }
    }

    func expire(now: Double) {
        results.withLock { all in all = all.filter { now - $0.value.made < expiry } }
    }

    var count: Int { results.withLock { $0.count } }
}
