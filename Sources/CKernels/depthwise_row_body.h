// The depthwise convolution as a sliding row kernel: a run of seven or eight neighbouring output pixels × eight
// channels at a time, for 3×3 and 5×5 filters with stride 1 or 2.
//
// The per-pixel and four-pixel kernels in kernel_bodies.h load one input vector for every multiply-add, so
// they are bound by loads. Here one output row is swept in runs of pixels: for each filter row the k weight
// vectors are loaded once, and each input pixel of the run is loaded once and multiplied into every output it
// reaches (up to k of them with stride 1, up to ⌈k/2⌉ with stride 2). Eight outputs of a 3×3 filter row cost
// 13 loads for 24 multiply-adds where the four-pixel kernel needs 30, a 5×5 one 17 for 40 instead of 50; with
// stride 2, 20 for 24 and 24 for 40. Eight accumulators, k weights and the input fit the sixteen AVX2
// registers for k ≤ 5.
//
// The loop order matters as much as the register tile. A run's setup — which filter rows and input columns
// fall inside the image, where they start — costs about as much as one filter row of multiply-adds, so it is
// done once per run position and the run then walks every block of eight channels, reading each input pixel's
// channels front to back instead of one 32-byte slice per pixel per row sweep. Measured interleaved in one
// process on EfficientNet-Lite0's depthwise layers (AVX2+FMA, 2.9 GHz EPYC), channel blocks outside the runs
// reached 12–20 GMAC/s; inside, 24–40 (a frame's depthwise layers 2.0 → 1.2 ms).
//
// Each output still receives bias, then its in-image taps in the reference order (filter rows, then columns)
// as fused multiply-adds, so the sums are bit-identical to the per-pixel kernel's.
#pragma once

#include "kernel_bodies.h"
#include "vector8.h"

/// Output pixels per run of the sliding kernel.
#define VC_RUN 8

// See vector8.h: the helpers taking 8-float vectors by value are always inlined.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// `pixels` (≤ VC_RUN) output pixels from `ox` on, every block of eight channels in [0, full), of the output row
/// (b, oy), for a `kernel`×`kernel` filter with stride `stride`. Callers pass constants for the shape so the
/// loops unroll fully and the accumulators, the filter row and the input vector stay in registers. Only the
/// filter rows and input columns inside the image are visited: the rows by the loop bounds and, in `checked`
/// runs (those reaching past the image's left or right edge), the columns by a test on each.
VC_INLINE void vc_depthwise_run(const float *restrict input, const vc_window *w, const float *restrict weights,
                                const float *restrict bias, vc_activation activation, float *restrict out_row,
                                long b, long oy, long ox, long full, int kernel, int stride, int pixels,
                                int checked) {
    const long c = w->channels, ix0 = ox * stride - w->pad_left, iy0 = oy * stride - w->pad_top;
    const int span = (pixels - 1) * stride + kernel;  // input columns the run reads
    const int ky_begin = iy0 < 0 ? (int)-iy0 : 0;
    const int ky_end = iy0 + kernel > w->in_height ? (int)(w->in_height - iy0) : kernel;
    const int t_begin = ix0 < 0 ? (int)-ix0 : 0;
    const int t_end = ix0 + span > w->in_width ? (int)(w->in_width - ix0) : span;
    const float *first_row = input + ((b * w->in_height + iy0) * w->in_width + ix0) * c;
    for (long c0 = 0; c0 < full; c0 += 8) {
        vc_f8 acc[VC_RUN];
        for (int p = 0; p < VC_RUN; p++) acc[p] = vc_load8(bias + c0);
#pragma clang loop unroll(disable)
        for (int ky = ky_begin; ky < ky_end; ky++) {
            const float *x_at = first_row + (long)ky * w->in_width * c + c0;
            const float *k_at = weights + (long)ky * kernel * c + c0;
            vc_f8 k[5];
            for (int kx = 0; kx < kernel; kx++) k[kx] = vc_load8(k_at + kx * c);
            // Input column t reaches output p through tap kx = t − p·stride; as t rises, each output's taps
            // arrive in increasing kx, the reference order.
#pragma clang loop unroll(full)
            for (int t = 0; t < span; t++, x_at += c) {
                if (checked && (t < t_begin || t >= t_end)) continue;
                const vc_f8 x = vc_load8(x_at);
#pragma clang loop unroll(full)
                for (int p = 0; p < pixels; p++) {
                    const int kx = t - p * stride;
                    if (kx >= 0 && kx < kernel) acc[p] += x * k[kx];
                }
            }
        }
        for (int p = 0; p < pixels; p++) vc_store8(out_row + (ox + p) * c + c0, vc_clamp8(acc[p], activation));
    }
}

