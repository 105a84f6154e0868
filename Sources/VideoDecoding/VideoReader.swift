import CFFmpeg

/// Decodes one video: metadata, exact or keyframe-approximate random access, and sequential decoding.
///
/// ```swift
/// let reader = try VideoReader(.path("clip.mp4"))
/// print(reader.info.width, reader.info.height)
/// var batch = [Float](repeating: 0, count: 16 * PreprocessSpec().valuesPerFrame)
/// var slot = 0
/// try reader.readFrames(at: [0, 40, 80]) { frame in
///     try frame.writeTensor(into: &batch, at: slot * PreprocessSpec().valuesPerFrame, spec: PreprocessSpec())
///     slot += 1
/// }
/// ```
///
/// Frame identity is presentation order: frame `i` is the `i`-th frame sorted by presentation timestamp,
/// never `fps × t`. Damaged input is decoded as far as possible; what could not be decoded is in `report`.
///
/// Thread safety: a reader is single-owner and NOT thread-safe (hence not `Sendable`): it owns FFmpeg
/// contexts that mutate on every call. Use one reader per task; everything it hands out (`VideoInfo`,
/// `RGBImage`, `FrameIndex`, tensors) is a `Sendable` value.
///
/// Pipes: a non-seekable input is read into memory when it opens (up to `DecoderOptions.pipeBufferLimit`,
/// 1 GiB by default) and is then read exactly like the same bytes in a file. A longer one is decoded once, front
/// to back (`access` says which); call `discardRestOfInput()` when done with it.
///
/// Memory: one packet, one frame and the conversion buffers, whatever the video's length; the decoder holds
/// its reference frames; a pipe's compressed bytes, up to the pipe buffer limit.
public final class VideoReader {
    /// Stream metadata, read at open time.
    public let info: VideoInfo

    let sink = MessageSink()
    let demuxer: Demuxer
    let decoder: Decoder
    let packet: Packet
    let frame: Frame
    let converter: FrameConverter
    var cachedIndex: FrameIndex?
    /// How decoded frames are numbered (settled by `scanIndex`; see ``FrameNumbering``).
    var numbering = FrameNumbering.packetTimestamps
    /// Whether exact access numbers the frames again when damaged data drops one (false for the helper readers
    /// of `readFramesInParallel`, whose owner does it once for all).
    var renumbersOnDamage = true
    /// Presentation timestamps in stream time-base units, ascending (parallel to `cachedIndex.timestamps`).
    var presentationTimestamps: [Int64] = []
    /// What to hand the demuxer to land on a keyframe, by the keyframe's presentation timestamp, and to land on
    /// the stream's first packet (`Demuxer.seeksByDecodeTimestamp` says which timestamps these are).
    var keyframeSeekTargets: [Int64: Int64] = [:]
    var startSeekTarget: Int64?
    /// Frame number of the last decoded frame, or -1 when the decoder is positioned at the start.
    var cursor = -1
    /// Whether a null packet was sent (the decoder is draining) and whether it is fully drained.
    var isDraining = false
    var isFinished = false
    /// Frames decoded since the start of the stream, for numbering when no index exists (pipes).
    var decodedSinceStart = 0
    /// Video packets handed to the decoder over the reader's life (discarded ones included): the decoding work
    /// an access pattern costs, for tests.
    var packetsSent = 0
    /// Which frames the decoder may skip outright: `AVDISCARD_NONKEY` in keyframe mode, else the default.
    var baseDiscard = AVDISCARD_DEFAULT
    /// During exact access, the pts of the next target: non-reference frames presented before it are not
    /// wanted and nothing depends on them, so the decoder skips them (`AVDISCARD_NONREF`).
    var unwantedBefore: Int64?
    /// The pts (as the index counts it) of the last frame wanted before the next seek: once its packet is sent
    /// the decoder is told to drain, so it hands the picture over at once instead of holding it back for B-frame
    /// reordering until more packets arrive — frames it would decode only to throw them away at the seek (in
    /// keyframe mode the whole next keyframe).
    var drainAfter: Int64?
    /// The timestamp (as the index counts it) of the last packet sent since the last seek: when it is
    /// `drainAfter`, the decoder drains the next time it wants input.
    var lastSentTimestamp: Int64?
    /// The stream's coded pictures, when it is H.264 that reference planning can read (set by `scanIndex`).
    var streamPictures: StreamPictures?
    /// During exact access, what happens to packets no wanted frame depends on (`packetPlan(for:index:)`).
    var packetPlan = PacketPlan()
    /// The packet a stand-in picture is written into, made on first use.
    var standInPacket: Packet?
    /// Whether exact access spares the decoder pictures no wanted frame depends on (tests turn it off to
    /// compare against decoding everything).
    var plansReferences = true
    /// The largest accepted frame, in pixels (`DecoderOptions.maximumFramePixels`).
    let maximumFramePixels: Int
    /// The options the reader was opened with, and its file or bytes when it has them: what a helper reader
    /// needs to open the same stream again (`readFramesConcurrently`).
    let options: DecoderOptions
    let reopenable: ReopenableInput?
    /// How the reader reaches its input: seekable, a pipe held in memory, or a pipe streamed front to back.
    public let access: InputAccess
    /// The pipe being streamed when it is longer than the pipe buffer (`discardRestOfInput`).
    let streamedInput: ReplayingSource?

