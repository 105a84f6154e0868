import CFFmpeg

/// Owner of one reusable `AVPacket`: allocated once per reader, unreferenced after each use, freed in deinit.
///
/// Loops read into it and release the payload with `defer { packet.unref() }` so `break`/`continue` can't leak.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() throws(VideoError) {
        guard let packet = av_packet_alloc() else {
            throw VideoError(.io, "Could not allocate a packet; the process is out of memory.")
        }
        pointer = packet
    }

    /// Drops the payload reference so the packet can be filled again.
    func unref() { av_packet_unref(pointer) }

    /// The pts, or the dts when the container gives no pts: the timestamp the frame index records for it.
    var presentationTimestamp: Int64 {
        pointer.pointee.pts != FFmpegCode.noTimestamp ? pointer.pointee.pts : pointer.pointee.dts
    }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }
}

/// Owner of one reusable `AVFrame`: allocated once per reader, unreferenced before each refill, freed in deinit.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() throws(VideoError) {
        guard let frame = av_frame_alloc() else {
            throw VideoError(.io, "Could not allocate a frame; the process is out of memory.")
        }
        pointer = frame
    }

    /// Drops the picture reference so the frame can be filled again.
    func unref() { av_frame_unref(pointer) }

    /// The frame's best-effort presentation timestamp in stream time-base units, or nil when unknown.
    var bestEffortTimestamp: Int64? {
        let pts = pointer.pointee.best_effort_timestamp
        return pts == FFmpegCode.noTimestamp ? nil : pts
    }

    /// Whether the decoder marked the picture as a keyframe.
    var isKeyframe: Bool { cffmpeg_frame_is_key(pointer) }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }
}

/// The owner in `slot`, made by `make` and kept there on first use: for packets and frames a reader needs only
/// on some paths.
func reused<Owner: AnyObject>(_ slot: inout Owner?, orMake make: () throws(VideoError) -> Owner) throws(VideoError)
    -> Owner
{
    if let existing = slot { return existing }
    let made = try make()
    slot = made
    return made
}