/// One output row, channels [0, full) (a multiple of 8), for one filter size and stride, in runs of `pixels`
/// (8, 7 — so 7-, 14- and 28-wide maps waste nothing — or 4 for rows narrower than 7). A last partial run is
/// moved back to end at the row's end, recomputing a few pixels, which is cheaper than a narrower run.
VC_INLINE void vc_depthwise_row(const float *restrict input, const vc_window *w, const float *restrict weights,
                                const float *restrict bias, vc_activation activation, float *restrict out_row,
                                long b, long oy, long full, int kernel, int stride, int pixels) {
    const long width = w->out_width;
    for (long start = 0; start < width; start += pixels) {
        const long ox = start + pixels <= width ? start : width - pixels;
        const long first = ox * stride - w->pad_left, last = first + (pixels - 1) * stride + kernel - 1;
        const int checked = first < 0 || last >= w->in_width;
#define VC_RUN_CASE(PIXELS, CHECKED)                                                                            \
    vc_depthwise_run(input, w, weights, bias, activation, out_row, b, oy, ox, full, kernel, stride, PIXELS, CHECKED)
        if (pixels == 8 && !checked) VC_RUN_CASE(8, 0);
        else if (pixels == 8) VC_RUN_CASE(8, 1);
        else if (pixels == 7 && !checked) VC_RUN_CASE(7, 0);
        else if (pixels == 7) VC_RUN_CASE(7, 1);
        else VC_RUN_CASE(4, 1);
#undef VC_RUN_CASE
    }
}

/// Depthwise convolution over output rows [row_begin, row_end): the sliding kernel for 3×3 and 5×5 filters
/// with stride 1 on rows at least four pixels wide, or stride 2 on rows cut exactly into runs of 7 or 8 (a
/// moved-back run or a run of four at stride 2 costs more than it saves); the per-pixel kernel for any other
/// shape and for the channels past the last multiple of 8. Cheap activations are applied in registers, the
/// others per row.
VC_INLINE void vc_depthwise_sliding_body(const float *restrict input, const vc_window *w,
                                         const float *restrict weights, const float *restrict bias,
                                         vc_activation activation, float *restrict output, long row_begin,
                                         long row_end) {
    const int k = w->kernel_height, s = w->stride;
    const long c = w->channels, full = c - c % 8, width = w->out_width;
    const int pixels = width % 8 == 0 || (width > 8 && width % 7 != 0) ? 8 : width % 7 == 0 ? 7 : 4;
    const int fits = k == w->kernel_width && (k == 3 || k == 5) && width >= 4 && c >= 8 &&
                     (s == 1 || (s == 2 && pixels != 4 && width % pixels == 0));
    if (!fits) {
        vc_depthwise_conv_body(input, w, weights, bias, activation, output, row_begin, row_end);
        return;
    }
    const vc_activation in_registers = activation <= VC_ACTIVATION_RELU6 ? activation : VC_ACTIVATION_NONE;
    for (long r = row_begin; r < row_end; r++) {
        const long b = r / w->out_height, oy = r % w->out_height;
        float *out_row = output + r * w->out_width * c;
#define VC_ROW_CASE(K, S) vc_depthwise_row(input, w, weights, bias, in_registers, out_row, b, oy, full, K, S, pixels)
        if (k == 3 && s == 1) VC_ROW_CASE(3, 1);
        else if (k == 5 && s == 1) VC_ROW_CASE(5, 1);
        else if (k == 3) VC_ROW_CASE(3, 2);
        else VC_ROW_CASE(5, 2);
#undef VC_ROW_CASE
        for (long ox = 0; full < c && ox < w->out_width; ox++)
            vc_depthwise_pixel(input, w, weights, bias, out_row + ox * c, b, oy, ox, full, (int)(c - full));
        if (full < c && in_registers != VC_ACTIVATION_NONE)
            for (long ox = 0; ox < w->out_width; ox++)
                vc_activate(out_row + ox * c + full, c - full, in_registers);
        if (activation != in_registers) vc_activate(out_row, w->out_width * c, activation);
    }
}

#pragma clang diagnostic pop
