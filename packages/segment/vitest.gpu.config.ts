import { mergeConfig } from 'vitest/config';
import { stkitVitest } from '@stkit/vitest-config';

// GPU-only checks (`npm run test:gpu`): files `src/**/*.gpu.ts`, never part of `npm test`.
export default mergeConfig(stkitVitest(), { test: { include: ['src/**/*.gpu.ts'] } });
