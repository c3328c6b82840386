export declare const CHROMIUM_FLAGS: string[];
export declare const WEBGPU_FLAG: string;
