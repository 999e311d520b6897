"""Plain NumPy/scikit-learn reference of the pseudo-label lifting (run with Debian's /usr/bin/python3).

Reads the same folders as `stkit pseudo` (MonST3R, Metric3D frame_%04d.npy, Grounded-SAM-2 tracking folder),
canonicalises the scale (median metric/MonST3R ratio over confident pixels outside every mask), lifts each
instance's pixels, keeps DBSCAN's largest cluster (eps metres, min_samples 5), takes the centroid, and reports
per object the path length of the raw centroids over its frames (no trajectory discarding, no smoothing).

    /usr/bin/python3 python_reference.py SCENE_DIR [--eps 0.5] [--fps 2]
"""
import argparse
import glob
import json
import os

import numpy as np
from sklearn.cluster import DBSCAN


def quat_to_matrix(w, x, y, z):
    return np.array([
        [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
        [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
        [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
    ])


def nearest_resize(a, h, w):
    rows = np.minimum(a.shape[0] - 1, ((np.arange(h) + 0.5) * a.shape[0] / h).astype(int))
    cols = np.minimum(a.shape[1] - 1, ((np.arange(w) + 0.5) * a.shape[1] / w).astype(int))
    return a[rows][:, cols]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scene")
    parser.add_argument("--eps", type=float, default=0.5)
    parser.add_argument("--fps", type=float, default=2.0)
    args = parser.parse_args()
    mon = os.path.join(args.scene, "monst3r")
    traj = np.loadtxt(os.path.join(mon, "pred_traj.txt"), ndmin=2)
    ks = np.loadtxt(os.path.join(mon, "pred_intrinsics.txt"), ndmin=2)
    n = len(traj)
    jsons = sorted(glob.glob(os.path.join(args.scene, "gsam2", "json_data", "*.json")))
    assert len(jsons) == n
    ratios = []
    frames = []
    for k in range(n):
        depth = np.load(os.path.join(mon, "frame_%04d.npy" % k)).astype(np.float64)
        conf = np.exp(np.load(os.path.join(mon, "conf_%d.npy" % k)))
        h, w = depth.shape
        metric = nearest_resize(np.load(os.path.join(args.scene, "metric3d", "frame_%04d.npy" % k)), h, w)
        meta = json.load(open(jsons[k]))
        ids = nearest_resize(np.load(os.path.join(args.scene, "gsam2", "mask_data", meta["mask_name"])), h, w)
        ok = (depth > 0) & (metric > 0.1) & (metric < 300) & (conf >= np.median(conf)) & (ids == 0)
        ratios.append((metric[ok] / depth[ok])[::4])
        frames.append((depth, ids, meta))
    scale = float(np.median(np.concatenate(ratios)))
    tracks = {}
    for k, (depth, ids, meta) in enumerate(frames):
        h, w = depth.shape
        K = ks[k].reshape(3, 3)
        R = quat_to_matrix(*traj[k, 4:8])
        t = traj[k, 1:4] * scale
        for label in meta["labels"].values():
            iid = label["instance_id"]
            v, u = np.nonzero(ids == iid)
            if len(u) < 5:
                continue
            z = depth[v, u] * scale
            cam = np.stack([(u - K[0, 2]) / K[0, 0] * z, (v - K[1, 2]) / K[1, 1] * z, z], axis=1)
            world = cam @ R.T + t
            labels = DBSCAN(eps=args.eps, min_samples=5).fit(world).labels_
            if (labels >= 0).sum() == 0:
                continue
            best = np.bincount(labels[labels >= 0]).argmax()
            tracks.setdefault(iid, []).append((k / args.fps, world[labels == best].mean(axis=0)))
    out = {}
    for iid, obs in tracks.items():
        centres = np.array([c for _, c in obs])
        length = float(np.linalg.norm(np.diff(centres, axis=0), axis=1).sum()) if len(centres) > 1 else 0.0
        out[str(iid)] = {"t0": obs[0][0], "t1": obs[-1][0], "frames": len(obs), "length": length}
    print(json.dumps({"scale": scale, "objects": out}))


if __name__ == "__main__":
    main()
