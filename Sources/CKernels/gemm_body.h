// The fused matrix-product kernel: C = act(A × B + bias [+ residual]) with B pre-packed in 16-column panels.
//
// Written once with the 8-lane vectors of vector8.h (AVX2+FMA in the x86-64 variant, two SSE/NEON halves in
// the portable one). A tile of C lives in twelve 8-lane accumulators for the whole depth block: per step of
// the depth it loads the tile's B vectors, broadcasts one A value per row and issues twelve multiply-adds,
// the ratio that keeps the FMA units busy. Two tile shapes:
//   6 rows × 16 columns (a whole panel): 2 B loads + 6 broadcasts per 12 multiply-adds;
//   12 rows × 8 columns, for a last panel holding at most 8 columns (matrices 24, 40, … wide): it reads only
//   the first half of the panel, so no multiply-add is spent on the zero half (a 6 × 16 tile would waste
//   half of its work there).
// A is read in place (any row stride), so a 1×1 convolution multiplies its NHWC activation directly.
//
// Whatever the tile shape, every element of C is bias (+ residual), then + a[k]·b[k] fused for k = 0, 1, …
// in order, then the activation: the shapes change which elements are computed together, never how, so the
// results are the same bit for bit.
#pragma once

#include "kernel_bodies.h"
#include "vector8.h"

#define VC_PANEL 16
/// Depth processed per pass over C: 256 rows of a 16-column panel are 16 KiB, half of L1.
#define VC_DEPTH_BLOCK 256
/// The largest tile dimensions, in rows and in 8-column vectors (tiles are 6 × 2 or 12 × 1 vectors).
#define VC_TILE_MAX_ROWS 12
#define VC_TILE_MAX_VECTORS 2

// See vector8.h: the helpers taking 8-float vectors by value are always inlined.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

/// One tile: `rows` (1…R) rows × 8·V columns of C over the depth block [0, depth) of `panel` (depth × 16,
/// row-major; the tile reads its first 8·V columns). The first block starts from bias (+ residual), later
/// ones from C; the last applies the activation. Rows past `rows` repeat the last valid one and are not
/// stored, which keeps the inner loop branch-free.
///
/// R and V are constants at every call, so each loop over them unrolls and `acc` lives in registers (an
/// accumulator indexed by a run-time row would be kept in memory instead, costing a store and a reload per
/// tile — which is what dominates at small depths).
VC_INLINE void vc_gemm_tile(const int R, const int V, const float *restrict a, long lda, int rows, long depth,
                            const float *restrict panel, const float *restrict bias, const float *restrict residual,
                            float *restrict c, long ldc, int first, int last, vc_activation activation) {
    const float *row[VC_TILE_MAX_ROWS];
    vc_f8 acc[VC_TILE_MAX_ROWS][VC_TILE_MAX_VECTORS];
    _Pragma("unroll") for (int i = 0; i < R; i++) {
        const long r = i < rows ? i : rows - 1;
        row[i] = a + r * lda;
        _Pragma("unroll") for (int v = 0; v < V; v++) {
            if (!first) {
                acc[i][v] = vc_load8(c + r * ldc + 8 * v);
            } else {
                acc[i][v] = vc_load8(bias + 8 * v);
                if (residual) acc[i][v] += vc_load8(residual + r * ldc + 8 * v);
            }
        }
    }
    for (long k = 0; k < depth; k++) {
        vc_f8 w[VC_TILE_MAX_VECTORS];
        _Pragma("unroll") for (int v = 0; v < V; v++) w[v] = vc_load8(panel + k * VC_PANEL + 8 * v);
        _Pragma("unroll") for (int i = 0; i < R; i++) {
            const float x = row[i][k];
            _Pragma("unroll") for (int v = 0; v < V; v++) acc[i][v] += x * w[v];
        }
    }
    const vc_activation clamp = last ? activation : VC_ACTIVATION_NONE;
    _Pragma("unroll") for (int i = 0; i < R; i++) {
        if (i < rows) {
            _Pragma("unroll") for (int v = 0; v < V; v++) vc_store8(c + i * ldc + 8 * v, vc_clamp8(acc[i][v], clamp));
        }
    }
    if (last && clamp > VC_ACTIVATION_RELU6)
        _Pragma("nounroll") for (int i = 0; i < rows; i++) vc_activate(c + i * ldc, 8 * V, activation);
}

