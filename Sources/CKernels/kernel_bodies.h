// The kernels' loops, written once as always-inline functions and instantiated per SIMD target in
// kernels.c. Inner loops run over contiguous channels with fixed-width accumulator blocks so the compiler
// keeps them in vector registers (8 lanes with AVX2, 4 with SSE2/NEON).
#pragma once

#include <math.h>
#include <string.h>

#include "CKernels.h"
#include "vector8.h"

#define VC_BLOCK 16

/// Applies `activation` to n contiguous values in place; the switch sits outside the loops so each
/// case vectorises.
VC_INLINE void vc_activate(float *restrict y, long n, vc_activation activation) {
    switch (activation) {
    case VC_ACTIVATION_NONE:
        break;
    case VC_ACTIVATION_RELU:
        for (long i = 0; i < n; i++) y[i] = y[i] > 0.0f ? y[i] : 0.0f;
        break;
    case VC_ACTIVATION_RELU6:
        for (long i = 0; i < n; i++) y[i] = fminf(fmaxf(y[i], 0.0f), 6.0f);
        break;
    case VC_ACTIVATION_HARD_SWISH:
        for (long i = 0; i < n; i++) y[i] = y[i] * fminf(fmaxf(y[i] + 3.0f, 0.0f), 6.0f) * (1.0f / 6.0f);
        break;
    case VC_ACTIVATION_SIGMOID:
        for (long i = 0; i < n; i++) y[i] = 1.0f / (1.0f + expf(-y[i]));
        break;
    }
}

VC_INLINE void vc_im2col_body(const float *restrict input, const vc_window *w, float *restrict columns,
                              long row_begin, long row_end) {
    const long c = w->channels, tap_row = (long)w->kernel_width * c;
    const long row_length = (long)w->kernel_height * tap_row;
    for (long r = row_begin; r < row_end; r++) {
        const long ox = r % w->out_width, oy = (r / w->out_width) % w->out_height;
        const long b = r / ((long)w->out_width * w->out_height);
        float *dst = columns + (r - row_begin) * row_length;
        for (int ky = 0; ky < w->kernel_height; ky++) {
            const long iy = oy * w->stride - w->pad_top + ky;
            float *dst_row = dst + ky * tap_row;
            if (iy < 0 || iy >= w->in_height) {
                memset(dst_row, 0, sizeof(float) * tap_row);
                continue;
            }
            const float *src_row = input + (b * w->in_height + iy) * w->in_width * c;
            const long ix0 = ox * w->stride - w->pad_left;
            for (int kx = 0; kx < w->kernel_width; kx++) {
                const long ix = ix0 + kx;
                if (ix < 0 || ix >= w->in_width) memset(dst_row + kx * c, 0, sizeof(float) * c);
                else memcpy(dst_row + kx * c, src_row + ix * c, sizeof(float) * c);
            }
        }
    }
}

VC_INLINE void vc_bias_fill_body(float *restrict y, long rows, long cols, long ld, const float *restrict bias,
                                 const float *restrict residual) {
    for (long r = 0; r < rows; r++) {
        float *row = y + r * ld;
        if (residual) {
            const float *res = residual + r * ld;
            for (long j = 0; j < cols; j++) row[j] = bias[j] + res[j];
        } else {
            for (long j = 0; j < cols; j++) row[j] = bias[j];
        }
    }
}

/// One block of `width` (≤ VC_BLOCK) channels of one depthwise output pixel, accumulated in registers.
VC_INLINE void vc_depthwise_pixel(const float *restrict input, const vc_window *w, const float *restrict weights,
                                  const float *restrict bias, float *restrict out, long b, long oy, long ox,
                                  long c0, int width) {
    const long c = w->channels;
    float acc[VC_BLOCK];
    for (int j = 0; j < VC_BLOCK; j++) acc[j] = j < width ? bias[c0 + j] : 0.0f;
    for (int ky = 0; ky < w->kernel_height; ky++) {
        const long iy = oy * w->stride - w->pad_top + ky;
        if (iy < 0 || iy >= w->in_height) continue;
        const float *src_row = input + (b * w->in_height + iy) * w->in_width * c + c0;
        const float *w_row = weights + (long)ky * w->kernel_width * c + c0;
        for (int kx = 0; kx < w->kernel_width; kx++) {
            const long ix = ox * w->stride - w->pad_left + kx;
            if (ix < 0 || ix >= w->in_width) continue;
            const float *x = src_row + ix * c, *k = w_row + (long)kx * c;
            if (width == VC_BLOCK) {
                for (int j = 0; j < VC_BLOCK; j++) acc[j] += x[j] * k[j];
            } else {
                for (int j = 0; j < width; j++) acc[j] += x[j] * k[j];
            }
        }
    }
    for (int j = 0; j < width; j++) out[c0 + j] = acc[j];
}

