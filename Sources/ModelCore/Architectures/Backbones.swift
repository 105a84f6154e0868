import WeightFiles

/// Builds backbones from their source's parameter names and lists the parameters each architecture needs.
public enum Backbones {
    /// Builds `arch` from `weights`, whose tensors are named as the network's PyTorch source names them
    /// (lukemelas-style for EfficientNet-Lite0, torchvision for ResNet and MobileNetV2).
    ///
    /// ```swift
    /// let bundle = try WeightFile.read(contentsOf: url)
    /// let backbone = try Backbones.make(.efficientNetLite0, weights: bundle, prefix: "backbone.")
    /// let features = try backbone.features(batch)      // [n, 1280]
    /// ```
    ///
    /// Each name is looked up as `prefix + name`, then `"module." + prefix + name`. BatchNorm is folded
    /// into the convolutions here, once. Cost: one pass over the weights (tens of milliseconds).
    /// - Throws: `ModelError` naming the tensor and both shapes when one is missing or misshapen.
    public static func make(_ arch: BackboneArchitecture, weights: TensorArchive, prefix: String = "") throws
        -> any Backbone
    {
        if arch == .i3d { return try makeI3D(plan: .standard(), weights: weights, prefix: prefix) }
        return try make(arch, plan: arch.plan, weights: weights, prefix: prefix)
    }

    /// The PyTorch parameter names and shapes `arch` reads (BatchNorm running statistics included,
    /// `num_batches_tracked` and classifier layers excluded), so a converter can validate and rename.
    public static func parameterShapes(_ arch: BackboneArchitecture) -> [String: [Int]] {
        arch == .i3d ? InceptionI3DPlan.standard().parameterShapes : arch.plan.parameterShapes
    }

    /// Builds an I3D from an explicit plan (reduced widths in tests).
    static func makeI3D(plan: InceptionI3DPlan, weights: TensorArchive, prefix: String = "") throws -> any Backbone {
        let reader = ParameterReader(archive: weights, prefix: prefix, architecture: BackboneArchitecture.i3d.rawValue)
        return try InceptionI3D(plan: plan, reader: reader)
    }

    /// Builds a backbone from an explicit plan (reduced widths in tests).
    static func make(_ arch: BackboneArchitecture, plan: NetworkPlan, weights: TensorArchive, prefix: String = "")
        throws -> any Backbone
    {
        let reader = ParameterReader(archive: weights, prefix: prefix, architecture: arch.rawValue)
        return try ConvolutionalBackbone(architecture: arch, plan: plan, reader: reader)
    }
}
