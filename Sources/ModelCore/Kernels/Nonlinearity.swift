import CKernels

/// The elementwise activation fused into a kernel's epilogue (after bias and residual).
enum Nonlinearity: Sendable, Equatable {
    /// Identity (projection convolutions).
    case none
    /// max(x, 0).
    case relu
    /// min(max(x, 0), 6) (EfficientNet-Lite, MobileNetV2).
    case relu6
    /// x · relu6(x + 3) / 6.
    case hardSwish
    /// 1 / (1 + e^(−x)).
    case sigmoid

    var kernelValue: vc_activation {
        switch self {
        case .none: VC_ACTIVATION_NONE
        case .relu: VC_ACTIVATION_RELU
        case .relu6: VC_ACTIVATION_RELU6
        case .hardSwish: VC_ACTIVATION_HARD_SWISH
        case .sigmoid: VC_ACTIVATION_SIGMOID
        }
    }
}
