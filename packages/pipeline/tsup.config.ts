import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({ entry: { index: 'src/index.ts', cli: 'src/cli.ts' } });