/// A tile narrower than 8·V columns (`cols` of them, at the matrix's right edge): the tile runs on
/// zero-padded copies of the bias and of the C (or residual) block, and only the valid part is copied back.
/// The valid elements go through exactly the same operations as in a full-width tile.
VC_INLINE void vc_gemm_narrow_tile(const int R, const int V, const float *restrict a, long lda, int rows,
                                   long depth, const float *restrict panel, int cols, const float *restrict bias,
                                   const float *restrict residual, float *restrict c, long ldc, int first,
                                   int last, vc_activation activation) {
    enum { W = 8 * VC_TILE_MAX_VECTORS };
    float bias_pad[W] = {0}, residual_pad[VC_TILE_MAX_ROWS * W] = {0}, out[VC_TILE_MAX_ROWS * W] = {0};
    for (int j = 0; j < cols; j++) bias_pad[j] = bias[j];
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) {
            if (!first) out[i * W + j] = c[i * ldc + j];
            if (residual) residual_pad[i * W + j] = residual[i * ldc + j];
        }
    vc_gemm_tile(R, V, a, lda, rows, depth, panel, bias_pad, residual ? residual_pad : NULL, out, W, first, last,
                 activation);
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++) c[i * ldc + j] = out[i * W + j];
}

/// The R × 8·V tiles down one column strip of C, `cols` (≤ 8·V) wide, read from `panel`.
VC_INLINE void vc_gemm_strip(const int R, const int V, const float *restrict a, long lda, long rows, long depth,
                             const float *restrict panel, int cols, const float *restrict bias,
                             const float *restrict residual, float *restrict c, long ldc, int first, int last,
                             vc_activation activation) {
    for (long i0 = 0; i0 < rows; i0 += R) {
        const int m = rows - i0 < R ? (int)(rows - i0) : R;
        const float *res = residual ? residual + i0 * ldc : NULL;
        if (cols == 8 * V)
            vc_gemm_tile(R, V, a + i0 * lda, lda, m, depth, panel, bias, res, c + i0 * ldc, ldc, first, last,
                         activation);
        else
            vc_gemm_narrow_tile(R, V, a + i0 * lda, lda, m, depth, panel, cols, bias, res, c + i0 * ldc, ldc,
                                first, last, activation);
    }
}

/// One row of C across G (1…4) whole panels, 16·G columns, over the depth block [0, depth): 2·G accumulators fed
/// by one broadcast of the row's A value per step. For the rows left over below the last 6-row tile: a 6 × 16
/// tile holding one real row spends six rows' work on it, and a tile with fewer rows is no faster per step (each
/// accumulator waits for its previous multiply-add), so a leftover row goes across the panels instead (49-row
/// products, Lite0's 7 × 7 stage, end with one such row). First/last and the element order as in `vc_gemm_tile`.
VC_INLINE void vc_gemm_row(const int G, const float *restrict a, long depth, const float *restrict panels,
                           long panel_stride, const float *restrict bias, const float *restrict residual,
                           float *restrict c, int first, int last, vc_activation activation) {
    vc_f8 acc[8];
    _Pragma("unroll") for (int v = 0; v < 2 * G; v++) {
        const long column = 16 * (v / 2) + 8 * (v % 2);
        if (!first) {
            acc[v] = vc_load8(c + column);
        } else {
            acc[v] = vc_load8(bias + column);
            if (residual) acc[v] += vc_load8(residual + column);
        }
    }
    for (long k = 0; k < depth; k++) {
        const float x = a[k];
        _Pragma("unroll") for (int v = 0; v < 2 * G; v++)
            acc[v] += x * vc_load8(panels + (v / 2) * panel_stride + k * VC_PANEL + 8 * (v % 2));
    }
    const vc_activation clamp = last ? activation : VC_ACTIVATION_NONE;
    _Pragma("unroll") for (int v = 0; v < 2 * G; v++)
        vc_store8(c + 16 * (v / 2) + 8 * (v % 2), vc_clamp8(acc[v], clamp));
    if (last && clamp > VC_ACTIVATION_RELU6) vc_activate(c, 16 * G, activation);
}

