/// Multinomial logistic regression over sparse, L2-normalised TF-IDF features, trained by AdaGrad.
public struct LinearModel: Sendable {
    /// A message as the model sees it: feature indices and their weights.
    public struct Vector: Sendable {
        public var indices: [Int32]
        public var values: [Float]
    }

    public let classes: Int
    public let features: Int
    /// weights[feature * classes + class]
    public private(set) var weights: [Float]
    public private(set) var bias: [Float]

    public init(classes: Int, features: Int) {
        self.classes = classes
        self.features = features
        weights = Array(repeating: 0, count: classes * features)
        bias = Array(repeating: 0, count: classes)
    }

    /// Raw class scores.
    public func scores(_ x: Vector) -> [Float] {
        var s = bias
        weights.withUnsafeBufferPointer { w in
            s.withUnsafeMutableBufferPointer { out in
                for (k, index) in x.indices.enumerated() {
                    let v = x.values[k]
                    let base = Int(index) * classes
                    for c in 0..<classes { out[c] += w[base + c] * v }
                }
            }
        }
        return s
    }

    /// Softmax of the scores at `temperature`.
    public static func probabilities(_ scores: [Float], temperature: Float = 1) -> [Float] {
        let top = scores.max() ?? 0
        var e = scores.map { expf(($0 - top) / temperature) }
        let sum = e.reduce(0, +)
        for i in e.indices { e[i] /= sum }
        return e
    }

    /// Trains on `data` for `epochs` passes in a fixed shuffled order (the same data gives the same model).
    public mutating func train(_ data: [(Vector, Int)], epochs: Int, rate: Float, l2: Float) {
        var g2 = Array(repeating: Float(1e-6), count: weights.count)
        var b2 = Array(repeating: Float(1e-6), count: classes)
        var order = Array(data.indices)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let classes = self.classes
        for _ in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int(seed >> 33) % (i + 1))
            }
            for n in order {
                let (x, label) = data[n]
                var p = Self.probabilities(scores(x))
                p[label] -= 1
                weights.withUnsafeMutableBufferPointer { w in
                    g2.withUnsafeMutableBufferPointer { g in
                        for (k, index) in x.indices.enumerated() {
                            let v = x.values[k]
                            let base = Int(index) * classes
                            for c in 0..<classes {
                                let grad = p[c] * v + l2 * w[base + c]
                                g[base + c] += grad * grad
                                w[base + c] -= rate * grad / g[base + c].squareRoot()
                            }
                        }
                    }
                }
                for c in 0..<classes {
                    b2[c] += p[c] * p[c]
                    bias[c] -= rate * p[c] / b2[c].squareRoot()
                }
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
