#include "CKernels.h"
#include "kernel_dispatch.h"

// The variant table is chosen once, before main, from the CPU's features.

static const vc_kernel_table *vc_selected;

__attribute__((constructor)) static void vc_select_kernels(void) {
    vc_selected = &vc_portable_kernels;
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) vc_selected = &vc_avx2_kernels;
#endif
}

const vc_kernel_table *vc_kernels(void) {
    if (!vc_selected) vc_select_kernels();
    return vc_selected;
}

int vc_simd_level(void) { return vc_kernels()->simd_level; }
