import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({ entry: { index: 'src/index.ts', test: 'src/test/index.ts' } });
