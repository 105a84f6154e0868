/// One layer of an architecture before its weights are loaded: what it is and which parameters it reads.
///
/// Architectures are described as a list of plans, so the same description both lists the expected
/// parameter names and shapes (for `vidclass convert`) and builds the runnable layers.
enum LayerPlan: Sendable {
    case conv(ConvBN)
    case invertedResidual(expand: ConvBN?, depthwise: ConvBN, project: ConvBN)
    case basicBlock(ConvBN, ConvBN, downsample: ConvBN?)
    case bottleneck(ConvBN, ConvBN, ConvBN, downsample: ConvBN?)
    case maxPool(Window)
    case globalAveragePool

    /// Every conv + BatchNorm unit the layer loads.
    var units: [ConvBN] {
        switch self {
        case .conv(let unit): [unit]
        case .invertedResidual(let expand, let depthwise, let project): [expand, depthwise, project].compactMap { $0 }
        case .basicBlock(let a, let b, let downsample): [a, b, downsample].compactMap { $0 }
        case .bottleneck(let a, let b, let c, let downsample): [a, b, c, downsample].compactMap { $0 }
        case .maxPool, .globalAveragePool: []
        }
    }

    /// Builds the runnable layer, reading and folding its parameters.
    func load(_ reader: ParameterReader) throws -> any Layer {
        switch self {
        case .conv(let unit):
            return try unit.loadDense(reader)
        case .invertedResidual(let expand, let depthwise, let project):
            return InvertedResidual(
                expand: try expand?.loadDense(reader), depthwise: try depthwise.loadDepthwise(reader),
                project: try project.loadDense(reader),
                hasShortcut: depthwise.stride == 1
                    && (expand?.inChannels ?? depthwise.inChannels) == project.outChannels)
        case .basicBlock(let a, let b, let downsample):
            return BasicBlock(
                conv1: try a.loadDense(reader), conv2: try b.loadDense(reader),
                downsample: try downsample?.loadDense(reader))
        case .bottleneck(let a, let b, let c, let downsample):
            return Bottleneck(
                conv1: try a.loadDense(reader), conv2: try b.loadDense(reader), conv3: try c.loadDense(reader),
                downsample: try downsample?.loadDense(reader))
        case .maxPool(let window):
            return Pool2D(kind: .max, window: window)
        case .globalAveragePool:
            return GlobalAveragePool()
        }
    }
}

/// A whole backbone before loading: its layers in order and the size of the feature it ends with.
struct NetworkPlan: Sendable {
    var layers: [LayerPlan]
    var featureDimension: Int

    /// Every parameter the network reads, by PyTorch name.
    var parameterShapes: [String: [Int]] {
        layers.flatMap(\.units).reduce(into: [:]) { shapes, unit in shapes.merge(unit.parameterShapes) { a, _ in a } }
    }
}
