"""Python peer of the nuScenes reader benchmark: what nuscenes-devkit does
before any work -- json.load of every table of <root>/<version>/ (as
NuScenes.__load_table__ does) and indexing sample annotations by instance.
Run with Debian's /usr/bin/python3 (standard library only).

    /usr/bin/python3 bench/peer_nuscenes_load.py /tmp/nuscenes-bench v1.0-trainval
"""
import json
import os
import resource
import sys
import time

root, version = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else 'v1.0-trainval')
TABLES = ['category', 'attribute', 'visibility', 'instance', 'sensor', 'calibrated_sensor', 'ego_pose', 'log',
          'scene', 'sample', 'sample_data', 'sample_annotation', 'map']
started = time.perf_counter()
tables = {}
for name in TABLES:
    with open(os.path.join(root, version, name + '.json')) as f:
        tables[name] = json.load(f)
by_instance = {}
for ann in tables['sample_annotation']:
    by_instance.setdefault(ann['instance_token'], []).append(ann)
wall = time.perf_counter() - started
print(json.dumps({'wallSeconds': round(wall, 2),
                  'maxRssMiB': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                  'annotations': len(tables['sample_annotation']), 'instances': len(by_instance)}))
