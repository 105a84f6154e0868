// The direct dense convolution for narrow inputs (small k·k·cin, such as an RGB stem), where unfolding the
// windows would cost more than the product itself.
//
// A tile of 6 output pixels × 16 output channels lives in twelve 8-lane accumulators, as in the matrix
// product: per tap it loads the tile's 16 weights once, broadcasts one input value per pixel and issues twelve
// multiply-adds. Inside a filter row the taps (kx, ci) are contiguous in NHWC, so a tile whose windows all lie
// inside the image walks them as one run of kw·cin values with no per-tap bounds check; only the pixels at the
// left and right edges, whose windows reach into the padding, take the per-tap path.
//
// Every output is bias, then + x·w fused for the taps in (ky, kx, ci) order, then the activation; padding taps
// are skipped. Tile shape and path change which outputs are computed together, never how.
#pragma once

#include "kernel_bodies.h"
#include "vector8.h"

#define VC_DIRECT_TILE_PIXELS 6

// See vector8.h: the helpers taking 8-float vectors by value are always inlined.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// P (1…6, a constant at every call) pixels × 16 channels, every window inside the image horizontally, over
/// `filter_rows` filter rows that lie inside the image: `x` points at the first pixel's window origin in the
/// first such input row, `step` floats separate neighbouring pixels' windows, and `k` points at the tile's 16
/// channels of that filter row's first tap (kx = 0, ci = 0).
VC_INLINE void vc_direct_tile(const int P, const float *restrict x, long step, long row_floats, int filter_rows,
                              long taps_per_row, const float *restrict k, long cout, const float *restrict bias,
                              float *restrict out) {
    vc_f8 acc[VC_DIRECT_TILE_PIXELS][2];
    _Pragma("unroll") for (int p = 0; p < P; p++) {
        acc[p][0] = vc_load8(bias);
        acc[p][1] = vc_load8(bias + 8);
    }
    for (int ky = 0; ky < filter_rows; ky++) {
        const float *row = x + ky * row_floats;
        const float *w = k + ky * taps_per_row * cout;
        for (long t = 0; t < taps_per_row; t++, w += cout) {
            const vc_f8 w0 = vc_load8(w), w1 = vc_load8(w + 8);
            _Pragma("unroll") for (int p = 0; p < P; p++) {
                const float value = row[p * step + t];
                acc[p][0] += value * w0;
                acc[p][1] += value * w1;
            }
        }
    }
    _Pragma("unroll") for (int p = 0; p < P; p++) {
        vc_store8(out + p * cout, acc[p][0]);
        vc_store8(out + p * cout + 8, acc[p][1]);
    }
}

/// One output pixel × 16 channels whose window may reach into the padding on any side.
VC_INLINE void vc_direct_edge_pixel(const float *restrict input, const vc_window *w, long b, long oy, long ox,
                                    const float *restrict k, long cout, const float *restrict bias,
                                    float *restrict out) {
    const long cin = w->channels;
    vc_f8 acc0 = vc_load8(bias), acc1 = vc_load8(bias + 8);
    for (int ky = 0; ky < w->kernel_height; ky++) {
        const long iy = oy * w->stride - w->pad_top + ky;
        if (iy < 0 || iy >= w->in_height) continue;
        const float *row = input + (b * w->in_height + iy) * w->in_width * cin;
        for (int kx = 0; kx < w->kernel_width; kx++) {
            const long ix = ox * w->stride - w->pad_left + kx;
            if (ix < 0 || ix >= w->in_width) continue;
            const float *tap = k + ((long)ky * w->kernel_width + kx) * cin * cout;
            for (long ci = 0; ci < cin; ci++, tap += cout) {
                const float value = row[ix * cin + ci];
                acc0 += value * vc_load8(tap);
                acc1 += value * vc_load8(tap + 8);
            }
        }
    }
    vc_store8(out, acc0);
    vc_store8(out + 8, acc1);
}

/// Output rows [row_begin, row_end) (over batch·out_height) of act(conv(input, weights) + bias); weights are
/// [k, k, cin, cout] with cout a multiple of 16.
VC_INLINE void vc_conv_direct_body(const float *restrict input, const vc_window *w, int out_channels,
                                   const float *restrict weights, const float *restrict bias,
                                   vc_activation activation, float *restrict output, long row_begin,
                                   long row_end) {
    const long cin = w->channels, cout = out_channels, stride = w->stride;
    const long taps_per_row = (long)w->kernel_width * cin, row_floats = (long)w->in_width * cin;
    // Pixels [inner_begin, inner_end) have every horizontal tap inside the image.
    long inner_begin = (w->pad_left + stride - 1) / stride;
    long inner_end = w->in_width - w->kernel_width + w->pad_left >= 0
                         ? (w->in_width - w->kernel_width + w->pad_left) / stride + 1
                         : 0;
    if (inner_end > w->out_width) inner_end = w->out_width;
    if (inner_begin > inner_end) inner_begin = inner_end;
    for (long r = row_begin; r < row_end; r++) {
        const long b = r / w->out_height, oy = r % w->out_height;
        float *out_row = output + r * w->out_width * cout;
        const long top = oy * stride - w->pad_top;
        const int ky_begin = top < 0 ? (int)-top : 0;
        const int ky_end = top + w->kernel_height > w->in_height ? (int)(w->in_height - top) : w->kernel_height;
        const float *first_row = input + (b * w->in_height + top + ky_begin) * row_floats;
        const float *first_taps = weights + ky_begin * taps_per_row * cout;
        const int filter_rows = ky_end - ky_begin;
        for (long c0 = 0; c0 < cout; c0 += 16) {
            for (long ox = 0; ox < inner_begin; ox++)
                vc_direct_edge_pixel(input, w, b, oy, ox, weights + c0, cout, bias + c0, out_row + ox * cout + c0);
            for (long ox = inner_begin; ox < inner_end; ox += VC_DIRECT_TILE_PIXELS) {
                const float *x = first_row + (ox * stride - w->pad_left) * cin;
                float *out = out_row + ox * cout + c0;
                const float *k = first_taps + c0, *bias_block = bias + c0;
                const long step = stride * cin;
#define VC_DIRECT_TILE(P) vc_direct_tile(P, x, step, row_floats, filter_rows, taps_per_row, k, cout, bias_block, out)
                switch (inner_end - ox < VC_DIRECT_TILE_PIXELS ? inner_end - ox : VC_DIRECT_TILE_PIXELS) {
                case 1: VC_DIRECT_TILE(1); break;
                case 2: VC_DIRECT_TILE(2); break;
                case 3: VC_DIRECT_TILE(3); break;
                case 4: VC_DIRECT_TILE(4); break;
                case 5: VC_DIRECT_TILE(5); break;
                default: VC_DIRECT_TILE(6); break;
                }
#undef VC_DIRECT_TILE
            }
            for (long ox = inner_end; ox < w->out_width; ox++)
                vc_direct_edge_pixel(input, w, b, oy, ox, weights + c0, cout, bias + c0, out_row + ox * cout + c0);
        }
        vc_activate(out_row, w->out_width * cout, activation);
    }
}

#pragma clang diagnostic pop
