/**
 * Where the views get their data. The app implements XrdDataSource over the Api (the main process keeps the
 * full-resolution sequence and answers with binned grids and cut frames); localSource does the same in the
 * renderer for a sequence it already holds (dev harness, small sequences).
 */
import type { PatternSequence } from '../../../../shared/xrd';
import type { FrameFit } from './frame';
import { axisExtent, binHeatmap, frameCurves } from '../../../../core/xrd/display';
import type { FrameCurve, HeatmapGrid, HeatmapRequest, XrdAxis } from '../../../../shared/xrd-display';

export interface XrdSequenceInfo {
  name: string;
  frameCount: number;
  timesS: Float64Array;
  fileNames: string[];
  wavelengthA: number | null;
  twoThetaRangeDeg: [number, number];
}

export interface XrdDataSource {
  info: XrdSequenceInfo;
  /** binHeatmap(sequence, request) next to the data. */
  heatmap(request: HeatmapRequest): Promise<HeatmapGrid>;
  /** frameCurves(sequence, indices, axis, range) next to the data. */
  frames(indices: number[], axis: XrdAxis, range?: [number, number]): Promise<FrameCurve[]>;
  /** Observed/calculated profile of a refined frame, when the analysis has one. */
  frameFit?(index: number): Promise<FrameFit | null>;
}

export function sequenceInfo(seq: PatternSequence, name: string): XrdSequenceInfo {
  return {
    name,
    frameCount: seq.frames.length,
    timesS: seq.timesS,
    fileNames: seq.frames.map((f) => f.fileName),
    wavelengthA: seq.wavelengthA,
    twoThetaRangeDeg: seq.frames.length ? axisExtent(seq, '2th_deg') : [0, 1],
  };
}

export function localSource(seq: PatternSequence, name: string, frameFit?: (index: number) => Promise<FrameFit | null>): XrdDataSource {
  return {
    info: sequenceInfo(seq, name),
    heatmap: async (request) => binHeatmap(seq, request),
    frames: async (indices, axis, range) => frameCurves(seq, indices, axis, range),
    frameFit,
  };
}
