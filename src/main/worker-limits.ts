/**
 * The V8 heap limit of every worker that reads or analyses a user's file (the import pool, radiography measuring,
 * map analysis): a file that needs more fails that one job, named, with ERR_WORKER_OUT_OF_MEMORY, and never takes
 * the process (and every session in it) down.
 */
export const WORKER_HEAP_MB = 2048;

/** Options for `new Worker(url, …)` with that limit. */
export const limitedWorkerOptions = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } } as const;
