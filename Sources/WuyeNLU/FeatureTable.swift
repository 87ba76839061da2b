/// Feature hash → dense index, by open addressing: the hot lookup of understanding, without Dictionary's
/// generic hashing.
struct FeatureTable: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The index of `hash`, or -1.
    @inline(__always)
    func find(_ hash: UInt64) -> Int32 {
        let key = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return -1 }
            slot = (slot + 1) & mask
        }
    }

    /// The index of `hash`, adding it with the next index when new.
    @inline(__always)
    mutating func insert(_ hash: UInt64) -> Int32 {
        if (count + 1) * 2 > keys.count { grow() }
        let key = hash == 0 ? 1 : hash
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 {
                keys[slot] = key
                values[slot] = Int32(count)
                count += 1
                return values[slot]
            }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        keys = Array(repeating: 0, count: keys.count * 2)
        values = Array(repeating: -1, count: keys.count)
        mask = keys.count - 1
        for (key, value) in old {
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while keys[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = key
            values[slot] = value
        }
    }
}
