// Hot loops of the model core, in C so they vectorise; chosen at run time from the CPU's features.
//
// Every activation is float32 NHWC ([batch, height, width, channels], channels fastest). Each kernel is
// compiled twice — portable, and with AVX2+FMA on x86-64 — and the variant is picked once per process from
// the CPU's features, so the package builds anywhere (arm64 included) without -march=native. Every kernel
// flushes denormals to zero (FTZ/DAZ) while it runs and restores the caller's floating-point mode after.
// Shapes are validated by the Swift callers; these functions trust their arguments.
#pragma once

#include <stddef.h>

/// The activation applied in a kernel's epilogue, after the bias (and residual) are added.
typedef enum {
    VC_ACTIVATION_NONE = 0,
    VC_ACTIVATION_RELU = 1,
    VC_ACTIVATION_RELU6 = 2,
    VC_ACTIVATION_HARD_SWISH = 3,
    VC_ACTIVATION_SIGMOID = 4,
} vc_activation;

/// Where a sliding window lands: the input and output extents and the window's size, stride and padding.
/// Padding before the first row/column is `pad_top`/`pad_left`; any padding after is implied by the output size.
typedef struct {
    int batch;
    int in_height, in_width, channels;
    int out_height, out_width;
    int kernel_height, kernel_width;
    int stride;
    int pad_top, pad_left;
} vc_window;

/// A sliding window over a clip: NTHWC input ([batch, time, height, width, channels]), the output extents, and the
/// window's size, stride and leading padding per axis (any padding after is implied by the output extents).
typedef struct {
    int batch;
    int in_time, in_height, in_width, channels;
    int out_time, out_height, out_width;
    int kernel_time, kernel_height, kernel_width;
    int stride_time, stride_height, stride_width;
    int pad_front, pad_top, pad_left;
} vc_volume_window;

/// Turns on flush-to-zero / denormals-are-zero for the calling thread (covering BLAS calls made from it too)
/// and returns the previous mode for `vc_restore_floating_point_mode`.
unsigned long vc_flush_denormals(void);

/// Restores a mode returned by `vc_flush_denormals`.
void vc_restore_floating_point_mode(unsigned long mode);

/// Tells the CPU the caller is spinning on a memory location (x86 `pause`, arm64 `yield`), so the wait costs
/// less power and frees pipeline resources; a no-op elsewhere.
static inline void vc_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

/// The SIMD level the kernels run with: 0 = portable C, 1 = AVX2 + FMA.
int vc_simd_level(void);

/// Makes the calling thread use the best kernels this CPU supports at or below `max_level` (INT_MAX: the
/// best, as other threads) and returns the level now in effect for it; lets tests check the portable kernels on
/// an AVX2 machine. Other threads are not affected, so run the work on this thread. Results are the same at
/// every level up to rounding.
int vc_limit_simd_level(int max_level);

/// Unfolds NHWC input windows into rows: row r = output pixel r (over batch·out_h·out_w), columns ordered
/// (ky, kx, channel); out-of-image taps are zero. Rows [row_begin, row_end) are written, row_begin's at
/// `columns` (so a caller can unfold a large batch chunk by chunk into one scratch area).
void vc_im2col(const float *input, const vc_window *window, float *columns, long row_begin, long row_end);

/// Unfolds NTHWC clip windows into rows: row r = output position r (over batch·out_t·out_h·out_w), columns
/// ordered (kt, ky, kx, channel), matching a [kt, kh, kw, cin, cout] kernel read as [depth, cout]; out-of-clip
/// taps are zero. Rows [row_begin, row_end) are written, row_begin's at `columns`.
void vc_im2col3d(const float *input, const vc_volume_window *window, float *columns, long row_begin, long row_end);

/// 3-D max pooling over the in-clip taps only (TensorFlow 'SAME' pads with −∞, so padding never wins). Output
/// rows are (batch·out_time·out_height) indices in [row_begin, row_end); each holds out_width·channels values.
void vc_max_pool3d(const float *input, const vc_volume_window *window, float *output, long row_begin, long row_end);

/// The width of the column panels `vc_gemm` reads its right-hand matrix from.
#define VC_GEMM_PANEL_WIDTH 16

/// Matrix product with the epilogue fused: c = activation(a × b + bias + residual) for a [rows, depth]
/// block of `a` (rows `lda` floats apart) and b [depth, columns] packed as ⌈columns / 16⌉ panels, each
/// depth × 16 floats row-major with zeros past the last column. `c` and `residual` (which may be NULL) are
/// [rows, columns] blocks with rows `ldc` floats apart; `bias` has `columns` values. Register-tiled 6 × 16
/// (12 × 8 over a last panel of at most 8 columns), no packing of `a`, single-threaded; callers split rows or
/// panels across threads.
void vc_gemm(const float *a, long lda, long rows, long depth, const float *packed_b, long columns, const float *bias,
             const float *residual, long ldc, vc_activation activation, float *c);

/// Fills a [rows, cols] block of a row-major matrix whose rows are `ld` floats apart with
/// bias[col] + residual[row, col] (`residual` may be NULL; it has the same layout), so a following matrix
/// product can accumulate into it (sgemm with beta = 1).
void vc_bias_fill(float *y, long rows, long cols, long ld, const float *bias, const float *residual);

/// Applies `activation` to `count` contiguous values in place.
void vc_activate_in_place(float *y, long count, vc_activation activation);

/// Dense convolution computed directly (no unfolding, no matrix library) with bias and activation fused,
/// for narrow inputs such as an RGB stem or a 1×1 expansion from 16 channels. weights are
/// [kernel_height, kernel_width, channels, out_channels]; out_channels must be a multiple of 16. Output
/// rows are (batch·out_height) indices in [row_begin, row_end).
void vc_conv_direct(const float *input, const vc_window *window, int out_channels, const float *weights,
                    const float *bias, vc_activation activation, float *output, long row_begin, long row_end);

/// Depthwise convolution (one filter per channel) with bias and activation fused.
/// weights are [kernel_height·kernel_width, channels]; output rows are (batch·out_height) indices in
/// [row_begin, row_end).
void vc_depthwise_conv(const float *input, const vc_window *window, const float *weights, const float *bias,
                       vc_activation activation, float *output, long row_begin, long row_end);

/// Max (is_max != 0) or average pooling over windows; averages divide by the in-image taps only
/// (PyTorch's count_include_pad=False). Output rows are (batch·out_height) indices in [row_begin, row_end).
void vc_pool2d(const float *input, const vc_window *window, int is_max, float *output, long row_begin,
               long row_end);

/// Global average over the spatial positions: [batch, pixels, channels] → [batch, channels].
void vc_global_average_pool(const float *input, int batch, long pixels, int channels, float *output);
