#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Multinomial logistic regression over sparse, L2-normalised TF-IDF features, trained by AdaGrad.
/// Each feature's weights for all classes sit in SIMD blocks of 16, so a feature costs one or two vector
/// operations however many intents there are.
public struct LinearModel: Sendable {
    /// A message as the model sees it: feature indices and their weights.
    public struct Vector: Sendable {
        public var indices: [Int32]
        public var values: [Float]
    }

    typealias Block = SIMD16<Float>

    public let classes: Int
    public let features: Int
    let blocks: Int
    /// weights[feature * blocks + block]
    private(set) var weights: [Block]
    private(set) var bias: [Block]

    public init(classes: Int, features: Int) {
        self.classes = classes
        self.features = features
        blocks = (classes + 15) / 16
        weights = Array(repeating: Block(repeating: 0), count: blocks * features)
        // Lanes past the last class never win the softmax.
        var bias = Array(repeating: Block(repeating: 0), count: blocks)
        for lane in classes..<(blocks * 16) { bias[lane / 16][lane % 16] = -1e30 }
        self.bias = bias
    }

    /// The weight of `feature` for `class`.
    public func weight(feature: Int, class c: Int) -> Float { weights[feature * blocks + c / 16][c % 16] }

    /// Raw class scores (padded lanes hold -1e30).
    func blockScores(_ x: Vector) -> [Block] {
        var s = bias
        weights.withUnsafeBufferPointer { w in
            for (k, index) in x.indices.enumerated() {
                let v = x.values[k]
                let base = Int(index) * blocks
                for b in 0..<blocks { s[b] += w[base + b] * v }
            }
        }
        return s
    }

    /// Class probabilities.
    public func probabilities(_ x: Vector) -> [Float] {
        let p = Self.softmax(blockScores(x))
        return (0..<classes).map { p[$0 / 16][$0 % 16] }
    }

    static func softmax(_ scores: [Block]) -> [Block] {
        var top: Float = -.infinity
        for block in scores { top = max(top, block.max()) }
        var e = scores.map { block in
            var out = Block()
            for lane in 0..<16 { out[lane] = expf(block[lane] - top) }
            return out
        }
        let sum = e.reduce(Float(0)) { $0 + $1.sum() }
        for b in e.indices { e[b] /= sum }
        return e
    }

    /// One epoch when every class fits one SIMD block (up to 16 intents, the usual case): scores, softmax and
    /// updates stay in registers, with no allocation per example.
    private mutating func trainEpochOneBlock(
        _ data: [(Vector, Int)], order: [Int], g2: inout [Block], b2: inout [Block], rate: Float, l2: Float
    ) {
        var bias = self.bias[0]
        var biasG2 = b2[0]
        let lanes = Block(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        weights.withUnsafeMutableBufferPointer { w in
            g2.withUnsafeMutableBufferPointer { g in
                for n in order {
                    let x = data[n].0
                    let label = Float(data[n].1)
                    x.indices.withUnsafeBufferPointer { indices in
                        x.values.withUnsafeBufferPointer { values in
                            var s = bias
                            for k in 0..<indices.count { s += w[Int(indices[k])] * values[k] }
                            let top = s.max()
                            var e = Block()
                            for lane in 0..<16 { e[lane] = expf(s[lane] - top) }
                            var p = e / e.sum()
                            p -= Block(repeating: 0).replacing(with: 1, where: lanes .== label)
                            for k in 0..<indices.count {
                                let i = Int(indices[k])
                                let grad = p * values[k] + l2 * w[i]
                                g[i] += grad * grad
                                w[i] -= rate * grad / g[i].squareRoot()
                            }
                            biasG2 += p * p
                            bias -= rate * p / biasG2.squareRoot()
                        }
                    }
                }
            }
        }
        self.bias[0] = bias
        b2[0] = biasG2
    }

    /// Trains on `data` for `epochs` passes in a fixed shuffled order (the same data gives the same model).
    public mutating func train(_ data: [(Vector, Int)], epochs: Int, rate: Float, l2: Float) {
        var g2 = Array(repeating: Block(repeating: 1e-6), count: weights.count)
        var b2 = Array(repeating: Block(repeating: 1e-6), count: blocks)
        var order = Array(data.indices)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let blocks = self.blocks
        var target = Array(repeating: Block(repeating: 0), count: blocks)
        for _ in 0..<epochs {
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int(seed >> 33) % (i + 1))
            }
            if blocks == 1 {
                trainEpochOneBlock(data, order: order, g2: &g2, b2: &b2, rate: rate, l2: l2)
                continue
            }
            for n in order {
                let (x, label) = data[n]
                var p = Self.softmax(blockScores(x))
                target[label / 16][label % 16] = 1
                for b in 0..<blocks { p[b] -= target[b] }
                target[label / 16][label % 16] = 0
                weights.withUnsafeMutableBufferPointer { w in
                    g2.withUnsafeMutableBufferPointer { g in
                        for (k, index) in x.indices.enumerated() {
                            let v = x.values[k]
                            let base = Int(index) * blocks
                            for b in 0..<blocks {
                                let grad = p[b] * v + l2 * w[base + b]
                                g[base + b] += grad * grad
                                w[base + b] -= rate * grad / g[base + b].squareRoot()
                            }
                        }
                    }
                }
                for b in 0..<blocks {
                    b2[b] += p[b] * p[b]
                    bias[b] -= rate * p[b] / b2[b].squareRoot()
                }
            }
        }
    }
}
