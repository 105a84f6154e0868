// What Swift needs from FFmpeg: the public headers, plus static inline shims of two kinds:
//   - macros Swift cannot import (function-like or cast-containing macros); each can go once Swift imports it;
//   - API that differs between the FFmpeg versions vidclass builds with, 5.1 (Debian 12) to 9.0 (Debian sid).
//     These are the only place that knows about versions: Swift sees one signature on every version.
#ifndef CFFMPEG_SHIM_H
#define CFFMPEG_SHIM_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>

/// AVERROR(EAGAIN): "send more input / drain output first"; AVERROR is a function-like macro.
static inline int cffmpeg_error_again(void) { return AVERROR(EAGAIN); }

/// AVERROR(e) for an errno value, for errors raised from Swift I/O callbacks; AVERROR is function-like.
static inline int cffmpeg_error_from_errno(int e) { return AVERROR(e); }

/// AVERROR_EOF: end of stream; built with the function-like FFERRTAG macro.
static inline int cffmpeg_error_eof(void) { return AVERROR_EOF; }

/// AVERROR_INVALIDDATA: malformed input; built with the function-like FFERRTAG macro.
static inline int cffmpeg_error_invalid_data(void) { return AVERROR_INVALIDDATA; }

/// AVERROR_DECODER_NOT_FOUND: no decoder for the codec; built with the function-like FFERRTAG macro.
static inline int cffmpeg_error_decoder_not_found(void) { return AVERROR_DECODER_NOT_FOUND; }

/// AV_NOPTS_VALUE: "no timestamp"; the macro contains a cast Swift does not import.
static inline int64_t cffmpeg_no_pts(void) { return AV_NOPTS_VALUE; }

// ---- Version differences -------------------------------------------------------------------------------------
// Library versions of the releases in question (lavu libavutil, lavf libavformat, lsws libswscale):
//   FFmpeg 5.1: lavu 57.28, lavf 59.27, lsws 6.7      FFmpeg 7.1: lavu 59.39, lavf 61.7, lsws 8.3
//   FFmpeg 9.0: lavu 61, lavf 63, lsws 10
// Each guard uses the version at which FFmpeg's doc/APIchanges records the change.

/// Whether a decoded frame is a keyframe.
/// Before lavu 58.7 (FFmpeg 6.1) the field AVFrame.key_frame says so; from lavu 58.7 the AV_FRAME_FLAG_KEY bit of
/// AVFrame.flags does, and key_frame is deprecated (FFmpeg 6.1 to 7.1) and then gone (FFmpeg 8.0).
static inline bool cffmpeg_frame_is_key(const AVFrame *frame) {
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(58, 7, 100)
    return (frame->flags & AV_FRAME_FLAG_KEY) != 0;
#else
    return frame->key_frame != 0;
#endif
}

/// The stream's display matrix (nine 16.16/2.30 fixed-point values, see libavutil/display.h), or NULL when the
/// stream has none.
/// Before lavf 60.15 (FFmpeg 6.1) stream-level side data is read with av_stream_get_side_data(); from lavf 60.15
/// it lives in the stream's AVCodecParameters.coded_side_data, read with av_packet_side_data_get() (lavc 60.29),
/// and av_stream_get_side_data() is deprecated (FFmpeg 6.1 to 7.1) and then gone (FFmpeg 8.0).
static inline const int32_t *cffmpeg_stream_display_matrix(const AVStream *stream) {
    const size_t matrix_size = 9 * sizeof(int32_t);
#if LIBAVFORMAT_VERSION_INT >= AV_VERSION_INT(60, 15, 100)
    const AVPacketSideData *side_data = av_packet_side_data_get(
        stream->codecpar->coded_side_data, stream->codecpar->nb_coded_side_data, AV_PKT_DATA_DISPLAYMATRIX);
    if (side_data == NULL || side_data->size < matrix_size) return NULL;
    return (const int32_t *)side_data->data;
#else
    size_t size = 0;
    const uint8_t *data = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (data == NULL || size < matrix_size) return NULL;
    return (const int32_t *)data;
#endif
}

/// A swscale context as Swift sees it on every version: a pointer to an incomplete type, i.e. `OpaquePointer`.
/// Before lsws 8.10 (FFmpeg 8.0) struct SwsContext is incomplete, so Swift imports `SwsContext *` as
/// `OpaquePointer`; from lsws 8.10 the struct is public and Swift imports `UnsafeMutablePointer<SwsContext>`. The
/// cffmpeg_scaler_* functions take and return this type and cast, so Swift code stays the same. It is a real
/// SwsContext: AVOptions (av_opt_set_int and friends, through a raw pointer) work on it as on any SwsContext.
typedef struct CFFmpegScaler CFFmpegScaler;

/// sws_alloc_context(): an unconfigured context with default options, or NULL when out of memory.
static inline CFFmpegScaler *cffmpeg_scaler_alloc(void) { return (CFFmpegScaler *)sws_alloc_context(); }

/// sws_init_context() without filters: prepares the conversion set by the context's options.
static inline int cffmpeg_scaler_init(CFFmpegScaler *scaler) {
    return sws_init_context((struct SwsContext *)scaler, NULL, NULL);
}

/// sws_freeContext(); NULL does nothing.
static inline void cffmpeg_scaler_free(CFFmpegScaler *scaler) { sws_freeContext((struct SwsContext *)scaler); }

/// sws_scale(): converts rows [source_y, source_y + source_height) of the source planes; returns the output height.
static inline int cffmpeg_scaler_scale(CFFmpegScaler *scaler, const uint8_t *const source[], const int source_strides[],
                                       int source_y, int source_height, uint8_t *const destination[],
                                       const int destination_strides[]) {
    return sws_scale((struct SwsContext *)scaler, source, source_strides, source_y, source_height, destination,
                     destination_strides);
}

/// sws_scale_frame(): converts a whole frame into `destination`, allocating its buffer when it has none.
static inline int cffmpeg_scaler_scale_frame(CFFmpegScaler *scaler, AVFrame *destination, const AVFrame *source) {
    return sws_scale_frame((struct SwsContext *)scaler, destination, source);
}

/// sws_getColorspaceDetails(): the colour tables, ranges and picture adjustments in use.
static inline int cffmpeg_scaler_get_colorspace_details(CFFmpegScaler *scaler, int **inverse_table, int *source_range,
                                                        int **table, int *destination_range, int *brightness,
                                                        int *contrast, int *saturation) {
    return sws_getColorspaceDetails((struct SwsContext *)scaler, inverse_table, source_range, table,
                                    destination_range, brightness, contrast, saturation);
}

/// sws_setColorspaceDetails(): sets the colour tables (from sws_getCoefficients), ranges and picture adjustments.
static inline int cffmpeg_scaler_set_colorspace_details(CFFmpegScaler *scaler, const int inverse_table[4],
                                                        int source_range, const int table[4], int destination_range,
                                                        int brightness, int contrast, int saturation) {
    return sws_setColorspaceDetails((struct SwsContext *)scaler, inverse_table, source_range, table,
                                    destination_range, brightness, contrast, saturation);
}

/// The interpolation flags vidclass uses, as int on every version (set through the "sws_flags" option).
/// Before lsws 8.11 (FFmpeg 8.0) SWS_* are int #defines, which Swift imports as Int32; from lsws 8.11 they are
/// constants of enum SwsFlags, which Swift imports as a distinct struct type. C converts either to int.
static inline int cffmpeg_scaler_bilinear(void) { return (int)SWS_BILINEAR; }
static inline int cffmpeg_scaler_bicubic(void) { return (int)SWS_BICUBIC; }

#endif
