#!/usr/bin/python3
"""NumPy peer of bench/onnx-preprocess.ts: the same per-frame preprocessing
(half-pixel bilinear resize, crop/pad, per-channel normalisation, HWC → CHW
float32) on the same deterministic 1920×1080 frame. Prints JSON.

    /usr/bin/python3 bench/onnx-preprocess.py
"""
import json
import sys
import time
import numpy as np

W, H = 1920, 1080
y, x, c = np.meshgrid(np.arange(H), np.arange(W), np.arange(3), indexing='ij')
IMAGE = ((x * 7 + y * 13 + c * 29) % 256).astype(np.uint8)  # H×W×3


def taps(src, dst, size, offset):
    """Two-tap bilinear weights, half-pixel centres, edges clamped (cv2 INTER_LINEAR)."""
    centre = (np.arange(size) + offset + 0.5) * (src / dst) - 0.5
    x0 = np.floor(centre)
    frac = (centre - x0).astype(np.float32)
    x0 = x0.astype(np.int64)
    return np.clip(x0, 0, src - 1), np.clip(x0 + 1, 0, src - 1), frac


def triangle_matrix(src, dst, size, offset):
    """Dense antialiased triangle-filter matrix (size × src), PIL BILINEAR reduction."""
    scale = src / dst
    support = max(scale, 1.0)
    centre = (np.arange(size) + offset + 0.5) * scale
    pos = np.arange(src) + 0.5
    w = np.maximum(0.0, 1.0 - np.abs((pos[None, :] - centre[:, None]) / support))
    return (w / w.sum(axis=1, keepdims=True)).astype(np.float32)


def metric3d(img):
    # 1920×1080 → scale 1064/1920 → 1064×598, centred in a 616×1064 canvas (9 rows above), raw 0–255, pad = mean colour
    rw, rh, top = 1064, 598, 9
    y0, y1, fy = taps(H, rh, rh, 0)
    x0, x1, fx = taps(W, rw, rw, 0)
    f = img.astype(np.float32)
    rows = f[y0] * (1 - fy)[:, None, None] + f[y1] * fy[:, None, None]
    out = rows[:, x0] * (1 - fx)[None, :, None] + rows[:, x1] * fx[None, :, None]
    canvas = np.empty((3, 616, 1064), np.float32)
    canvas[:] = np.array([123.675, 116.28, 103.53], np.float32)[:, None, None]
    canvas[:, top:top + rh, :] = out.transpose(2, 0, 1)
    return canvas


def dust3r(img):
    # 1920×1080 → 512×288 antialiased, (v − 127.5)/127.5, CHW
    wy = triangle_matrix(H, 288, 288, 0)
    wx = triangle_matrix(W, 512, 512, 0)
    f = img.astype(np.float32)
    rows = np.tensordot(wy, f, axes=(1, 0))            # 288 × 1920 × 3
    out = np.tensordot(rows, wx, axes=(1, 1))          # 288 × 3 × 512
    return ((out - 127.5) / 127.5).transpose(1, 0, 2)  # 3 × 288 × 512


def bench(fn, runs=20, warmup=3):
    """Median wall and CPU (process_time: user + system, all threads) ms per call."""
    for _ in range(warmup):
        fn(IMAGE)
    wall, cpu = [], []
    for _ in range(runs):
        c = time.process_time()
        t = time.perf_counter()
        fn(IMAGE)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return {'wall': float(np.median(wall)), 'cpu': float(np.median(cpu))}


if __name__ == '__main__':
    result = {'numpy': np.__version__, 'metric3d': bench(metric3d), 'dust3r': bench(dust3r)}
    if len(sys.argv) > 1:  # dump outputs for the cross-check
        np.save(sys.argv[1] + '-metric3d.npy', metric3d(IMAGE))
        np.save(sys.argv[1] + '-dust3r.npy', dust3r(IMAGE))
    print(json.dumps(result))