/// Four horizontally adjacent output pixels for one full block of VC_BLOCK channels: each weight vector
/// is loaded once per tap and used for all four pixels. Taps where all four pixels fall inside the image
/// (every tap of interior pixels) take the unchecked path; at the left/right edges each pixel's tap is
/// checked on its own, so edge pixels need no separate one-pixel pass.
VC_INLINE void vc_depthwise_quad(const float *restrict input, const vc_window *w, const float *restrict weights,
                                 const float *restrict bias, float *restrict out_row, long b, long oy, long ox,
                                 long c0) {
    const long c = w->channels, step = (long)w->stride * c;
    const long ix_first = ox * w->stride - w->pad_left;
    float acc[4][VC_BLOCK];
    for (int p = 0; p < 4; p++)
        for (int j = 0; j < VC_BLOCK; j++) acc[p][j] = bias[c0 + j];
    for (int ky = 0; ky < w->kernel_height; ky++) {
        const long iy = oy * w->stride - w->pad_top + ky;
        if (iy < 0 || iy >= w->in_height) continue;
        const float *row = input + (b * w->in_height + iy) * w->in_width * c + c0;
        const float *k = weights + (long)ky * w->kernel_width * c + c0;
        for (int kx = 0; kx < w->kernel_width; kx++, k += c) {
            const long ix = ix_first + kx;
            if (ix >= 0 && ix + 3 * w->stride < w->in_width) {
                const float *x = row + ix * c;
                for (int p = 0; p < 4; p++)
                    for (int j = 0; j < VC_BLOCK; j++) acc[p][j] += x[p * step + j] * k[j];
                continue;
            }
            for (int p = 0; p < 4; p++) {
                const long ixp = ix + (long)p * w->stride;
                if (ixp < 0 || ixp >= w->in_width) continue;
                const float *x = row + ixp * c;
                for (int j = 0; j < VC_BLOCK; j++) acc[p][j] += x[j] * k[j];
            }
        }
    }
    for (int p = 0; p < 4; p++)
        for (int j = 0; j < VC_BLOCK; j++) out_row[(ox + p) * c + c0 + j] = acc[p][j];
}

VC_INLINE void vc_depthwise_conv_body(const float *restrict input, const vc_window *w,
                                      const float *restrict weights, const float *restrict bias,
                                      vc_activation activation, float *restrict output, long row_begin,
                                      long row_end) {
    const long c = w->channels, full = c - c % VC_BLOCK;
    for (long r = row_begin; r < row_end; r++) {
        const long b = r / w->out_height, oy = r % w->out_height;
        float *out_row = output + r * w->out_width * c;
        long ox = 0;
        for (; ox + 4 <= w->out_width && full > 0; ox += 4) {
            for (long c0 = 0; c0 < full; c0 += VC_BLOCK)
                vc_depthwise_quad(input, w, weights, bias, out_row, b, oy, ox, c0);
            if (full < c)
                for (int p = 0; p < 4; p++)
                    vc_depthwise_pixel(input, w, weights, bias, out_row + (ox + p) * c, b, oy, ox + p, full,
                                       (int)(c - full));
        }
        for (; ox < w->out_width; ox++) {
            float *out = out_row + ox * c;
            for (long c0 = 0; c0 < full; c0 += VC_BLOCK)
                vc_depthwise_pixel(input, w, weights, bias, out, b, oy, ox, c0, VC_BLOCK);
            if (full < c) vc_depthwise_pixel(input, w, weights, bias, out, b, oy, ox, full, (int)(c - full));
        }
        vc_activate(out_row, w->out_width * c, activation);
    }
}

VC_INLINE void vc_pool2d_body(const float *restrict input, const vc_window *w, int is_max,
                              float *restrict output, long row_begin, long row_end) {
    const long c = w->channels;
    for (long r = row_begin; r < row_end; r++) {
        const long b = r / w->out_height, oy = r % w->out_height;
        for (long ox = 0; ox < w->out_width; ox++) {
            float *out = output + (r * w->out_width + ox) * c;
            for (long j = 0; j < c; j++) out[j] = is_max ? -INFINITY : 0.0f;
            int taps = 0;
            for (int ky = 0; ky < w->kernel_height; ky++) {
                const long iy = oy * w->stride - w->pad_top + ky;
                if (iy < 0 || iy >= w->in_height) continue;
                for (int kx = 0; kx < w->kernel_width; kx++) {
                    const long ix = ox * w->stride - w->pad_left + kx;
                    if (ix < 0 || ix >= w->in_width) continue;
                    const float *x = input + ((b * w->in_height + iy) * w->in_width + ix) * c;
                    taps++;
                    if (is_max) {
                        for (long j = 0; j < c; j++) out[j] = fmaxf(out[j], x[j]);
                    } else {
                        for (long j = 0; j < c; j++) out[j] += x[j];
                    }
                }
            }
            if (!is_max && taps > 0) {
                const float scale = 1.0f / (float)taps;
                for (long j = 0; j < c; j++) out[j] *= scale;
            }
        }
    }
}

VC_INLINE void vc_global_average_pool_body(const float *restrict input, int batch, long pixels, int channels,
                                           float *restrict output) {
    const float scale = 1.0f / (float)pixels;
    for (int b = 0; b < batch; b++) {
        float *out = output + (long)b * channels;
        for (int j = 0; j < channels; j++) out[j] = 0.0f;
        for (long p = 0; p < pixels; p++) {
            const float *x = input + ((long)b * pixels + p) * channels;
            for (int j = 0; j < channels; j++) out[j] += x[j];
        }
        for (int j = 0; j < channels; j++) out[j] *= scale;
    }
}
