/// An I3D Inception module: four branches over the same input, concatenated along channels.
///
/// Branch 0 is a 1×1×1 unit; branches 1 and 2 reduce with a 1×1×1 unit and then apply a 3×3×3 one; branch 3
/// max-pools 3×3×3 (stride 1, 'SAME') and projects with a 1×1×1 unit. Each branch's last convolution writes
/// straight into its channel slice of the output, so the concatenation costs nothing.
struct InceptionModule: Sendable {
    /// The branch convolutions in the order above: 0, 1a, 1b, 2a, 2b, 3.
    let units: [Conv3D]
    let pool = MaxPool3D(kernel: .cube(3), stride: .cube(1))

    /// The module's output channels: the four branch outputs side by side.
    var outChannels: Int { Self.outputUnits.reduce(0) { $0 + units[$1].outChannels } }

    /// Which of the six units end a branch (0, 1b, 2b, 3), in concatenation order.
    static let outputUnits = [0, 2, 4, 5]

    /// The plan of the module `name` (e.g. `Mixed_3b`) over `inChannels`, with DeepMind's six widths
    /// (branch 0, 1a, 1b, 2a, 2b, 3).
    static func plan(_ name: String, inChannels: Int, widths: [Int]) -> [Unit3D] {
        precondition(widths.count == 6, "an Inception module has six widths")
        func unit(_ branch: String, _ cin: Int, _ cout: Int, _ k: Int) -> Unit3D {
            Unit3D(name: "\(name)/\(branch)", inChannels: cin, outChannels: cout, kernel: .cube(k))
        }
        return [
            unit("Branch_0/Conv3d_0a_1x1", inChannels, widths[0], 1),
            unit("Branch_1/Conv3d_0a_1x1", inChannels, widths[1], 1),
            unit("Branch_1/Conv3d_0b_3x3", widths[1], widths[2], 3),
            unit("Branch_2/Conv3d_0a_1x1", inChannels, widths[3], 1),
            unit("Branch_2/Conv3d_0b_3x3", widths[3], widths[4], 3),
            unit("Branch_3/Conv3d_0b_1x1", inChannels, widths[5], 1),
        ]
    }

    func callAsFunction(_ input: Volume, in workspace: ClipWorkspace) throws -> Volume {
        let output = workspace.trunkOutput(input.shape.with(channels: outChannels), avoiding: input)
        let stride = outChannels
        var offset = 0
        func emit(_ unit: Conv3D, from source: Volume) throws {
            try unit.run(source, into: output.pointer + offset, outputStride: stride, workspace: workspace)
            offset += unit.outChannels
        }
        func reduce(_ unit: Conv3D, into buffer: Int) throws -> Volume {
            let reduced = workspace.branch(buffer, input.shape.with(channels: unit.outChannels))
            try unit.run(input, into: reduced.pointer, outputStride: unit.outChannels, workspace: workspace)
            return reduced
        }
        try emit(units[0], from: input)
        try emit(units[2], from: try reduce(units[1], into: 0))
        try emit(units[4], from: try reduce(units[3], into: 1))
        let pooled = workspace.branch(2, input.shape)
        pool.run(input.pointer, shape: input.shape, into: pooled.pointer, compute: workspace.compute)
        try emit(units[5], from: pooled)
        return output
    }
}
