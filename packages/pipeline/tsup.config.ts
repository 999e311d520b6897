import { stkitTsup } from '@stkit/tsup-config';

// clip-worker is loaded by path from the worker pool, so it is an entry of its own; distributed is the
// `@stkit/pipeline/distributed` subpath (the only code that loads bullmq).
export default stkitTsup({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'clip-worker': 'src/clip-worker.ts',
    distributed: 'src/distributed/index.ts',
  },
});
