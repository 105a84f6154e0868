#include <limits.h>

#include "CKernels.h"
#include "kernel_dispatch.h"

// The variant table is chosen before main from the CPU's features; tests may lower it at run time, so the
// pointer is read and written atomically.

static const vc_kernel_table *vc_selected;

/// The best variant this CPU supports at or below `max_level`.
static const vc_kernel_table *vc_best_kernels(int max_level) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (max_level >= 1 && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return &vc_avx2_kernels;
#endif
    (void)max_level;
    return &vc_portable_kernels;
}

__attribute__((constructor)) static void vc_select_kernels(void) {
    __atomic_store_n(&vc_selected, vc_best_kernels(INT_MAX), __ATOMIC_RELEASE);
}

const vc_kernel_table *vc_kernels(void) {
    const vc_kernel_table *table = __atomic_load_n(&vc_selected, __ATOMIC_ACQUIRE);
    return table ? table : vc_best_kernels(INT_MAX);
}

int vc_simd_level(void) { return vc_kernels()->simd_level; }

int vc_limit_simd_level(int max_level) {
    const vc_kernel_table *table = vc_best_kernels(max_level);
    __atomic_store_n(&vc_selected, table, __ATOMIC_RELEASE);
    return table->simd_level;
}
