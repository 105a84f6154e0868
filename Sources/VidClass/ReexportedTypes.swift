import FrameSampling
import ModelCore
import VideoDecoding

// The types of the layers below that VidClass's own API takes or returns, named here so `import VidClass` alone
// is enough to use it (the command-line tool imports nothing else). Each name is the lower module's type itself,
// not a copy: a program that also imports that module sees one type.

/// Where a video comes from: a path, standard input, bytes in memory or a ``ByteSource`` (see ``VideoDecoding/VideoInput``).
public typealias VideoInput = VideoDecoding.VideoInput
/// A custom byte stream to decode from (see ``VideoDecoding/ByteSource``).
public typealias ByteSource = VideoDecoding.ByteSource
/// A ``ByteSource`` over bytes in memory.
public typealias ByteArraySource = VideoDecoding.ByteArraySource
/// A ``ByteSource`` over a file descriptor or a FIFO.
public typealias FileDescriptorSource = VideoDecoding.FileDescriptorSource
/// A flag that stops a decode in progress (see ``VideoDecoding/CancellationFlag``).
public typealias CancellationFlag = VideoDecoding.CancellationFlag
/// How a video is decoded: threads, limits, deadline (see ``VideoDecoding/DecoderOptions``).
public typealias DecoderOptions = VideoDecoding.DecoderOptions
/// Whether frames are decoded exactly or snapped to keyframes.
public typealias SeekMode = VideoDecoding.SeekMode
/// A video's container and stream metadata.
public typealias VideoInfo = VideoDecoding.VideoInfo
/// A frame rate or time base as a fraction.
public typealias Rational = VideoDecoding.Rational
/// A decoded frame as 8-bit RGB.
public typealias RGBImage = VideoDecoding.RGBImage
/// The decoding layer's error; ``VidClassError/init(_:)`` folds it in.
public typealias VideoError = VideoDecoding.VideoError

/// Which frames to sample from a video.
public typealias SamplingStrategy = FrameSampling.SamplingStrategy
/// What a strided clip longer than the video does.
public typealias OutOfRangePolicy = FrameSampling.OutOfRangePolicy

/// How a head pools frame features over time.
public typealias Pooling = ModelCore.Pooling
/// Which network a bundle's backbone is.
public typealias BackboneArchitecture = ModelCore.BackboneArchitecture
/// The threads the model computes on (see ``ModelCore/ComputeContext``).
public typealias ComputeContext = ModelCore.ComputeContext
/// A dense float tensor (features, probabilities).
public typealias Tensor = ModelCore.Tensor
/// The optimiser a head is trained with.
public typealias OptimizerKind = ModelCore.OptimizerKind
/// How a head is trained: epochs, learning rate, batch size…
public typealias TrainingSettings = ModelCore.TrainingSettings
/// One training epoch's losses and accuracies.
public typealias EpochReport = ModelCore.EpochReport
