"""NumPy peer of reconstruction-lift.ts: same inputs, same computation, timed in-process."""
import json, sys, time
import numpy as np

folder, F, H, W = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
fx, fy, cx, cy = map(float, sys.argv[5:9])
runs, warmup = int(sys.argv[9]), int(sys.argv[10])
depth = np.fromfile(f"{folder}/depth.f32", dtype=np.float32).reshape(F, H, W)
poses = np.fromfile(f"{folder}/poses.f64", dtype=np.float64).reshape(F, 4, 4)
masks = np.fromfile(f"{folder}/masks.u8", dtype=np.uint8).reshape(2, F, H, W).astype(bool)
u, v = np.meshgrid(np.arange(W, dtype=np.float64), np.arange(H, dtype=np.float64))
rays = np.stack([(u - cx) / fx, (v - cy) / fy, np.ones_like(u)], axis=-1)  # (H, W, 3), precomputed once

def unproject():
    # (F, H, W, 3) camera points, then world = R p + t, vectorised over frames.
    cam = (depth[..., None].astype(np.float64) * rays[None]).reshape(F, H * W, 3)
    return np.matmul(cam, poses[:, :3, :3].transpose(0, 2, 1)) + poses[:, None, :3, 3]

def lift():
    out = []
    for o in range(2):
        for n in range(F):
            sel = masks[o, n] & (depth[n] > 0)
            d = depth[n][sel].astype(np.float64)
            cam = d[:, None] * rays[sel]
            pts = cam @ poses[n, :3, :3].T + poses[n, :3, 3]
            out.append(pts.mean(axis=0).tolist() if len(pts) else None)
    return out

def both():
    world = unproject()
    return lift()

def timed(fn):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter(); fn(); times.append((time.perf_counter() - t0) * 1000)
    return float(np.median(times))

result = {"unproject": timed(unproject), "lift": timed(lift), "both": timed(both), "centroids": lift(), "version": np.__version__}
print(json.dumps(result))
