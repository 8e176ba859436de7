/** The built app the gateway serves at / (or a city hosts itself). */
export declare const WEB_DIST: string;
/** Whether dist/ is missing or older than the sources. */
export declare function webBuildStale(): boolean;
/** Build dist/ with Vite unless it is up to date (one build at a time per process). */
export declare function ensureWebBuilt(): Promise<void>;
