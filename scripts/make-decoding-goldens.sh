#!/usr/bin/env bash
# make-decoding-goldens.sh — regenerates the derived fixtures of Tests/VideoDecodingTests/Fixtures.
#
# What it produces, all from clips already in that folder (see PROVENANCE.md there), with the ffmpeg CLI
# (FFmpeg 5.1) and nothing else:
#   var_fps.mkv / var_fps.nut / var_fps_frag.mp4   stream copies of torchcodec_var_fps_video.mp4 into
#                                                 pipe-friendly containers (Matroska, NUT, fragmented MP4)
#   var_fps_truncated.mp4                         a moov-first copy cut to 40 % of its bytes (truncated file)
#   audio_only.m4a                                0.25 s of a 440 Hz sine (AAC), no video stream
#   garbage.bin                                   4000 bytes of deterministic non-media bytes
#   empty.mp4                                     a zero-byte file
#   golden_bt709_full_n5_crop.png                 frame 5 of torchcodec_bt709_full_range.mp4, RGB24, 64×64 region at (600, 300)
#   golden_10bit_n7.png                           frame 7 of torchcodec_h264_10bits.mp4, RGB24
#   golden_rot90_n1.png                           frame 1 of decord_video_90.mov, autorotated by the CLI
#
# Usage: scripts/make-decoding-goldens.sh   (from the package root; overwrites the files above)
set -euo pipefail
cd "$(dirname "$0")/../Tests/VideoDecodingTests/Fixtures"
ff() { ffmpeg -nostdin -hide_banner -loglevel error -y "$@"; }

ff -i torchcodec_var_fps_video.mp4 -map 0:v -c copy var_fps.mkv
ff -i torchcodec_var_fps_video.mp4 -map 0:v -c copy var_fps.nut
ff -i torchcodec_var_fps_video.mp4 -map 0:v -c copy -movflags frag_keyframe+empty_moov var_fps_frag.mp4
ff -i torchcodec_var_fps_video.mp4 -map 0:v -c copy -movflags +faststart faststart.tmp.mp4
head -c $(( $(stat -c %s faststart.tmp.mp4) * 4 / 10 )) faststart.tmp.mp4 > var_fps_truncated.mp4
rm faststart.tmp.mp4
ff -f lavfi -i "sine=frequency=440:duration=0.25" -c:a aac -b:a 32k audio_only.m4a
printf 'this is not a video file, just text. %.0s' $(seq 1 110) | head -c 4000 > garbage.bin
: > empty.mp4
ff -i torchcodec_bt709_full_range.mp4 -vf "select=eq(n\,5),format=rgb24,crop=64:64:600:300" -frames:v 1 golden_bt709_full_n5_crop.png
ff -i torchcodec_h264_10bits.mp4 -vf "select=eq(n\,7)" -frames:v 1 -pix_fmt rgb24 golden_10bit_n7.png
ff -i decord_video_90.mov -vf "select=eq(n\,1)" -frames:v 1 -pix_fmt rgb24 golden_rot90_n1.png
