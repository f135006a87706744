import type { StoreCode } from '../../../../../contracts/ops'

/**
 * How staff take a store code to the counter. Resolved per build: keep.weapp.ts (save the image
 * to the phone's album, to print or show it) | keep.h5.ts (print the page: the print styles
 * leave only the code card).
 */
export declare const KEEP_LABEL: string
/** The image source this platform can show: the cloud fileID (mini-program) or its temporary URL (H5). */
export declare function codeImageSrc(code: StoreCode): string
/** Resolves with what to tell the person (or null); rejects with a Chinese message when it could not be done. */
export declare function keepCode(code: StoreCode): Promise<string | null>
