#!/usr/bin/python3
"""NumPy peer of bench/math-transforms.ts: the same rigid transform and
pinhole projection of 1,000,000 points (flat N×3 float64). Prints JSON.

    /usr/bin/python3 bench/math-transforms.py
"""
import json
import time
import numpy as np

N = 1_000_000
i = np.arange(N, dtype=np.float64)
P = np.stack([np.sin(i) * 10, np.cos(i * 0.5) * 5, 5 + (i % 100) * 0.5], axis=1)  # N×3
c, s = np.cos(0.3), np.sin(0.3)
R = np.array([[c, -s, 0], [s, c, 0], [0, 0, 1]])
t = np.array([1.0, 2.0, 3.0])
fx, fy, cx, cy = 1000.0, 1000.0, 960.0, 540.0


def transform():
    return P @ R.T + t


def project():
    z = P[:, 2]
    return np.stack([fx * P[:, 0] / z + cx, fy * P[:, 1] / z + cy], axis=1)


def bench(fn, runs=20, warmup=3):
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return {'wall': float(np.median(wall)), 'cpu': float(np.median(cpu))}


print(json.dumps({'numpy': np.__version__, 'transform': bench(transform), 'project': bench(project),
                  'check': [float(transform()[12345, 0]), float(project()[12345, 1])]}))
