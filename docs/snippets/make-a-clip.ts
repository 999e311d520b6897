// A Clip written by hand and validated: one car driving 10 m/s along +x.
import { parseClip, type Clip } from '@stkit/core';

const frames = Array.from({ length: 10 }, (_, k) => ({ t: k * 0.5 }));
const clip: Clip = parseClip({
  id: 'my-clip',
  source: { dataset: 'mine', log: 'log-1', domain: 'driving' },
  up: [0, 0, 1],
  frames,
  tracks: [
    {
      id: 'car-1',
      category: 'car',
      samples: frames.map(({ t }) => ({ t, center: [10 * t, 0, 0.8] })),
    },
  ],
});
console.log(clip.tracks.length);
