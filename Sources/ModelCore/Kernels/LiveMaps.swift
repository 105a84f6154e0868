/// The activations an operation must not overwrite: its inputs and whatever its block still needs later (a
/// shortcut, the block's input). A workspace picks an operation's output buffer among the others.
///
/// Held inline (at most four, more than any block keeps alive) so that naming them allocates nothing: a
/// forward pass builds one of these per layer, and an array there cost a heap allocation each time.
struct LiveMaps {
    private var buffers: (FloatBuffer?, FloatBuffer?, FloatBuffer?, FloatBuffer?) = (nil, nil, nil, nil)

    /// Nothing is live.
    static var none: LiveMaps { LiveMaps() }

    private init() {}

    /// `map` is live.
    init(_ map: FeatureMap) {
        buffers.0 = map.buffer
    }

    /// These maps and `map` (when there is one).
    func adding(_ map: FeatureMap?) -> LiveMaps {
        guard let buffer = map?.buffer else { return self }
        var result = self
        if result.buffers.0 == nil {
            result.buffers.0 = buffer
        } else if result.buffers.1 == nil {
            result.buffers.1 = buffer
        } else if result.buffers.2 == nil {
            result.buffers.2 = buffer
        } else {
            precondition(result.buffers.3 == nil, "An operation keeps more than four activations alive.")
            result.buffers.3 = buffer
        }
        return result
    }

    /// Whether `buffer` holds one of these maps.
    func contains(_ buffer: FloatBuffer) -> Bool {
        buffers.0 === buffer || buffers.1 === buffer || buffers.2 === buffer || buffers.3 === buffer
    }
}
