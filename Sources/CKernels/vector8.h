// Eight-float vectors for the register-tiled kernels.
//
// Written with clang's ext_vector_type, so one source becomes AVX2+FMA code in the x86-64 variant and two
// SSE/NEON halves in the portable one; `acc += x * w` contracts to a fused multiply-add where the target has one.
#pragma once

#include <string.h>

#include "CKernels.h"

#define VC_INLINE static inline __attribute__((always_inline))

typedef float vc_f8 __attribute__((ext_vector_type(8)));

// Clang notes (-Wpsabi) that passing 8-float vectors by value changes the calling convention without AVX. These
// helpers are always inlined, so no call — and no calling convention — ever exists; the note is silenced for them.
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wpsabi"

VC_INLINE vc_f8 vc_load8(const float *p) {
    vc_f8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

VC_INLINE void vc_store8(float *p, vc_f8 v) { memcpy(p, &v, sizeof v); }

/// Applies the cheap activations as vector clamps; the others are left for `vc_activate` after the store.
VC_INLINE vc_f8 vc_clamp8(vc_f8 v, vc_activation activation) {
    const vc_f8 zero = 0.0f, six = 6.0f;
    if (activation == VC_ACTIVATION_RELU) return __builtin_elementwise_max(v, zero);
    if (activation == VC_ACTIVATION_RELU6) return __builtin_elementwise_min(__builtin_elementwise_max(v, zero), six);
    return v;
}

#pragma clang diagnostic pop
