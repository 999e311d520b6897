import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({
  entry: {
    "index": "src/index.ts",
    "argoverse2": "src/argoverse2/index.ts",
    "kitti": "src/kitti/index.ts",
    "aria": "src/aria/index.ts",
    "nuscenes": "src/nuscenes/index.ts",
    "nuplan": "src/nuplan/index.ts",
    "frames": "src/frames/index.ts"
  },
});
