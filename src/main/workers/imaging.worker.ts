/**
 * Imaging worker (worker_threads), two kinds of request:
 *  - 'measure': open a radiography stack from its paths and measure the region means of a range of frames
 *    (core/imaging/analyse measureFrames), so that several workers read and sum one stack in parallel
 *    (src/main/imaging/parallel.ts); progress in shared[1 + slot];
 *  - 'map': read the files of a 2D XRD map and analyse it, in bands of rows on `threads` nested workers of this file
 *    (imaging/map-parallel.ts) when the map is large enough, else here (core/xrdmap analyseMap); progress in
 *    shared[1], total in shared[2]. The per-point refinement results come back with the map so main can draw any
 *    point's fit;
 *  - 'map-band': refine one band of a map's points with the map's plan (core/xrdmap analyseMapPoints); each point
 *    adds 1 to shared[1].
 * shared is an Int32Array over a SharedArrayBuffer; shared[0] is the cancel flag set by main.
 */
import { parentPort } from 'node:worker_threads';
import type { FileBytes } from '../../shared/api';
import type { MapImportOptions } from '../../shared/api-imaging';
import type { RadiographySettings } from '../../shared/radiography';
import type { MapAnalysisOptions } from '../../shared/xrd-map';
import { measureFrames } from '../../core/imaging/analyse';
import { analyseMap, analyseMapPoints } from '../../core/xrdmap/analyse';
import { analyseMapInBands, PARALLEL_MIN_POINTS, type MapBandRequest } from '../imaging/map-parallel';
import { openStackFromPaths } from '../imaging/open-stack';
import { loadMapFromFiles } from '../imaging/map-load';

export interface MeasureRequest {
  kind?: 'measure';
  paths: string[];
  datasetPath?: string;
  settings: RadiographySettings;
  from: number;
  to: number;
  shared: Int32Array;
  slot: number;
}

export interface MapRequest {
  kind: 'map';
  files: FileBytes[];
  importOptions: MapImportOptions;
  options: MapAnalysisOptions;
  shared: Int32Array;
  /** Worker threads for the bands (1: refine here) and this worker's own URL to start them from. */
  threads?: number;
  workerHref?: string;
}

const port = parentPort;
if (!port) throw new Error('imaging.worker must run in a worker thread');

async function measure(request: MeasureRequest): Promise<void> {
  const { shared, slot } = request;
  const { stack } = await openStackFromPaths(request.paths, { datasetPath: request.datasetPath });
  try {
    const measured = await measureFrames(stack, request.settings, {
      from: request.from,
      to: request.to,
      shouldCancel: () => Atomics.load(shared, 0) === 1,
      onProgress: (done) => Atomics.store(shared, 1 + slot, done),
    });
    port!.postMessage({ ok: true, ...measured }, measured.means.map((m) => m.buffer as ArrayBuffer));
  } finally {
    await stack.close();
  }
}

async function map(request: MapRequest): Promise<void> {
  const { shared } = request;
  const { layout, patterns } = await loadMapFromFiles(request.files, request.importOptions);
  const threads = request.threads ?? 1;
  if (threads > 1 && request.workerHref && layout.nx * layout.ny >= PARALLEL_MIN_POINTS && layout.ny >= threads) {
    const { result, results } = await analyseMapInBands(new URL(request.workerHref), patterns, layout, request.options, threads, shared);
    port!.postMessage({ ok: true, result, results });
    return;
  }
  const { result, setup } = analyseMap(patterns, layout, request.options, {
    shouldCancel: () => Atomics.load(shared, 0) === 1,
    onProgress: (done, total) => {
      Atomics.store(shared, 1, done);
      Atomics.store(shared, 2, total);
    },
  });
  port!.postMessage({ ok: true, result, results: setup.results });
}

function mapBand(request: MapBandRequest): void {
  const { shared } = request;
  const part = analyseMapPoints(request.patterns, request.layout, request.options, request.plan, request.order, {
    shouldCancel: () => Atomics.load(shared, 0) === 1,
    onProgress: () => Atomics.add(shared, 1, 1),
  });
  port!.postMessage({ ok: true, part });
}

port.on('message', (request: MeasureRequest | MapRequest | MapBandRequest) => {
  (request.kind === 'map' ? map(request) : request.kind === 'map-band' ? Promise.resolve().then(() => mapBand(request)) : measure(request)).catch((error: unknown) => {
    port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  });
});
