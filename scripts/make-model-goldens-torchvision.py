#!/usr/bin/env python3
"""Writes small ResNet and MobileNetV2 golden files for Tests/ModelCoreTests/Fixtures.

An independent numpy (NCHW) forward pass of torchvision's ResNet-18 (BasicBlock), ResNet-50
(Bottleneck, stride on the 3x3 conv) and MobileNetV2, written from torchvision's model definitions:
symmetric padding k // 2, BatchNorm eps 1e-5 in eval mode, ReLU / ReLU6, the feature being the input of
`fc` / `classifier` (global mean). No torch is used.

Networks are shrunk so the fixtures stay small: ResNet-18 with 8 base channels, ResNet-50 with 4,
MobileNetV2 with width 0.25. Weights are seeded random: conv N(0, 2 / fan_in), BatchNorm gamma
U(0.5, 1.5) (U(0.1, 0.4) for the last BatchNorm of a residual branch), beta N(0, 0.1), running mean N(0, 0.1), running var U(0.5, 1.5); stored in float32
safetensors under torchvision's parameter names.

Input: a batch of 2 images [2, 36, 36, 3] NHWC, N(0, 1), seed 7 (an odd size exercises padding).
Outputs per network: <net>_tiny.safetensors, <net>_tiny_features.npy [2, d]; plus tiny_input.npy.

Usage: python3 scripts/make-model-goldens-torchvision.py [OUT_DIR]
"""
import json
import os
import struct
import sys

import numpy as np

rng = np.random.default_rng(2024)
EPS = 1e-5
# The last BatchNorm of each residual branch gets a small scale so activations stay O(1) over depth.
RESIDUAL_GAMMA = (0.1, 0.4)


def conv(x, w, stride, groups=1):
    """NCHW convolution with symmetric zero padding k // 2, by summing shifted strided slices."""
    cout, cin_g, k, _ = w.shape
    p = k // 2
    x = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    n, c, h, wd = x.shape
    ho, wo = (h - k) // stride + 1, (wd - k) // stride + 1
    out = np.zeros((n, cout, ho, wo), np.float64)
    per_group = cout // groups
    for g in range(groups):
        xs = x[:, g * cin_g:(g + 1) * cin_g]
        ws = w[g * per_group:(g + 1) * per_group]
        for i in range(k):
            for j in range(k):
                patch = xs[:, :, i:i + stride * ho:stride, j:j + stride * wo:stride]
                out[:, g * per_group:(g + 1) * per_group] += np.einsum('nchw,oc->nohw', patch, ws[:, :, i, j])
    return out


def batch_norm(x, params, name):
    g, b, m, v = (params[f'{name}.{f}'][None, :, None, None]
                  for f in ('weight', 'bias', 'running_mean', 'running_var'))
    return (x - m) / np.sqrt(v + EPS) * g + b


def relu(x): return np.maximum(x, 0)


def relu6(x): return np.clip(x, 0, 6)


class Params(dict):
    """Creates random conv / BatchNorm parameters on first use, under torchvision's names."""

    def conv(self, name, cout, cin, k):
        self[f'{name}.weight'] = rng.normal(0, np.sqrt(2 / (cin * k * k)), (cout, cin, k, k)).astype(np.float32)
        return self[f'{name}.weight'].astype(np.float64)

    def bn(self, name, c, gamma=(0.5, 1.5)):
        self[f'{name}.weight'] = rng.uniform(*gamma, c).astype(np.float32)
        self[f'{name}.bias'] = rng.normal(0, 0.1, c).astype(np.float32)
        self[f'{name}.running_mean'] = rng.normal(0, 0.1, c).astype(np.float32)
        self[f'{name}.running_var'] = rng.uniform(0.5, 1.5, c).astype(np.float32)
        return {k: v.astype(np.float64) for k, v in self.items() if k.startswith(name + '.')}


