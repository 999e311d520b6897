import { existsSync, readdirSync } from 'node:fs';
import { stkitTsup } from '@stkit/tsup-config';

// Every reader folder's `definition.ts` becomes `dist/definitions/<folder>.js`, where the registry finds it:
// a new reader folder needs no edit here.
const definitions = Object.fromEntries(
  readdirSync('src', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(`src/${entry.name}/definition.ts`))
    .map((entry) => [`definitions/${entry.name}`, `src/${entry.name}/definition.ts`]),
);

export default stkitTsup({
  entry: {
    index: 'src/index.ts',
    registry: 'src/registry.ts',
    argoverse2: 'src/argoverse2/index.ts',
    kitti: 'src/kitti/index.ts',
    aria: 'src/aria/index.ts',
    nuscenes: 'src/nuscenes/index.ts',
    nuplan: 'src/nuplan/index.ts',
    waymo: 'src/waymo/index.ts',
    frames: 'src/frames/index.ts',
    ...definitions,
  },
});
