#!/usr/bin/env python3
"""Writes the small weight-file fixtures of Tests/WeightFilesTests/Fixtures, with numpy only (no torch).

The same five tensors are written in every format PyTorch and safetensors use, by hand-emitting their byte
layouts exactly as torch.save would (stand-in `torch` modules make pickle emit the same GLOBAL names and
persistent ids; no torch code is imported or copied):

  tiny-legacy.pth        torch < 1.6 format: magic, protocol 1001, sys info, state dict pickle (protocol 2),
                         storage key list, then each storage as int64 count + little-endian data
  tiny-zip.pth           torch >= 1.6 format: zip (stored) with tiny-zip/data.pkl, tiny-zip/data/<key>,
                         tiny-zip/version, tiny-zip/byteorder (newer torch names the folder after the file,
                         older torch 'archive'); data aligned to 64 bytes via local extra fields
  tiny-zip64-wrapped.pth the zip format under 'archive/' with zip64 records forced, pickle protocol 4, the state dict
                         wrapped as {'epoch': 3, 'state_dict': ...}, with 'features.weight' saved as a
                         Parameter (_rebuild_parameter)
  tiny-legacy-storage-view.pth  the legacy format with one tensor 'sliced' [3] on a storage *view*
                         (view_metadata ('99', 4, 6) of storage '1'), at offset 1 with stride 2
  tiny-f32.safetensors   F32 (and I64, F16 as stored) tensors plus __metadata__
  tiny-f16.safetensors   every float tensor stored as F16
  tiny-expected.json     names, shapes and the float values every reader must produce
  tiny-expected-f16.json the same after rounding float tensors to fp16
  tiny.npy               the 'classifier.weight' tensor as a NumPy array ('<f4', v1.0)

The tensors: 'features.weight' [4, 3] float32 contiguous; 'classifier.weight' [5, 3] float32, a transposed view
(stride [1, 5]) at storage offset 2 of a 17-element storage that 'features.bias' [2] also views at offset 0;
'embed.half' [2, 3] float16 with a subnormal, a negative zero and 65504; 'bn.num_batches_tracked' [] int64.

Usage: python3 scripts/make-weight-fixtures.py Tests/WeightFilesTests/Fixtures
"""
import collections, json, os, pickle, struct, sys, types, zlib
import numpy as np

# ---------------------------------------------------------------- the tensors

SHARED = np.arange(17, dtype=np.float32) * np.float32(0.25) - np.float32(1.5)   # one storage, two views
FEATURES = (np.arange(12, dtype=np.float32).reshape(4, 3) / np.float32(7.0)).astype(np.float32)
HALF = np.array([[1.0, -2.5, 6.1e-5], [-0.0, 65504.0, 3.0e-7]], dtype=np.float16)

class View:
    """A tensor as torch sees it: a storage key, an offset, a size and a stride (in elements)."""
    def __init__(self, key, offset, size, stride):
        self.key, self.offset, self.size, self.stride = key, offset, size, stride

STORAGES = collections.OrderedDict([          # key -> (torch storage class name, numpy array)
    ('0', ('FloatStorage', FEATURES.reshape(-1))),
    ('1', ('FloatStorage', SHARED)),
    ('2', ('HalfStorage', HALF.reshape(-1))),
    ('3', ('LongStorage', np.array([42], dtype=np.int64))),
])
TENSORS = collections.OrderedDict([
    ('features.weight', View('0', 0, (4, 3), (3, 1))),
    ('features.bias', View('1', 0, (2,), (1,))),
    ('classifier.weight', View('1', 2, (5, 3), (1, 5))),
    ('embed.half', View('2', 0, (2, 3), (3, 1))),
    ('bn.num_batches_tracked', View('3', 0, (), ())),
])

def materialise(view):
    data = STORAGES[view.key][1]
    if not view.size:
        return data[view.offset:view.offset + 1].reshape(())
    item = data.itemsize
    return np.lib.stride_tricks.as_strided(data[view.offset:], view.size, [s * item for s in view.stride]).copy()

# ---------------------------------------------------------------- pickling like torch.save

torch = types.ModuleType('torch'); torch_utils = types.ModuleType('torch._utils')
torch._utils = torch_utils
sys.modules['torch'] = torch; sys.modules['torch._utils'] = torch_utils
for name in ('FloatStorage', 'HalfStorage', 'LongStorage'):
    cls = type(name, (), {}); cls.__module__ = 'torch'; setattr(torch, name, cls)

