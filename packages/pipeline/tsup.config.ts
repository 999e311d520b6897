import { stkitTsup } from '@stkit/tsup-config';

// clip-worker is loaded by path from the worker pool, so it is an entry of its own.
export default stkitTsup({ entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'clip-worker': 'src/clip-worker.ts' } });
