// Plain JavaScript so that a worker thread can start it under tsx, vitest or plain node alike:
// worker threads do not inherit tsx's loader, so the TypeScript entry is imported through
// tsx's own API (scoped to this import, nothing registered for the thread as a whole).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
