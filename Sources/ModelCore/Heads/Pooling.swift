/// How per-frame features h_t ∈ Rᵈ become one video feature.
///
/// - `mean`: h = (1/T) Σ_t h_t.
/// - `max`: h_j = max_t h_{t,j}, per dimension.
/// - `attention`: h = Σ_t α_t h_t with α = softmax_t(wᵀh_t), w a learned vector (the head's `attention`).
public enum Pooling: String, Sendable, CaseIterable, Codable {
    case mean
    case max
    case attention
}
