import { stkitTsup } from '@stkit/tsup-config';

export default stkitTsup({ entry: ['src/index.ts'] });
