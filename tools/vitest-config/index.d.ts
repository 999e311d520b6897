import type { UserConfig } from 'vitest/config';
export declare const DEFAULT_TEST_TIMEOUT_MS: number;
export declare const DEFAULT_HOOK_TIMEOUT_MS: number;
export declare const MAX_TEST_WORKERS: number;
export declare function stkitVitest(options?: { testTimeout?: number }): UserConfig;
