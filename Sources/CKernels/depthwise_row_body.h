// The depthwise convolution as a sliding row kernel: eight neighbouring output pixels × eight channels at a time.
//
// The per-pixel kernel in kernel_bodies.h loads one input vector for every multiply-add, so it is bound by
// loads (profile: 18–20 % of an EfficientNet-Lite0 forward). Here one output row is swept in runs of eight
// pixels: for each filter row the k weight vectors are loaded once, and each input pixel of the run is loaded
// once and multiplied into every output it reaches (up to k of them), so a 3×3 stride-1 filter row costs
// 13 loads for 24 multiply-adds instead of 30, and a 5×5 one 17 for 40 instead of 50. Eight accumulators,
// k weights and the input fit the sixteen AVX2 registers for k ≤ 5. Measured on L2-resident inputs, stride 1:
// 20–25 % faster than the per-pixel kernel; with stride 2 the run reads almost twice the pixels and was no
// faster (k = 5: 0.014–0.021 vs 0.014–0.017 ms on a 32² × 32 input), so strided filters keep the per-pixel
// kernel. The taps reach each output in the same order as in the per-pixel kernel (filter rows, then
// columns), so both give bit-identical sums.
#pragma once

#include "kernel_bodies.h"
#include "vector8.h"

/// Output pixels per run of the sliding kernel.
#define VC_RUN 8

// See vector8.h: the helpers taking 8-float vectors by value are always inlined.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// `pixels` (≤ VC_RUN) output pixels from `ox` on, channels [c0, c0 + 8), of the output row (b, oy), for a
/// `kernel`×`kernel` stride-1 filter. Callers pass constants for the shape so the loops unroll fully;
/// `checked` runs (at the image's left and right edges) read zero for input columns outside the image.
VC_INLINE void vc_depthwise_run(const float *restrict input, const vc_window *w, const float *restrict weights,
                                const float *restrict bias, vc_activation activation, float *restrict out_row,
                                long b, long oy, long ox, long c0, int kernel, int pixels, int checked) {
    const long c = w->channels, ix0 = ox - w->pad_left;
    vc_f8 acc[VC_RUN];
    for (int p = 0; p < VC_RUN; p++) acc[p] = vc_load8(bias + c0);
    for (int ky = 0; ky < kernel; ky++) {
        const long iy = oy - w->pad_top + ky;
        if (iy < 0 || iy >= w->in_height) continue;
        const float *row = input + (b * w->in_height + iy) * w->in_width * c + c0;
        vc_f8 k[5];
        for (int kx = 0; kx < kernel; kx++) k[kx] = vc_load8(weights + ((long)ky * kernel + kx) * c + c0);
#pragma clang loop unroll(full)
        for (int t = 0; t < pixels - 1 + kernel; t++) {
            vc_f8 x = 0.0f;
            if (!checked || (ix0 + t >= 0 && ix0 + t < w->in_width)) x = vc_load8(row + (ix0 + t) * c);
#pragma clang loop unroll(full)
            for (int kx = 0; kx < kernel; kx++) {
                const int p = t - kx;
                if (p >= 0 && p < pixels) acc[p] += x * k[kx];
            }
        }
    }
    for (int p = 0; p < pixels; p++) vc_store8(out_row + (ox + p) * c + c0, vc_clamp8(acc[p], activation));
}

/// Whether the run of `pixels` outputs from `ox` reads only input columns inside the image.
VC_INLINE int vc_run_is_inside(const vc_window *w, long ox, int kernel, int pixels) {
    const long first = ox - w->pad_left, last = first + pixels - 1 + kernel - 1;
    return first >= 0 && last < w->in_width;
}

/// One output row, channels [0, full) (a multiple of 8), for one stride-1 filter size. Runs of VC_RUN pixels cover
/// the row; a last partial run is moved back to end at the row's end (recomputing a few pixels, which is
/// cheaper than a narrower run), and rows narrower than a run use runs of four the same way.
VC_INLINE void vc_depthwise_row(const float *restrict input, const vc_window *w, const float *restrict weights,
                                const float *restrict bias, vc_activation activation, float *restrict out_row,
                                long b, long oy, long full, int kernel) {
    const long width = w->out_width;
    const int pixels = width >= VC_RUN ? VC_RUN : 4;
    for (long c0 = 0; c0 < full; c0 += 8) {
        for (long start = 0; start < width; start += pixels) {
            const long ox = start + pixels <= width ? start : width - pixels;
            const int inside = vc_run_is_inside(w, ox, kernel, pixels);
            if (pixels == VC_RUN && inside)
                vc_depthwise_run(input, w, weights, bias, activation, out_row, b, oy, ox, c0, kernel, VC_RUN, 0);
            else if (pixels == VC_RUN)
                vc_depthwise_run(input, w, weights, bias, activation, out_row, b, oy, ox, c0, kernel, VC_RUN, 1);
            else
                vc_depthwise_run(input, w, weights, bias, activation, out_row, b, oy, ox, c0, kernel, 4, 1);
        }
    }
}

/// Depthwise convolution over output rows [row_begin, row_end): the sliding kernel for 3×3 and 5×5 stride-1
/// filters on rows at least four pixels wide, the per-pixel kernel for any other shape and for the channels
/// past the last multiple of 8. Cheap activations are applied in registers, the others per row.
VC_INLINE void vc_depthwise_sliding_body(const float *restrict input, const vc_window *w,
                                         const float *restrict weights, const float *restrict bias,
                                         vc_activation activation, float *restrict output, long row_begin,
                                         long row_end) {
    const int k = w->kernel_height;
    const int fits = k == w->kernel_width && (k == 3 || k == 5) && w->stride == 1 && w->out_width >= 4 &&
                     w->channels >= 8;
    if (!fits) {
        vc_depthwise_conv_body(input, w, weights, bias, activation, output, row_begin, row_end);
        return;
    }
    const long c = w->channels, full = c - c % 8;
    const vc_activation in_registers = activation <= VC_ACTIVATION_RELU6 ? activation : VC_ACTIVATION_NONE;
    for (long r = row_begin; r < row_end; r++) {
        const long b = r / w->out_height, oy = r % w->out_height;
        float *out_row = output + r * w->out_width * c;
        if (k == 3) vc_depthwise_row(input, w, weights, bias, in_registers, out_row, b, oy, full, 3);
        else vc_depthwise_row(input, w, weights, bias, in_registers, out_row, b, oy, full, 5);
        for (long ox = 0; full < c && ox < w->out_width; ox++)
            vc_depthwise_pixel(input, w, weights, bias, out_row + ox * c, b, oy, ox, full, (int)(c - full));
        if (full < c && in_registers != VC_ACTIVATION_NONE)
            for (long ox = 0; ox < w->out_width; ox++)
                vc_activate(out_row + ox * c + full, c - full, in_registers);
        if (activation != in_registers) vc_activate(out_row, w->out_width * c, activation);
    }
}

#pragma clang diagnostic pop
