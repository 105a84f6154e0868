/// I3D's `Unit3D` before loading: a 3-D convolution ('SAME', no bias) + BatchNorm without scale + ReLU, named
/// as the Flax port names it (`params/<name>/Conv_0/kernel`, `params/<name>/BatchNorm_0/bias`,
/// `batch_stats/<name>/BatchNorm_0/mean|var`, the statistics kept broadcastable as `[1, 1, 1, 1, c]`).
///
/// Loading folds BatchNorm into the convolution: `s = 1 / √(σ² + ε)` (ε = 1e-3, no γ), `W' = W · s`,
/// `b' = β − μ · s`. The DHWIO kernel is already the `[depth, cout]` matrix `Conv3D` multiplies by.
struct Unit3D: Sendable {
    var name: String
    var inChannels: Int
    var outChannels: Int
    var kernel: Extent3
    var stride: Extent3 = .cube(1)

    static let epsilon: Float = 1e-3

    var kernelName: String { "params/\(name)/Conv_0/kernel" }
    var biasName: String { "params/\(name)/BatchNorm_0/bias" }
    var meanName: String { "batch_stats/\(name)/BatchNorm_0/mean" }
    var varianceName: String { "batch_stats/\(name)/BatchNorm_0/var" }

    /// The names and shapes this unit reads.
    var parameterShapes: [String: [Int]] {
        [
            kernelName: [kernel.time, kernel.height, kernel.width, inChannels, outChannels],
            biasName: [outChannels], meanName: [1, 1, 1, 1, outChannels], varianceName: [1, 1, 1, 1, outChannels],
        ]
    }

    /// Reads the unit's parameters and folds BatchNorm into a ReLU convolution.
    func load(_ reader: ParameterReader) throws -> Conv3D {
        let shapes = parameterShapes
        func read(_ name: String) throws -> [Float] { try reader.floats(name, shape: shapes[name]!) }
        var weights = try read(kernelName)
        let beta = try read(biasName)
        let mean = try read(meanName)
        let variance = try read(varianceName)
        let scale = variance.map { 1 / ($0 + Self.epsilon).squareRoot() }
        for index in weights.indices { weights[index] *= scale[index % outChannels] }
        let bias = (0..<outChannels).map { beta[$0] - mean[$0] * scale[$0] }
        return Conv3D(
            inChannels: inChannels, outChannels: outChannels,
            window: VolumeWindow(kernel: kernel, stride: stride, padding: .tfSame), weights: weights, bias: bias,
            nonlinearity: .relu)
    }
}
