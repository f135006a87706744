/** Types for scripts/cloudbaserc.js (plain CommonJS so `node scripts/build-functions.js` loads it too). */
export interface FunctionLimits {
  /** CloudBase runtime name, e.g. 'Nodejs16.13' */
  runtime: string
  /** seconds */
  timeout: number
  /** MB */
  memorySize: number
}
export const FILE: string
export const MIN_RUNTIME: string
export const PLATFORM_DEFAULT: FunctionLimits
/** cloudbaserc.json parsed (default: the repository's); its shape is scripts/deploy/functions.ts CloudbaseRc */
export function readRc(file?: string): unknown
export function entryLimits(entry: { runtime?: string; timeout?: number; memorySize?: number }): FunctionLimits
export function runtimeVersion(runtime: string): [number, number] | null
export function runtimeProblem(runtime: string): string | null
export function esbuildTarget(runtime: string): string
export function functionLimits(text?: string): Record<string, FunctionLimits>
export function limitsFor(name: string, limits?: Record<string, FunctionLimits>): FunctionLimits
