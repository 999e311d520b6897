#!/usr/bin/python3
"""Writes the .npy and MonST3R-folder fixtures of the @stkit/geometry tests
with NumPy itself (Debian python3-numpy), so the TypeScript reader is checked
against the reference writer, not against its own output.

    /usr/bin/python3 packages/geometry/scripts/make-npy-fixtures.py

Every array is a closed-form function of its indices (stated in the tests):
    a23 = arange(6).reshape(2, 3) * 0.5 - 1
"""
import os
import struct
import zlib
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', 'backends', '__fixtures__')
NPY = os.path.join(OUT, 'npy')
MONST3R = os.path.join(OUT, 'monst3r')
os.makedirs(NPY, exist_ok=True)
os.makedirs(MONST3R, exist_ok=True)

a23 = np.arange(6).reshape(2, 3) * 0.5 - 1  # [[-1, -0.5, 0], [0.5, 1, 1.5]]


def save(name, array, version=None):
    path = os.path.join(NPY, name)
    with open(path, 'wb') as f:
        np.lib.format.write_array(f, array, version=version)


save('f4-c.npy', a23.astype('<f4'))
save('f8-big.npy', a23.astype('>f8'))
save('f4-big-fortran.npy', np.asfortranarray(a23.astype('>f4')))
save('f8-fortran-3d.npy', np.asfortranarray(np.arange(24, dtype='<f8').reshape(2, 3, 4)))
save('u1.npy', np.array([[0, 1, 255]], dtype='|u1'))
save('b1.npy', np.array([True, False, True, True]))
save('i8.npy', np.array([-3, 0, 2 ** 40], dtype='<i8'))
save('f2.npy', np.array([1.5, -2.0, 65504.0], dtype='<f2'))
save('scalar.npy', np.float32(7.25))
save('f4-v2.npy', a23.astype('<f4'), version=(2, 0))
save('f4-v3.npy', a23.astype('<f4'), version=(3, 0))
save('c8-unsupported.npy', np.array([1 + 2j], dtype='<c8'))
with open(os.path.join(NPY, 'object-unsupported.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.array([{'a': 1}], dtype=object), allow_pickle=True)
save('structured-unsupported.npy', np.zeros(2, dtype=[('x', '<f4'), ('y', '<i4')]))
save('unicode-unsupported.npy', np.array(['ab'], dtype='<U2'))
with open(os.path.join(NPY, 'f4-c.npy'), 'rb') as f:
    full = f.read()
with open(os.path.join(NPY, 'truncated.npy'), 'wb') as f:
    f.write(full[:-4])


def write_png_grey(path, mask):
    """8-bit greyscale PNG, as cv2.imwrite writes a uint8 H×W array."""
    h, w = mask.shape
    raw = b''.join(b'\x00' + mask[r].astype(np.uint8).tobytes() for r in range(h))

    def chunk(tag, data):
        return struct.pack('>I', len(data)) + tag + data + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)

    png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    with open(path, 'wb') as f:
        f.write(png)


# A MonST3R output folder of 3 frames at 6×4 (W×H), written the way MonST3R's
# save_tum_poses / save_intrinsics / save_depth_maps / save_conf_maps /
# save_dynamic_masks write it.
H, W = 4, 6
s = np.sqrt(0.5)
xyz = np.array([[0, 0, 0], [1, 2, 3], [0, 0, -1]], dtype=np.float64)
wxyz = np.array([[1, 0, 0, 0], [s, 0, 0, s], [0, 1, 0, 0]], dtype=np.float64)  # identity, Rz(90°), Rx(180°)
tostr = lambda a: ' '.join(map(str, a))
with open(os.path.join(MONST3R, 'pred_traj.txt'), 'w') as f:
    for i in range(3):
        f.write(f"{float(i)} {tostr(xyz[i])} {tostr(wxyz[i][[0, 1, 2, 3]])}\n")
K = np.array([[[5 + i, 0, 3], [0, 5 + i, 2], [0, 0, 1]] for i in range(3)], dtype=np.float32)
np.savetxt(os.path.join(MONST3R, 'pred_intrinsics.txt'), K.reshape(-1, 9), fmt='%.6f')
for i in range(3):
    depth = (1 + i + 0.1 * np.arange(H * W)).reshape(H, W).astype(np.float32)
    np.save(os.path.join(MONST3R, f'frame_{i:04d}.npy'), depth)
    conf = np.log(1 + np.arange(H * W, dtype=np.float32) + i).reshape(H, W)
    np.save(os.path.join(MONST3R, f'conf_{i}.npy'), conf)
    mask = np.zeros((H, W), np.uint8)
    mask[1:3, i:i + 2] = 255
    write_png_grey(os.path.join(MONST3R, f'dynamic_mask_{i}.png'), mask)
print('written to', os.path.normpath(OUT))
