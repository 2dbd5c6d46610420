/**
 * A 2D XRD map refined on several worker threads (workers/imaging.worker.ts, request 'map-band'): the map-wide plan
 * (starting cells, zero shift, line width; core/xrdmap planMap) is made once, then the grid is split into bands of
 * whole rows, each refined in serpentine order by its own worker with the same plan (its first point starts cold:
 * cells placed on its own pattern), and the bands are joined (finishMap). Progress: shared[1] counts the points
 * refined by every worker; shared[0] = 1 cancels them all after their current point.
 */
import { Worker } from 'node:worker_threads';
import type { Pattern } from '../../shared/xrd';
import type { MapAnalysisOptions, MapLayout, MapResult } from '../../shared/xrd-map';
import type { FrameResult } from '../../core/xrd/rietveld/types';
import { bandOrders, finishMap, planMap, type MapPointsPart } from '../../core/xrdmap/analyse';
import { limitedWorkerOptions } from '../worker-limits';

/** Below this many points a map is refined on the calling thread (a worker's start costs more than it saves). */
export const PARALLEL_MIN_POINTS = 200;

export interface MapBandRequest {
  kind: 'map-band';
  patterns: (Pattern | null)[];
  layout: MapLayout;
  options: MapAnalysisOptions;
  plan: MapResult['plan'];
  order: number[];
  shared: Int32Array;
}

/** Refine a map in `threads` bands of rows; `shared` as described above (3 Int32, shared[2] = total points). */
export async function analyseMapInBands(
  workerUrl: URL,
  patterns: (Pattern | null)[],
  layout: MapLayout,
  options: MapAnalysisOptions,
  threads: number,
  shared: Int32Array,
): Promise<{ result: MapResult; results: (FrameResult | null)[] }> {
  const plan = planMap(patterns, layout, options);
  const bands = bandOrders(layout.nx, layout.ny, threads);
  Atomics.store(shared, 2, patterns.filter((p) => p !== null && p !== undefined).length);
  const workers: Worker[] = [];
  const parts = bands.map(
    (order) =>
      new Promise<MapPointsPart>((resolve, reject) => {
        const worker = new Worker(workerUrl, limitedWorkerOptions);
        workers.push(worker);
        worker.once('message', (reply: { ok: boolean; part?: MapPointsPart; message?: string }) => {
          void worker.terminate();
          if (reply.ok && reply.part) resolve(reply.part);
          else reject(new Error(reply.message ?? 'a map worker failed'));
        });
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a map worker stopped (exit code ${code})`)));
        const inBand = new Set(order);
        const request: MapBandRequest = { kind: 'map-band', patterns: patterns.map((p, k) => (inBand.has(k) ? p : null)), layout, options, plan, order, shared };
        worker.postMessage(request);
      }),
  );
  try {
    return finishMap(layout, options, plan, await Promise.all(parts));
  } catch (error) {
    Atomics.store(shared, 0, 1);
    for (const w of workers) void w.terminate();
    throw error;
  }
}
