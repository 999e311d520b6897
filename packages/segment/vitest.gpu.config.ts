import { stkitVitest } from '@stkit/vitest-config';

// GPU-only checks (`npm run test:gpu`): files `src/**/*.gpu.ts`, never part of `npm test`
// (whose include pattern is `*.test.ts`). The include list is replaced, not merged.
const base = stkitVitest();
export default { ...base, test: { ...base.test, include: ['src/**/*.gpu.ts'] } };
