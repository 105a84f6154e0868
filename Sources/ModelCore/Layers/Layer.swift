/// One step of a network's forward pass over NHWC activations held in a `Workspace`.
///
/// Layers are small immutable structs (weights already folded and laid out for the kernels), so they are
/// `Sendable` and shared by every concurrent pass. `callAsFunction` checks the input shape first and throws
/// a `ModelError` naming both shapes; it writes its output to a workspace buffer other than the input's.
protocol Layer: Sendable {
    /// Runs the layer on `input`, returning an activation in one of `workspace`'s buffers.
    func callAsFunction(_ input: FeatureMap, in workspace: Workspace) throws -> FeatureMap
}
