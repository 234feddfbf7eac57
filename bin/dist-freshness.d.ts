// The types of bin/dist-freshness.js, plain JavaScript so that bin/conformance.js runs it uncompiled.
export interface SourceState {
  latestChange: number;
  files: string;
}
export declare const SHIPPED_FOLDERS: readonly string[];
export declare function sourceState(root: string): SourceState;
export declare function writeStamp(root: string, state: SourceState): void;
export declare function distIsFresh(root: string): boolean;
