// Flush-to-zero / denormals-are-zero for the duration of one kernel call.
//
// Denormal floats cost ~100 cycles per operation on x86; CNN activations that decay towards zero produce
// them, so every kernel flushes them and then restores the caller's mode (MXCSR on x86-64, FPCR on arm64).
#pragma once

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
typedef unsigned int vc_fp_mode;
static inline vc_fp_mode vc_enter_flush_denormals(void) {
    vc_fp_mode saved = _mm_getcsr();
    _mm_setcsr(saved | 0x8040u);  // bit 15 FTZ, bit 6 DAZ
    return saved;
}
static inline void vc_leave_flush_denormals(vc_fp_mode saved) { _mm_setcsr(saved); }
#elif defined(__aarch64__)
typedef unsigned long vc_fp_mode;
static inline vc_fp_mode vc_enter_flush_denormals(void) {
    vc_fp_mode saved;
    __asm__ volatile("mrs %0, fpcr" : "=r"(saved));
    __asm__ volatile("msr fpcr, %0" : : "r"(saved | (1ul << 24)));  // FZ
    return saved;
}
static inline void vc_leave_flush_denormals(vc_fp_mode saved) { __asm__ volatile("msr fpcr, %0" : : "r"(saved)); }
#else
typedef int vc_fp_mode;
static inline vc_fp_mode vc_enter_flush_denormals(void) { return 0; }
static inline void vc_leave_flush_denormals(vc_fp_mode saved) { (void)saved; }
#endif
