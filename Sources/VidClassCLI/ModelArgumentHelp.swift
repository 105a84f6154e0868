import ArgumentParser

/// The help of every option that names a model (`--model`, `train --backbone`), so all commands describe the
/// same choices in the same words.
enum ModelArgumentHelp {
    /// What a model argument may be.
    static let choices =
        "imagenet (EfficientNet-Lite0, ImageNet-1k), kinetics400 (Kinetics-400 I3D, installed by scripts/fetch-kinetics400), a .safetensors bundle, or the file name of one in the model folders ('vidclass models' lists them)"

    /// `help` for `--model` or `--backbone`: `role` (what the model is for), the choices, then `default`.
    static func help(_ role: String, default: String? = "imagenet") -> ArgumentHelp {
        ArgumentHelp("\(role): \(choices).\(`default`.map { " Default: \($0)." } ?? "")")
    }
}
