import type { Options } from 'tsup';
export declare function stkitTsup(options?: {
  entry?: string[] | Record<string, string>;
  external?: string[];
}): Options | Options[];
