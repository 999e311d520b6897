/**
 * Test helper: the Python protobuf peer (bench/waymo_peer.py) with classes
 * that `protoc` generates from the shipped .proto files into a temporary
 * folder laid out as their imports expect (`waymo_open_dataset/...`).
 * Needs Debian's /usr/bin/python3 with python3-protobuf and python3-numpy,
 * and protoc (protobuf-compiler).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requirePeers, runProcess } from '@stkit/test-data';

export const PYTHON = '/usr/bin/python3';
export const PEER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bench', 'waymo_peer.py');

const LAYOUT: Record<string, string> = {
  'scenario.proto': 'waymo_open_dataset/protos/scenario.proto',
  'map.proto': 'waymo_open_dataset/protos/map.proto',
  'vector.proto': 'waymo_open_dataset/protos/vector.proto',
  'camera_tokens.proto': 'waymo_open_dataset/protos/camera_tokens.proto',
  'compressed_lidar.proto': 'waymo_open_dataset/protos/compressed_lidar.proto',
  'keypoint.proto': 'waymo_open_dataset/protos/keypoint.proto',
  'dataset.proto': 'waymo_open_dataset/dataset.proto',
  'label.proto': 'waymo_open_dataset/label.proto',
};

/** Whether python3 with protobuf and numpy, and protoc, are installed. */
export async function hasPythonPeer(): Promise<boolean> {
  let ready = existsSync(PYTHON) && existsSync('/usr/bin/protoc');
  if (ready) {
    try {
      await runProcess(PYTHON, ['-c', 'import google.protobuf, numpy']);
    } catch {
      ready = false;
    }
  }
  // CI installs the peer (python3-protobuf, protobuf-compiler): there its absence fails instead of skipping.
  if (!ready && requirePeers)
    throw new Error(
      'STKIT_REQUIRE_PEERS=1: /usr/bin/python3 with google.protobuf and numpy, and /usr/bin/protoc, are required',
    );
  return ready;
}

/** Generates the Python classes; returns the folder to put on `sys.path`. */
export async function generatePythonClasses(protoDir: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'stkit-waymo-proto-'));
  const src = join(root, 'src');
  const out = join(root, 'py');
  for (const [name, target] of Object.entries(LAYOUT)) {
    await mkdir(dirname(join(src, target)), { recursive: true });
    await copyFile(join(protoDir, name), join(src, target));
  }
  await mkdir(out, { recursive: true });
  await runProcess('/usr/bin/protoc', [`--proto_path=${src}`, `--python_out=${out}`, ...Object.values(LAYOUT)]);
  for (const dir of ['waymo_open_dataset', 'waymo_open_dataset/protos'])
    await writeFile(join(out, dir, '__init__.py'), '');
  return out;
}

/** Runs the peer and parses its JSON output. */
export async function runPeer<T>(pythonPath: string, mode: string, file: string, ...rest: string[]): Promise<T> {
  const { stdout } = await runProcess(PYTHON, [PEER_SCRIPT, pythonPath, mode, file, ...rest], {
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as T;
}
