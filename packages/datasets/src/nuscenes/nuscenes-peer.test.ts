/**
 * Peer check: tables from the benchmark generator (realistic layout and
 * number formatting, 3 scenes) read by the reader and by Python's `json`
 * module (Debian's /usr/bin/python3); every track sample must equal the
 * annotation Python finds for that instance at that keyframe.
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, PROCESS_TIMEOUT_MS, runProcess } from '@stkit/test-data';
import { createNuScenesReader } from './index';

const PYTHON = DEBIAN_PYTHON;
const PEER = `
import json, sys
d = sys.argv[1]
load = lambda t: json.load(open(f"{d}/{t}.json"))
samples = {s["token"]: s for s in load("sample")}
out = {}
for scene in load("scene"):
    chain, token = [], scene["first_sample_token"]
    while token:
        chain.append(token)
        token = samples[token]["next"]
    frame = {t: k for k, t in enumerate(chain[:40])}
    out[scene["name"]] = {"timestamps": [str(samples[t]["timestamp"]) for t in chain[:40]], "frame": frame}
anns = {}
for a in load("sample_annotation"):
    scene = next(n for n, v in out.items() if a["sample_token"] in v["frame"]) if any(a["sample_token"] in v["frame"] for v in out.values()) else None
    if scene is None:
        continue
    anns.setdefault(a["instance_token"], []).append([out[scene]["frame"][a["sample_token"]], a["translation"], a["size"], a["rotation"]])
for v in anns.values():
    v.sort()
print(json.dumps({"scenes": {n: v["timestamps"] for n, v in out.items()}, "annotations": anns}))
`;

const root = join(tmpdir(), `stkit-nuscenes-peer-${process.pid}`);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.skipIf(!existsSync(PYTHON))('nuScenes reader against Python json (peer)', () => {
  it(
    'gives every annotation of generated v1.0-trainval-style tables exactly',
    async () => {
      await runProcess(process.execPath, [
        '--import',
        'tsx',
        join(import.meta.dirname, '../../bench/generate-nuscenes.ts'),
        root,
        '--scenes',
        '3',
      ]);
      const peer = JSON.parse((await runProcess(PYTHON, ['-c', PEER, join(root, 'v1.0-trainval')])).stdout) as {
        scenes: Record<string, string[]>;
        annotations: Record<string, Array<[number, number[], number[], number[]]>>;
      };
      let compared = 0;
      for await (const event of createNuScenesReader().readClips({ root })) {
        expect(event.kind).toBe('clip');
        if (event.kind !== 'clip') continue;
        const { clip } = event;
        expect(clip.frames.map((f) => f.timestamp)).toEqual(peer.scenes[clip.source.log]);
        for (const track of clip.tracks) {
          const expected = peer.annotations[track.id]!;
          expect(track.samples.map((s) => [s.t / 0.5, s.center, [s.size![1], s.size![0], s.size![2]]])).toEqual(
            expected.map(([k, t, size]) => [k, t, size]),
          );
          compared += track.samples.length;
        }
      }
      expect(compared).toBe(Object.values(peer.annotations).reduce((n, list) => n + list.length, 0));
      expect(compared).toBeGreaterThan(3000);
    },
    2 * PROCESS_TIMEOUT_MS,
  );
});
