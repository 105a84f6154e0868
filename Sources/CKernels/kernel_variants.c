// Instantiates every kernel body once per SIMD target and fills the variant tables.
#include "depthwise_row_body.h"
#include "direct_conv_body.h"
#include "gemm_body.h"
#include "kernel_bodies.h"
#include "kernel_dispatch.h"
#include "volume_bodies.h"

#define VC_DEFINE_VARIANT(SUFFIX, ATTRIBUTES, LEVEL)                                                          \
    ATTRIBUTES static void im2col_##SUFFIX(const float *x, const vc_window *w, float *col, long b, long e) {  \
        vc_im2col_body(x, w, col, b, e);                                                                    \
    }                                                                                                       \
    ATTRIBUTES static void bias_fill_##SUFFIX(float *y, long rows, long cols, long ld, const float *bias,    \
                                              const float *res) {                                           \
        vc_bias_fill_body(y, rows, cols, ld, bias, res);                                                    \
    }                                                                                                       \
    ATTRIBUTES static void activate_##SUFFIX(float *y, long count, vc_activation a) {                         \
        vc_activate(y, count, a);                                                                           \
    }                                                                                                       \
    ATTRIBUTES static void conv_direct_##SUFFIX(const float *x, const vc_window *w, int cout, const float *k, \
                                                const float *bias, vc_activation a, float *y, long b, long e) {\
        vc_conv_direct_body(x, w, cout, k, bias, a, y, b, e);                                               \
    }                                                                                                       \
    ATTRIBUTES static void depthwise_conv_##SUFFIX(const float *x, const vc_window *w, const float *k,        \
                                                   const float *bias, vc_activation a, float *y, long b,    \
                                                   long e) {                                                \
        vc_depthwise_sliding_body(x, w, k, bias, a, y, b, e);                                               \
    }                                                                                                       \
    ATTRIBUTES static void pool2d_##SUFFIX(const float *x, const vc_window *w, int is_max, float *y, long b,  \
                                           long e) {                                                        \
        vc_pool2d_body(x, w, is_max, y, b, e);                                                              \
    }                                                                                                       \
    ATTRIBUTES static void global_average_pool_##SUFFIX(const float *x, int n, long p, int c, float *y) {     \
        vc_global_average_pool_body(x, n, p, c, y);                                                         \
    }                                                                                                       \
    ATTRIBUTES static void gemm_##SUFFIX(const float *a, long lda, long rows, long depth, const float *b,     \
                                         long cols, const float *bias, const float *res, long ldc,          \
                                         vc_activation act, float *c) {                                     \
        vc_gemm_body(a, lda, rows, depth, b, cols, bias, res, ldc, act, c);                                 \
    }                                                                                                       \
    ATTRIBUTES static void im2col3d_##SUFFIX(const float *x, const vc_volume_window *w, float *col, long b,     \
                                             long e) {                                                      \
        vc_im2col3d_body(x, w, col, b, e);                                                                  \
    }                                                                                                       \
    ATTRIBUTES static void max_pool3d_##SUFFIX(const float *x, const vc_volume_window *w, float *y, long b,     \
                                               long e) {                                                    \
        vc_max_pool3d_body(x, w, y, b, e);                                                                  \
    }                                                                                                       \
    const vc_kernel_table vc_##SUFFIX##_kernels = {                                                         \
        LEVEL, im2col_##SUFFIX, bias_fill_##SUFFIX, activate_##SUFFIX, conv_direct_##SUFFIX,                \
        depthwise_conv_##SUFFIX, pool2d_##SUFFIX,                                                           \
        global_average_pool_##SUFFIX, gemm_##SUFFIX, im2col3d_##SUFFIX, max_pool3d_##SUFFIX,                \
    };

VC_DEFINE_VARIANT(portable, , 0)
#if defined(__x86_64__)
VC_DEFINE_VARIANT(avx2, __attribute__((target("avx2,fma"))), 1)
#endif
