// The clip (3-D) kernels' loops: unfolding windows for a 3-D convolution and 3-D max pooling, over NTHWC
// activations with channels fastest, so every inner copy or max runs over a contiguous channel vector.
#pragma once

#include "kernel_bodies.h"

VC_INLINE void vc_im2col3d_body(const float *restrict input, const vc_volume_window *w, float *restrict columns,
                                long row_begin, long row_end) {
    const long c = w->channels, tap_row = (long)w->kernel_width * c;
    const long tap_plane = (long)w->kernel_height * tap_row, row_length = (long)w->kernel_time * tap_plane;
    const long plane = (long)w->in_height * w->in_width * c;
    for (long r = row_begin; r < row_end; r++) {
        const long ox = r % w->out_width, oy = (r / w->out_width) % w->out_height;
        const long ot = (r / ((long)w->out_width * w->out_height)) % w->out_time;
        const long b = r / ((long)w->out_width * w->out_height * w->out_time);
        float *dst = columns + (r - row_begin) * row_length;
        for (int kt = 0; kt < w->kernel_time; kt++) {
            const long it = ot * w->stride_time - w->pad_front + kt;
            float *dst_plane = dst + kt * tap_plane;
            if (it < 0 || it >= w->in_time) {
                memset(dst_plane, 0, sizeof(float) * tap_plane);
                continue;
            }
            const float *src_plane = input + (b * w->in_time + it) * plane;
            for (int ky = 0; ky < w->kernel_height; ky++) {
                const long iy = oy * w->stride_height - w->pad_top + ky;
                float *dst_row = dst_plane + ky * tap_row;
                if (iy < 0 || iy >= w->in_height) {
                    memset(dst_row, 0, sizeof(float) * tap_row);
                    continue;
                }
                const float *src_row = src_plane + iy * w->in_width * c;
                const long ix0 = ox * w->stride_width - w->pad_left;
                if (ix0 >= 0 && ix0 + w->kernel_width <= w->in_width) {
                    memcpy(dst_row, src_row + ix0 * c, sizeof(float) * tap_row);
                    continue;
                }
                for (int kx = 0; kx < w->kernel_width; kx++) {
                    const long ix = ix0 + kx;
                    if (ix < 0 || ix >= w->in_width) memset(dst_row + kx * c, 0, sizeof(float) * c);
                    else memcpy(dst_row + kx * c, src_row + ix * c, sizeof(float) * c);
                }
            }
        }
    }
}

VC_INLINE void vc_max_pool3d_body(const float *restrict input, const vc_volume_window *w, float *restrict output,
                                  long row_begin, long row_end) {
    const long c = w->channels, plane = (long)w->in_height * w->in_width * c;
    for (long r = row_begin; r < row_end; r++) {
        const long oy = r % w->out_height, ot = (r / w->out_height) % w->out_time;
        const long b = r / ((long)w->out_height * w->out_time);
        for (long ox = 0; ox < w->out_width; ox++) {
            float *out = output + (r * w->out_width + ox) * c;
            for (long j = 0; j < c; j++) out[j] = -INFINITY;
            for (int kt = 0; kt < w->kernel_time; kt++) {
                const long it = ot * w->stride_time - w->pad_front + kt;
                if (it < 0 || it >= w->in_time) continue;
                for (int ky = 0; ky < w->kernel_height; ky++) {
                    const long iy = oy * w->stride_height - w->pad_top + ky;
                    if (iy < 0 || iy >= w->in_height) continue;
                    for (int kx = 0; kx < w->kernel_width; kx++) {
                        const long ix = ox * w->stride_width - w->pad_left + kx;
                        if (ix < 0 || ix >= w->in_width) continue;
                        const float *x = input + (b * w->in_time + it) * plane + (iy * w->in_width + ix) * c;
                        for (long j = 0; j < c; j++) out[j] = out[j] > x[j] ? out[j] : x[j];
                    }
                }
            }
        }
    }
}
