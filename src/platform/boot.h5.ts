/** Nothing to set up on H5: services/transport.h5.ts talks HTTP to the local cloud. */
export function boot(): void {}