def _rebuild_tensor_v2(*args):
    raise RuntimeError('only pickled, never called')
_rebuild_tensor_v2.__module__ = 'torch._utils'
torch_utils._rebuild_tensor_v2 = _rebuild_tensor_v2

def _rebuild_parameter(*args):
    raise RuntimeError('only pickled, never called')
_rebuild_parameter.__module__ = 'torch._utils'
torch_utils._rebuild_parameter = _rebuild_parameter

class StorageRef:
    def __init__(self, key): self.key = key

class TensorRef:
    """Reduces exactly like torch.Tensor: _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())."""
    def __init__(self, view): self.view = view
    def __reduce_ex__(self, protocol):
        v = self.view
        return (_rebuild_tensor_v2, (StorageRef(v.key), v.offset, v.size, v.stride, False, collections.OrderedDict()))

class ParameterRef(TensorRef):
    """Reduces like torch.nn.Parameter: _rebuild_parameter(tensor, requires_grad, backward_hooks)."""
    def __reduce_ex__(self, protocol):
        return (_rebuild_parameter, (TensorRef(self.view), True, collections.OrderedDict()))

class StorageViewRef(StorageRef):
    """A legacy storage view: elements [offset, offset + size) of root storage `key`, named `view_key`."""
    def __init__(self, key, view_key, offset, size):
        super().__init__(key); self.view = (view_key, offset, size)

class ViewedTensorRef(TensorRef):
    """A tensor on a legacy storage view (torch < 1.6 pickled views of views this way)."""
    def __init__(self, storage, offset, size, stride):
        self.storage, self.args = storage, (offset, size, stride)
    def __reduce_ex__(self, protocol):
        return (_rebuild_tensor_v2, (self.storage,) + self.args + (False, collections.OrderedDict()))

def state_dict_pickle(legacy, protocol=2, wrap=False, tensors=None):
    class Pickler(pickle.Pickler):
        def persistent_id(self, obj):
            if not isinstance(obj, StorageRef):
                return None
            kind, data = STORAGES[obj.key]
            pid = ('storage', getattr(torch, kind), obj.key, 'cpu', len(data))
            return pid + (getattr(obj, 'view', None),) if legacy else pid
    # The wrapped variant saves features.weight as a Parameter; every state dict carries the `_metadata`
    # attribute nn.Module.state_dict() sets, which pickle emits as a BUILD of the OrderedDict.
    make = lambda name: ParameterRef if wrap and name == 'features.weight' else TensorRef
    state = collections.OrderedDict((name, make(name)(view)) for name, view in TENSORS.items())
    if tensors is not None:
        state = tensors
    state._metadata = collections.OrderedDict([('', {'version': 1}), ('features', {'version': 1})])
    root = {'epoch': 3, 'state_dict': state} if wrap else state
    import io
    buffer = io.BytesIO()
    Pickler(buffer, protocol=protocol).dump(root)
    return buffer.getvalue()

def legacy_pth(tensors=None, keys=None):
    out = bytearray()
    for obj in (0x1950a86a20f9469cfc6c, 1001,
                {'protocol_version': 1001, 'little_endian': True, 'type_sizes': {'short': 2, 'int': 4, 'long': 4}}):
        out += pickle.dumps(obj, protocol=2)
    out += state_dict_pickle(legacy=True, tensors=tensors)
    keys = keys or list(STORAGES.keys())
    out += pickle.dumps(keys, protocol=2)
    for key in keys:
        data = STORAGES[key][1]
        out += struct.pack('<q', len(data)) + data.astype(data.dtype.newbyteorder('<')).tobytes()
    return bytes(out)

# ---------------------------------------------------------------- a stored zip, written by hand