def conv_bn(p, x, conv_name, bn_name, cout, k, stride=1, groups=1, gamma=(0.5, 1.5)):
    w = p.conv(conv_name, cout, x.shape[1] // groups, k)
    return batch_norm(conv(x, w, stride, groups), p.bn(bn_name, cout, gamma), bn_name)


def resnet(x, blocks, bottleneck, width):
    p = Params()
    x = relu(conv_bn(p, x, 'conv1', 'bn1', width, 7, 2))
    x = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    h, w = (x.shape[2] - 3) // 2 + 1, (x.shape[3] - 3) // 2 + 1
    x = np.max([x[:, :, i:i + 2 * h:2, j:j + 2 * w:2] for i in range(3) for j in range(3)], axis=0)
    expansion = 4 if bottleneck else 1
    for stage, count in enumerate(blocks):
        planes = width << stage
        for b in range(count):
            pre, stride = f'layer{stage + 1}.{b}.', 2 if b == 0 and stage > 0 else 1
            shortcut = x
            if stride != 1 or x.shape[1] != planes * expansion:
                shortcut = conv_bn(p, x, pre + 'downsample.0', pre + 'downsample.1', planes * expansion, 1, stride)
            if bottleneck:
                y = relu(conv_bn(p, x, pre + 'conv1', pre + 'bn1', planes, 1))
                y = relu(conv_bn(p, y, pre + 'conv2', pre + 'bn2', planes, 3, stride))
                y = conv_bn(p, y, pre + 'conv3', pre + 'bn3', planes * 4, 1, gamma=RESIDUAL_GAMMA)
            else:
                y = relu(conv_bn(p, x, pre + 'conv1', pre + 'bn1', planes, 3, stride))
                y = conv_bn(p, y, pre + 'conv2', pre + 'bn2', planes, 3, gamma=RESIDUAL_GAMMA)
            x = relu(y + shortcut)
    return p, x.mean(axis=(2, 3))


def make_divisible(v, divisor=8):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    return new_v + divisor if new_v < 0.9 * v else new_v


def mobilenet_v2(x, width):
    p = Params()
    settings = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                (6, 320, 1, 1)]
    x = relu6(conv_bn(p, x, 'features.0.0', 'features.0.1', make_divisible(32 * width), 3, 2))
    index = 1
    for t, c, n, s in settings:
        out = make_divisible(c * width)
        for r in range(n):
            pre, cin = f'features.{index}.conv.', x.shape[1]
            hidden, y, layer = int(round(cin * t)), x, 0
            if t != 1:
                y = relu6(conv_bn(p, y, pre + '0.0', pre + '0.1', hidden, 1))
                layer = 1
            y = relu6(conv_bn(p, y, f'{pre}{layer}.0', f'{pre}{layer}.1', hidden, 3, s if r == 0 else 1, hidden))
            y = conv_bn(p, y, f'{pre}{layer + 1}', f'{pre}{layer + 2}', out, 1, gamma=RESIDUAL_GAMMA)
            x = x + y if (s if r == 0 else 1) == 1 and cin == out else y
            index += 1
    x = relu6(conv_bn(p, x, f'features.{index}.0', f'features.{index}.1', make_divisible(1280 * max(1.0, width)), 1))
    return p, x.mean(axis=(2, 3))


def write_safetensors(path, tensors, metadata):
    header, offset, blobs = {'__metadata__': metadata}, 0, []
    for name in sorted(tensors):
        data = np.ascontiguousarray(tensors[name], dtype='<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensors[name].shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'Tests',
                                                              'ModelCoreTests', 'Fixtures')
    x = np.random.default_rng(7).normal(0, 1, (2, 36, 36, 3)).astype(np.float32)
    np.save(os.path.join(out, 'tiny_input.npy'), x)
    nchw = x.transpose(0, 3, 1, 2).astype(np.float64)
    nets = {
        'resnet18': lambda: resnet(nchw, [2, 2, 2, 2], False, 8),
        'resnet50': lambda: resnet(nchw, [3, 4, 6, 3], True, 4),
        'mobilenet_v2': lambda: mobilenet_v2(nchw, 0.25),
    }
    for name, run in nets.items():
        params, feature = run()
        write_safetensors(os.path.join(out, f'{name}_tiny.safetensors'), params,
                          {'source': 'scripts/make-model-goldens-torchvision.py'})
        np.save(os.path.join(out, f'{name}_tiny_features.npy'), feature.astype(np.float32))
        print(name, feature.shape, float(np.abs(feature).max()), float((feature == 6).mean()), sum(v.size for v in params.values()))


if __name__ == '__main__':
    main()
