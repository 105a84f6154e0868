// The fused matrix-product kernel: C = act(A × B + bias [+ residual]) with B pre-packed in 16-column panels.
//
// Written once with the 8-lane vectors of vector8.h (AVX2+FMA in the x86-64 variant, two SSE/NEON halves in
// the portable one). A 6-row × 16-column tile of C lives in twelve 8-lane accumulators for the whole depth
// block: per step of the depth it loads two B vectors, broadcasts six A values and issues twelve
// multiply-adds, the ratio that keeps the FMA units busy. A is read in place (any row stride), so a 1×1
// convolution multiplies its NHWC activation directly.
#pragma once

#include "kernel_bodies.h"
#include "vector8.h"

#define VC_TILE_ROWS 6
#define VC_PANEL 16
/// Depth processed per pass over C: 256 rows of a 16-column panel are 16 KiB, half of L1.
#define VC_DEPTH_BLOCK 256

// See vector8.h: the helpers taking 8-float vectors by value are always inlined.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// Copies `cols` (≤ 16) values from `src` into a 16-float buffer padded with zeros.
VC_INLINE void vc_pad16(float *restrict dst, const float *restrict src, int cols) {
    for (int j = 0; j < VC_PANEL; j++) dst[j] = j < cols ? src[j] : 0.0f;
}

/// Loads one 16-wide row segment of `cols` valid values as two vectors (zeros past `cols`).
VC_INLINE void vc_load_row(const float *p, int cols, vc_f8 *lo, vc_f8 *hi) {
    if (cols == VC_PANEL) {
        *lo = vc_load8(p);
        *hi = vc_load8(p + 8);
        return;
    }
    float padded[VC_PANEL];
    vc_pad16(padded, p, cols);
    *lo = vc_load8(padded);
    *hi = vc_load8(padded + 8);
}

/// One tile: `rows` (1…6) rows × `cols` (1…16) columns of C over the depth block [0, depth) of `panel`
/// (depth × 16, row-major). The first block starts from bias (+ residual), later ones from C; the last
/// applies the activation.
VC_INLINE void vc_gemm_tile(const float *restrict a, long lda, int rows, long depth, const float *restrict panel,
                            int cols, const float *restrict bias, const float *restrict residual,
                            float *restrict c, long ldc, int first, int last, vc_activation activation) {
    const float *row[VC_TILE_ROWS];
    for (int i = 0; i < VC_TILE_ROWS; i++) row[i] = a + (i < rows ? i : rows - 1) * lda;
    vc_f8 acc[VC_TILE_ROWS][2];
    for (int i = 0; i < VC_TILE_ROWS; i++) {
        if (!first) {
            vc_load_row(c + (i < rows ? i : 0) * ldc, cols, &acc[i][0], &acc[i][1]);
            continue;
        }
        vc_load_row(bias, cols, &acc[i][0], &acc[i][1]);
        if (residual) {
            vc_f8 lo, hi;
            vc_load_row(residual + (i < rows ? i : 0) * ldc, cols, &lo, &hi);
            acc[i][0] += lo;
            acc[i][1] += hi;
        }
    }
    for (long k = 0; k < depth; k++, panel += VC_PANEL) {
        const vc_f8 b0 = vc_load8(panel), b1 = vc_load8(panel + 8);
        for (int i = 0; i < VC_TILE_ROWS; i++) {
            const float x = row[i][k];
            acc[i][0] += x * b0;
            acc[i][1] += x * b1;
        }
    }
    const vc_activation clamp = last ? activation : VC_ACTIVATION_NONE;
    for (int i = 0; i < rows; i++) {
        float *out = c + i * ldc;
        const vc_f8 lo = vc_clamp8(acc[i][0], clamp), hi = vc_clamp8(acc[i][1], clamp);
        if (cols == VC_PANEL) {
            vc_store8(out, lo);
            vc_store8(out + 8, hi);
        } else {
            float tile[VC_PANEL];
            vc_store8(tile, lo);
            vc_store8(tile + 8, hi);
            for (int j = 0; j < cols; j++) out[j] = tile[j];
        }
        if (last && clamp > VC_ACTIVATION_RELU6) vc_activate(out, cols, activation);
    }
}

/// C[rows, columns] = act(A[rows, depth] × B + bias + residual), B packed as ⌈columns/16⌉ panels of
/// depth × 16 floats (zero past `columns`). Loops: depth blocks, then panels (one panel block stays in
/// L1), then 6-row tiles down A.
VC_INLINE void vc_gemm_body(const float *restrict a, long lda, long rows, long depth, const float *restrict packed,
                            long columns, const float *restrict bias, const float *restrict residual, long ldc,
                            vc_activation activation, float *restrict c) {
    for (long k0 = 0; k0 < depth; k0 += VC_DEPTH_BLOCK) {
        const long kc = depth - k0 < VC_DEPTH_BLOCK ? depth - k0 : VC_DEPTH_BLOCK;
        const int first = k0 == 0, last = k0 + kc == depth;
        for (long j0 = 0; j0 < columns; j0 += VC_PANEL) {
            const int cols = columns - j0 < VC_PANEL ? (int)(columns - j0) : VC_PANEL;
            const float *panel = packed + (j0 / VC_PANEL) * depth * VC_PANEL + k0 * VC_PANEL;
            for (long i0 = 0; i0 < rows; i0 += VC_TILE_ROWS) {
                const int m = rows - i0 < VC_TILE_ROWS ? (int)(rows - i0) : VC_TILE_ROWS;
                vc_gemm_tile(a + i0 * lda + k0, lda, m, kc, panel, cols, bias + j0,
                             residual ? residual + i0 * ldc + j0 : NULL, c + i0 * ldc + j0, ldc, first, last,
                             activation);
            }
        }
    }
}

#pragma clang diagnostic pop