def zip_archive(files, zip64=False, align=64):
    """files: list of (name, bytes). Stored entries; each local header's extra field pads data to `align`."""
    out, central = bytearray(), bytearray()
    for name, data in files:
        name_bytes = name.encode()
        offset, crc = len(out), zlib.crc32(data)
        pad = (-(offset + 30 + len(name_bytes) + 4)) % align
        extra = struct.pack('<HH', 0x4246, pad) + b'Z' * pad            # 'FB' padding field, as torch uses
        out += struct.pack('<IHHHHHIIIHH', 0x04034b50, 20, 0, 0, 0, 0x21, crc, len(data), len(data),
                           len(name_bytes), len(extra)) + name_bytes + extra + data
        if zip64:
            cextra = struct.pack('<HHQQQ', 1, 24, len(data), len(data), offset)
            sizes = (0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFF)
        else:
            cextra, sizes = b'', (len(data), len(data), offset)
        central += struct.pack('<IHHHHHHIIIHHHHHII', 0x02014b50, 45, 20, 0, 0, 0, 0x21, crc, sizes[0], sizes[1],
                               len(name_bytes), len(cextra), 0, 0, 0, 0, sizes[2]) + name_bytes + cextra
    cd_offset = len(out)
    out += central
    if zip64:
        z64 = len(out)
        out += struct.pack('<IQHHIIQQQQ', 0x06064b50, 44, 45, 45, 0, 0, len(files), len(files), len(central), cd_offset)
        out += struct.pack('<IIQI', 0x07064b50, 0, z64, 1)
        out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack('<IHHHHIIH', 0x06054b50, 0, 0, len(files), len(files), len(central), cd_offset, 0)
    return bytes(out)

def zip_pth(prefix, zip64=False, protocol=2, wrap=False):
    files = [(f'{prefix}/data.pkl', state_dict_pickle(legacy=False, protocol=protocol, wrap=wrap)),
             (f'{prefix}/byteorder', b'little')]
    files += [(f'{prefix}/data/{key}', data.tobytes()) for key, (_, data) in STORAGES.items()]
    files += [(f'{prefix}/version', b'3\n')]
    return zip_archive(files, zip64=zip64)

# ---------------------------------------------------------------- safetensors

def safetensors(tensors, metadata):
    """tensors: list of (name, numpy array); dtype taken from the array."""
    names = {np.dtype('float32'): 'F32', np.dtype('float16'): 'F16', np.dtype('int64'): 'I64'}
    header, blobs, offset = {}, [], 0
    for name, array in tensors:
        blob = np.ascontiguousarray(array).astype(array.dtype.newbyteorder('<')).tobytes()
        header[name] = {'dtype': names[array.dtype], 'shape': list(array.shape), 'data_offsets': [offset, offset + len(blob)]}
        blobs.append(blob); offset += len(blob)
    header['__metadata__'] = metadata
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * ((-len(text)) % 8)
    return struct.pack('<Q', len(text)) + text + b''.join(blobs)

def expected(arrays):
    return {name: {'shape': list(a.shape), 'values': [float(x) for x in np.asarray(a, np.float64).reshape(-1)]}
            for name, a in arrays.items()}

def main(folder):
    arrays = collections.OrderedDict((name, materialise(view)) for name, view in TENSORS.items())
    as_f16 = collections.OrderedDict(
        (name, a.astype(np.float16) if a.dtype.kind == 'f' else a) for name, a in arrays.items())
    metadata = {'format': 'pt', 'source': 'scripts/make-weight-fixtures.py'}
    outputs = {
        'tiny-legacy.pth': legacy_pth(),
        'tiny-zip.pth': zip_pth('tiny-zip'),
        'tiny-zip64-wrapped.pth': zip_pth('archive', zip64=True, protocol=4, wrap=True),
        # 'sliced' = elements 4 + 1 + 2k (k = 0, 1, 2) of storage '1': view offset 4, tensor offset 1, stride 2.
        'tiny-legacy-storage-view.pth': legacy_pth(
            tensors=collections.OrderedDict([('sliced', ViewedTensorRef(StorageViewRef('1', '99', 4, 6), 1, (3,), (2,)))]),
            keys=['1']),
        'tiny-f32.safetensors': safetensors(list(arrays.items()), metadata),
        'tiny-f16.safetensors': safetensors(list(as_f16.items()), metadata),
        'tiny-expected.json': json.dumps(expected(arrays), indent=1).encode(),
        'tiny-expected-f16.json': json.dumps(expected(as_f16), indent=1).encode(),
    }
    for name, data in outputs.items():
        with open(os.path.join(folder, name), 'wb') as f:
            f.write(data)
    np.save(os.path.join(folder, 'tiny.npy'), arrays['classifier.weight'])

if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'Tests/WeightFilesTests/Fixtures')