    /// Opens `input` and reads its stream information.
    ///
    /// Throws a `VideoError` whose kind says what is wrong: `.fileNotFound`, `.isDirectory`, `.emptyInput`,
    /// `.notAVideo`, `.noVideoStream`, `.unsupportedCodec`, `.truncated`, `.pipeNeedsStreamableFormat`, `.io`.
    /// Cost: reads the container header and a few packets (stream probing).
    public init(_ input: VideoInput, options: DecoderOptions = .init()) throws(VideoError) {
        LogCapture.install()
        guard options.threadCount >= 0 else {
            throw VideoError(.invalidArgument, "threadCount (\(options.threadCount)) must be ≥ 0 (0 = automatic).")
        }
        guard options.pipeBufferLimit >= 0 else {
            throw VideoError(
                .invalidArgument, "pipeBufferLimit (\(options.pipeBufferLimit)) must be ≥ 0 bytes (0 = stream every pipe).")
        }
        let opened = try Self.open(input, options: options)
        demuxer = try Demuxer(
            opened.demuxed, name: input.displayName, pipeBufferLimit: options.pipeBufferLimit,
            streamIndex: options.streamIndex, deadline: options.deadline, cancellation: options.cancellation, sink: sink)
        decoder = try Decoder(
            stream: demuxer.stream, codec: demuxer.codec, threadCount: options.threadCount, sink: sink)
        packet = try Packet()
        frame = try Frame()
        info = Self.describe(demuxer: demuxer, decoder: decoder, applyRotation: options.applyRotation)
        converter = FrameConverter(rotation: options.applyRotation ? info.rotation : 0)
        maximumFramePixels = options.maximumFramePixels
        self.options = options
        reopenable = opened.reopenable
        access = opened.access
        streamedInput = opened.streamed
        try checkFrameSize(width: info.codedWidth, height: info.codedHeight)
        noteTruncatedIndex(name: input.displayName)
    }

    /// Everything that could not be decoded so far.
    public var report: DecodeReport { sink.report }

    /// Addresses of the converter's reusable buffers and scalers; equal before and after a conversion when
    /// that conversion allocated nothing new (used by tests and benchmarks).
    public var conversionStorageIdentity: [UInt] { converter.reusableStorageAddresses }

    /// Throws `.frameTooLarge` when a `width`×`height` frame exceeds `maximumFramePixels`.
    func checkFrameSize(width: Int, height: Int) throws(VideoError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard overflow || pixels > maximumFramePixels else { return }
        throw VideoError(
            .frameTooLarge,
            "A \(width)x\(height) frame exceeds the limit of \(maximumFramePixels) pixels; raise the limit if the video really is that large."
        )
    }

    /// Records a truncation when the container's own index points past the end of the input.
    private func noteTruncatedIndex(name: String) {
        guard let size = demuxer.bytes.size else { return }
        let stream = demuxer.stream
        let count = avformat_index_get_entries_count(stream)
        guard count > 0, let last = avformat_index_get_entry(stream, count - 1) else { return }
        let end = last.pointee.pos + Int64(last.pointee.size)
        if end > size {
            sink.recordTruncation(
                "\(name) is truncated: it has \(size) bytes but its index refers to byte \(end), so the last frames are missing."
            )
        }
    }
}
