#include <limits.h>

#include "CKernels.h"
#include "kernel_dispatch.h"

// The variant table is chosen before main from the CPU's features. Tests may lower it for their own thread only
// (`vc_limit_simd_level`), so that model runs on other threads meanwhile keep the best kernels and their exact
// results.

static const vc_kernel_table *vc_selected;
static _Thread_local const vc_kernel_table *vc_thread_limit;

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
    if (vc_thread_limit) return vc_thread_limit;
    const vc_kernel_table *table = __atomic_load_n(&vc_selected, __ATOMIC_ACQUIRE);
    return table ? table : vc_best_kernels(INT_MAX);
}

int vc_simd_level(void) { return vc_kernels()->simd_level; }

int vc_limit_simd_level(int max_level) {
    const vc_kernel_table *table = vc_best_kernels(max_level);
    vc_thread_limit = max_level == INT_MAX ? NULL : table;
    return table->simd_level;
}
