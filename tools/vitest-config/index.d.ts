import type { UserConfig } from 'vitest/config';
export declare function stkitVitest(options?: { testTimeout?: number }): UserConfig;
