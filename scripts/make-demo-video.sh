#!/usr/bin/env bash
# Writes the demo cameras' looping HLS streams (public/video/demo): three test patterns, 8 s each in
# four 2 s H.264 segments (320×180, 10 frames/s, a key frame per segment), and a still of each.
# The server plays them as live streams (server/video/demoStream.ts). Needs ffmpeg; the files are
# committed, so `npm start` does not.
set -euo pipefail
cd "$(dirname "$0")/.."
out=public/video/demo
mkdir -p "$out"
declare -A src=(
  [a]="testsrc2=size=320x180:rate=10"
  [b]="testsrc=size=320x180:rate=10"
  [c]="testsrc2=size=320x180:rate=10,hue=h=120"
)
for v in a b c; do
  rm -f "$out/$v"-*.ts "$out/$v.jpg"
  ffmpeg -loglevel error -y -f lavfi -i "${src[$v]}" -t 8 -an \
    -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -preset veryfast -crf 30 \
    -g 20 -keyint_min 20 -sc_threshold 0 \
    -f hls -hls_time 2 -hls_list_size 0 -hls_segment_filename "$out/$v-%d.ts" "$out/$v.vod.m3u8"
  rm -f "$out/$v.vod.m3u8"
  ffmpeg -loglevel error -y -f lavfi -i "${src[$v]}" -frames:v 1 -q:v 5 "$out/$v.jpg"
done
ls -la "$out"
