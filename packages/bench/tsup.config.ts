import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    extract: 'src/extract/index.ts',
    metrics: 'src/metrics/index.ts',
    build: 'src/build/index.ts',
    run: 'src/run/index.ts',
    report: 'src/report/index.ts',
  },
});
