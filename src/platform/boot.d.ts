/** Platform start-up, resolved per build: boot.weapp.ts | boot.h5.ts. */
export declare function boot(): void
