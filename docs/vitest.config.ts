import { stkitVitest } from '@stkit/vitest-config';

export default stkitVitest();
