import { describe, expect, it } from 'vitest';
import { MaskFrameSchema, MaskInstanceSchema } from './schemas';

const instance = { instanceId: 1, box: [0, 0, 1, 1] as [number, number, number, number], className: 'car' };

describe('MaskFrameSchema', () => {
  it('accepts an id map of width·height values and unknown scores', () => {
    const frame = MaskFrameSchema.parse({
      frameIndex: 4,
      width: 2,
      height: 2,
      idMap: new Uint16Array(4),
      instances: [instance],
    });
    expect(frame.instances[0]!.boxScore).toBeUndefined();
    expect(frame.idMap).toBeInstanceOf(Uint16Array);
  });

  it('rejects a wrong-sized id map, duplicate ids, a mask of another size, a non-Uint16 map', () => {
    const bad = (frame: object) =>
      MaskFrameSchema.safeParse({ frameIndex: 0, width: 2, height: 2, instances: [instance], ...frame });
    expect(bad({ idMap: new Uint16Array(3) }).error?.issues[0]?.path).toEqual(['idMap']);
    expect(bad({ instances: [instance, instance] }).error?.issues[0]?.message).toMatch(/duplicate instance id 1/);
    expect(bad({ instances: [{ ...instance, mask: { size: [3, 2], counts: [6] } }] }).success).toBe(false);
    expect(bad({ idMap: new Uint8Array(4) }).success).toBe(false);
  });

  it('rejects ids outside 1…65535, scores outside [0, 1], inverted boxes', () => {
    expect(MaskInstanceSchema.safeParse({ ...instance, instanceId: 0 }).success).toBe(false);
    expect(MaskInstanceSchema.safeParse({ ...instance, instanceId: 65536 }).success).toBe(false);
    expect(MaskInstanceSchema.safeParse({ ...instance, boxScore: 1.5 }).success).toBe(false);
    expect(MaskInstanceSchema.safeParse({ ...instance, box: [2, 0, 1, 1] }).success).toBe(false);
  });
});
