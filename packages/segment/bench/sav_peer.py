"""NumPy peer of `stkit segment convert --from sa-v`: decodes the SA-V COCO RLE
masklets with NumPy (the compressed-string decoder of pycocotools, written out
in Python), paints them into uint16 id maps (masklet id + 1, later masklets
win), and np.save's one id map per annotated frame as mask_%05d.npy (video
frame index = 4 x annotated index). With --boxes it also prints each
instance's box [x1, y1, x2, y2] (inclusive) as JSON lines.

usage: /usr/bin/python3 sav_peer.py SAV_JSON OUT_DIR [--boxes]
"""
import json
import os
import sys

import numpy as np


def runs_from_string(s):
    runs = []
    p = 0
    while p < len(s):
        x = 0
        k = 0
        more = True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(runs) > 2:
            x += runs[-2]
        runs.append(x)
    return runs


def decode(rle):
    h, w = rle["size"]
    counts = rle["counts"]
    runs = np.asarray(runs_from_string(counts) if isinstance(counts, str) else counts, dtype=np.int64)
    values = np.zeros(len(runs), dtype=bool)
    values[1::2] = True
    flat = np.repeat(values, runs)
    assert flat.size == h * w, "runs do not sum to h*w"
    return flat.reshape(w, h).T  # column-major runs


def main():
    src, out = sys.argv[1], sys.argv[2]
    boxes = "--boxes" in sys.argv
    data = json.load(open(src))
    h, w = int(data["video_height"]), int(data["video_width"])
    ids = [i + 1 for i in data["masklet_id"]]
    os.makedirs(out, exist_ok=True)
    for k, frame in enumerate(data["masklet"]):
        id_map = np.zeros((h, w), dtype=np.uint16)
        for o, rle in enumerate(frame):
            mask = decode(rle)
            id_map[mask] = ids[o]
            if boxes:
                rows = np.flatnonzero(mask.any(axis=1))
                cols = np.flatnonzero(mask.any(axis=0))
                if rows.size:
                    print(json.dumps({"frame": 4 * k, "id": ids[o], "box": [int(cols[0]), int(rows[0]), int(cols[-1]), int(rows[-1])], "area": int(mask.sum())}))
        np.save(os.path.join(out, "mask_%05d.npy" % (4 * k)), id_map)


if __name__ == "__main__":
    main()
