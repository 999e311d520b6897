"""Python floor peer of the nuPlan reader benchmark: fetch the rows any
reader needs (lidar_pc, ego_pose, lidar_box, track, category) from every
.db under ROOT with the standard sqlite3 module, and group boxes by sweep.
Run with Debian's /usr/bin/python3.

    /usr/bin/python3 bench/peer_nuplan_fetch.py /tmp/nuplan-bench
"""
import glob
import json
import os
import resource
import sqlite3
import sys
import time

started = time.perf_counter()
boxes = 0
for path in sorted(glob.glob(os.path.join(sys.argv[1], '**', '*.db'), recursive=True)):
    db = sqlite3.connect(f'file:{path}?mode=ro', uri=True)
    sweeps = db.execute('SELECT token, scene_token, ego_pose_token, timestamp FROM lidar_pc ORDER BY timestamp').fetchall()
    poses = {row[0]: row[1:] for row in db.execute('SELECT token, x, y, z, qw, qx, qy, qz FROM ego_pose')}
    category = dict(db.execute('SELECT t.token, c.name FROM track t JOIN category c ON t.category_token = c.token'))
    by_sweep = {}
    for row in db.execute('SELECT lidar_pc_token, track_token, x, y, z, width, length, height, yaw FROM lidar_box'):
        by_sweep.setdefault(row[0], []).append(row)
        boxes += 1
    db.close()
print(json.dumps({'wallSeconds': round(time.perf_counter() - started, 2),
                  'maxRssMiB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), 'boxes': boxes}))
