extension [LabelledFeatures] {
    /// Checks a labelled set before training or evaluation and returns its feature dimension d.
    ///
    /// Every example must have features `[T, d]` with T ≥ 1 and the same d (`expectedDimension` when
    /// given, else the first example's) and a label in `0..<classes`; `role` ("training", "validation",
    /// "evaluation") names the set in the error. Cost: O(count).
    /// - Throws: `ModelError` naming the set, the example and what to do.
    func checkedFeatureDimension(role: String, classes: Int, expectedDimension: Int? = nil) throws -> Int {
        guard let first = first else {
            throw ModelError(.invalidArgument, "The \(role) set is empty; give at least one labelled example.")
        }
        let d = expectedDimension ?? first.features.shape.last ?? 0
        for (index, example) in enumerated() {
            let shape = example.features.shape
            guard shape.count == 2, shape[0] >= 1, shape[1] >= 1 else {
                throw ModelError.shape(
                    "\(role.capitalized) example \(index)", expects: "features [T, d] with T ≥ 1", got: shape)
            }
            guard shape[1] == d else {
                throw ModelError(
                    .shapeMismatch,
                    "\(role.capitalized) example \(index) has features of dimension \(shape[1]), but d = \(d) "
                        + "elsewhere; extract every example's features with the same backbone.")
            }
            guard (0..<classes).contains(example.label) else {
                throw ModelError(
                    .invalidArgument,
                    "\(role.capitalized) example \(index) has label \(example.label), outside 0..<\(classes); "
                        + "labels must be class indices below the number of classes.")
            }
        }
        return d
    }
}