/// Leftover rows [row0, rows) across the whole panels [0, whole) (each 16 columns, all valid), four panels at a
/// time.
VC_INLINE void vc_gemm_leftover_rows(const float *restrict a, long lda, long row0, long rows, long depth,
                                     const float *restrict packed, long panel_stride, long whole,
                                     const float *restrict bias, const float *restrict residual, float *restrict c,
                                     long ldc, int first, int last, vc_activation activation) {
    for (long r = row0; r < rows; r++) {
        for (long p = 0; p < whole; p += 4) {
            const float *panels = packed + p * panel_stride;
            const float *res = residual ? residual + r * ldc + p * VC_PANEL : NULL;
            float *out = c + r * ldc + p * VC_PANEL;
            const float *b = bias + p * VC_PANEL, *x = a + r * lda;
            switch (whole - p < 4 ? whole - p : 4) {
            case 1: vc_gemm_row(1, x, depth, panels, panel_stride, b, res, out, first, last, activation); break;
            case 2: vc_gemm_row(2, x, depth, panels, panel_stride, b, res, out, first, last, activation); break;
            case 3: vc_gemm_row(3, x, depth, panels, panel_stride, b, res, out, first, last, activation); break;
            default: vc_gemm_row(4, x, depth, panels, panel_stride, b, res, out, first, last, activation); break;
            }
        }
    }
}

/// C[rows, columns] = act(A[rows, depth] × B + bias + residual), B packed as ⌈columns/16⌉ panels of
/// depth × 16 floats (zero past `columns`). Loops: depth blocks, then panels (one panel block stays in L1),
/// then tiles down A: 6 × 16, or 12 × 8 for a last panel holding at most 8 columns. Up to three rows left over
/// below the last 6-row tile of the whole panels go across the panels (`vc_gemm_row`).
VC_INLINE void vc_gemm_body(const float *restrict a, long lda, long rows, long depth, const float *restrict packed,
                            long columns, const float *restrict bias, const float *restrict residual, long ldc,
                            vc_activation activation, float *restrict c) {
    for (long k0 = 0; k0 < depth; k0 += VC_DEPTH_BLOCK) {
        const long kc = depth - k0 < VC_DEPTH_BLOCK ? depth - k0 : VC_DEPTH_BLOCK;
        const int first = k0 == 0, last = k0 + kc == depth;
        const long whole = columns / VC_PANEL, leftover = rows % 6 <= 3 ? rows % 6 : 0;
        for (long j0 = 0; j0 < columns; j0 += VC_PANEL) {
            const float *panel = packed + (j0 / VC_PANEL) * depth * VC_PANEL + k0 * VC_PANEL;
            const int cols = columns - j0 < VC_PANEL ? (int)(columns - j0) : VC_PANEL;
            const float *res = residual ? residual + j0 : NULL;
            if (cols <= 8)
                vc_gemm_strip(12, 1, a + k0, lda, rows, kc, panel, cols, bias + j0, res, c + j0, ldc, first, last,
                              activation);
            else
                vc_gemm_strip(6, 2, a + k0, lda, cols == VC_PANEL ? rows - leftover : rows, kc, panel, cols,
                              bias + j0, res, c + j0, ldc, first, last, activation);
        }
        if (leftover)
            vc_gemm_leftover_rows(a + k0, lda, rows - leftover, rows, kc, packed + k0 * VC_PANEL, depth * VC_PANEL,
                                  whole, bias, residual, c, ldc, first, last, activation);
    }
}

#pragma clang diagnostic pop
