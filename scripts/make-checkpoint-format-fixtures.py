#!/usr/bin/env python3
"""Writes the same small ResNet-18 and MobileNetV2 weights as PyTorch checkpoints in both formats, for
Tests/ModelCoreTests/CheckpointFormatTests.swift: loading a backbone from the legacy .pth, the zip .pth and the
safetensors file of the same weights must give identical features.

Input: Tests/ModelCoreTests/Fixtures/{resnet18,mobilenet_v2}_tiny.safetensors (scripts/make-model-goldens-torchvision.py).
Output, beside them: NAME_tiny-legacy.pth (torch < 1.6 serialisation) and NAME_tiny-zip.pth (torch >= 1.6 zip),
emitted byte for byte as torch.save would by the hand-written writers of scripts/make-weight-fixtures.py (numpy only).

  python3 scripts/make-checkpoint-format-fixtures.py
"""
import collections, importlib.util, json, os, struct
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, 'Tests', 'ModelCoreTests', 'Fixtures')
spec = importlib.util.spec_from_file_location('writers', os.path.join(ROOT, 'scripts', 'make-weight-fixtures.py'))
writers = importlib.util.module_from_spec(spec)
spec.loader.exec_module(writers)

KINDS = {'F32': ('FloatStorage', np.float32), 'F16': ('HalfStorage', np.float16), 'I64': ('LongStorage', np.int64)}


def read_safetensors(path):
    blob = open(path, 'rb').read()
    n = struct.unpack('<Q', blob[:8])[0]
    header = json.loads(blob[8:8 + n])
    header.pop('__metadata__', None)
    data = blob[8 + n:]
    for name, entry in header.items():
        kind, dtype = KINDS[entry['dtype']]
        begin, end = entry['data_offsets']
        yield name, kind, np.frombuffer(data[begin:end], dtype).reshape(entry['shape'])


def main():
    for name in ('resnet18', 'mobilenet_v2'):
        storages, tensors = collections.OrderedDict(), collections.OrderedDict()
        for key, (tensor, kind, array) in enumerate(read_safetensors(os.path.join(FIXTURES, f'{name}_tiny.safetensors'))):
            storages[str(key)] = (kind, array.reshape(-1).copy())
            strides = tuple(int(np.prod(array.shape[i + 1:])) for i in range(array.ndim))
            tensors[tensor] = writers.View(str(key), 0, tuple(array.shape), strides)
        writers.STORAGES.clear(); writers.STORAGES.update(storages)
        writers.TENSORS.clear(); writers.TENSORS.update(tensors)
        with open(os.path.join(FIXTURES, f'{name}_tiny-legacy.pth'), 'wb') as f:
            f.write(writers.legacy_pth())
        with open(os.path.join(FIXTURES, f'{name}_tiny-zip.pth'), 'wb') as f:
            f.write(writers.zip_pth('archive'))
        print(name, len(tensors), 'tensors')


if __name__ == '__main__':
    main()
