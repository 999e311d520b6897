export declare const sharedDataRoot: string | undefined;
export declare const hasSharedData: boolean;
export declare const skipMessage: string;
export declare function sharedDataPath(...parts: string[]): string | undefined;
