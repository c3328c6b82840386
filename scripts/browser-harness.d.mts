import type { ChildProcess } from 'node:child_process';

export declare const CHROMIUM_FLAGS: string[];
export declare const WEBGPU_FLAG: string;
export declare function startPreview(port: number): Promise<ChildProcess>;
