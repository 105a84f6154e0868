// The table of kernel variants (one per SIMD target) and the accessor that returns the CPU's best one.
#pragma once

#include "CKernels.h"

typedef struct {
    int simd_level;
    void (*im2col)(const float *, const vc_window *, float *, long, long);
    void (*bias_fill)(float *, long, long, long, const float *, const float *);
    void (*activate)(float *, long, vc_activation);
    void (*conv_direct)(const float *, const vc_window *, int, const float *, const float *, vc_activation, float *,
                        long, long);
    void (*depthwise_conv)(const float *, const vc_window *, const float *, const float *, vc_activation, float *,
                           long, long);
    void (*pool2d)(const float *, const vc_window *, int, float *, long, long);
    void (*global_average_pool)(const float *, int, long, int, float *);
    void (*gemm)(const float *, long, long, long, const float *, long, const float *, const float *, long, vc_activation,
                 float *);
    void (*im2col3d)(const float *, const vc_volume_window *, float *, long, long);
    void (*max_pool3d)(const float *, const vc_volume_window *, float *, long, long);
} vc_kernel_table;

extern const vc_kernel_table vc_portable_kernels;
#if defined(__x86_64__)
extern const vc_kernel_table vc_avx2_kernels;
#endif

/// The variant table for this CPU (selected once, at load time).
const vc_kernel_table *vc_kernels(void);
