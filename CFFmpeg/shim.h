// What Swift needs from FFmpeg: the public headers, plus static inline shims for the macros Swift cannot
// import (function-like or cast-containing macros). Each shim can go once Swift imports its macro.
#ifndef CFFMPEG_SHIM_H
#define CFFMPEG_SHIM_H

#include <errno.h>
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

#endif
