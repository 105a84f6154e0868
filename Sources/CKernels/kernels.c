// The public entry points: each flushes denormals, calls the CPU's best variant, and restores the mode.
#include "CKernels.h"
#include "floating_point_mode.h"
#include "kernel_dispatch.h"

unsigned long vc_flush_denormals(void) { return (unsigned long)vc_enter_flush_denormals(); }

void vc_restore_floating_point_mode(unsigned long mode) { vc_leave_flush_denormals((vc_fp_mode)mode); }

void vc_im2col(const float *input, const vc_window *window, float *columns, long row_begin, long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->im2col(input, window, columns, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}

void vc_bias_fill(float *y, long rows, long cols, long ld, const float *bias, const float *residual) {
    vc_kernels()->bias_fill(y, rows, cols, ld, bias, residual);
}

void vc_activate_in_place(float *y, long count, vc_activation activation) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->activate(y, count, activation);
    vc_leave_flush_denormals(mode);
}

void vc_conv_direct(const float *input, const vc_window *window, int out_channels, const float *weights,
                    const float *bias, vc_activation activation, float *output, long row_begin, long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->conv_direct(input, window, out_channels, weights, bias, activation, output, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}

void vc_depthwise_conv(const float *input, const vc_window *window, const float *weights, const float *bias,
                       vc_activation activation, float *output, long row_begin, long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->depthwise_conv(input, window, weights, bias, activation, output, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}

void vc_pool2d(const float *input, const vc_window *window, int is_max, float *output, long row_begin,
               long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->pool2d(input, window, is_max, output, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}

void vc_global_average_pool(const float *input, int batch, long pixels, int channels, float *output) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->global_average_pool(input, batch, pixels, channels, output);
    vc_leave_flush_denormals(mode);
}

void vc_gemm(const float *a, long lda, long rows, long depth, const float *packed_b, long columns, const float *bias,
             const float *residual, long ldc, vc_activation activation, float *c) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->gemm(a, lda, rows, depth, packed_b, columns, bias, residual, ldc, activation, c);
    vc_leave_flush_denormals(mode);
}

void vc_im2col3d(const float *input, const vc_volume_window *window, float *columns, long row_begin, long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->im2col3d(input, window, columns, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}

void vc_max_pool3d(const float *input, const vc_volume_window *window, float *output, long row_begin, long row_end) {
    vc_fp_mode mode = vc_enter_flush_denormals();
    vc_kernels()->max_pool3d(input, window, output, row_begin, row_end);
    vc_leave_flush_denormals(mode);
}
