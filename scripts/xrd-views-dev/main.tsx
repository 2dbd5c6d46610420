/**
 * Dev harness (not part of the app): XrdViews on a real simulated sequence and its real analysis, and the export
 * figures (SVG/PNG) of every view as the export buttons make them. Data come from dev/make-data.ts (window.__XRD_DEV__).
 * ?mode=app&view=heatmap|waterfall|frame|results|analysis — the component; ?mode=figure&fig=…&preset=single|double — a figure.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import type { Series } from '../../src/shared/api';
import { decode } from '../../src/shared/codec';
import type { PatternSequence } from '../../src/shared/xrd';
import type { XrdAnalysis } from '../../src/shared/xrd-results';
import { printView, SCREEN_VIEW } from '../../src/renderer/src/charts/style';
import { FIGURE_PRESETS, renderFigurePng, renderFigureSvg, sizePt } from '../../src/renderer/src/export/figure';
import '../../src/renderer/src/styles.css';
import type { AnalysisRunSettings } from '../../src/renderer/src/features/xrd/AnalysisPanel';
import { frameOption, type FrameFit } from '../../src/renderer/src/features/xrd/frame';
import { binHeatmap, frameCurves } from '../../src/core/xrd/display';
import { everyNth } from '../../src/renderer/src/features/xrd/frames';
import { heatmapOption, jointRange, type HeatmapPanel } from '../../src/renderer/src/features/xrd/heatmap';
import { heatmapCanvas, stretchSvgImages } from '../../src/renderer/src/features/xrd/raster';
import { tickRows, zoomWindow } from '../../src/renderer/src/features/xrd/reflections';
import { resultsOption, type TgaOverlay } from '../../src/renderer/src/features/xrd/results';
import { localSource } from '../../src/renderer/src/features/xrd/source';
import { waterfallOption } from '../../src/renderer/src/features/xrd/waterfall';
import { XrdViews, type XrdViewId } from '../../src/renderer/src/features/xrd/XrdViews';
import { DEV_ANALYSIS_OPTIONS } from './options';

declare global {
  interface Window {
    __XRD_DEV__?: string;
    __XRD_READY__?: boolean;
    __XRD_SVG_BYTES__?: number;
    __XRD_BENCH__?: { frames: number; points: number; cells: number; binMs: number; renderMs: number; svgMs: number; svgMB: number };
  }
}

interface DevData {
  seq: PatternSequence;
  analysis: XrdAnalysis | null;
  name: string;
  fits: Record<string, FrameFit>;
  tga: { label: string; alpha: Series } | null;
}

const data = decode<DevData>(window.__XRD_DEV__ ?? 'null');
const params = new URLSearchParams(location.search);
const tgaRuns: TgaOverlay[] = data.tga ? [{ label: data.tga.label, color: '#000000', alpha: data.tga.alpha }] : [];
const settings: AnalysisRunSettings = { options: data.analysis?.settings ?? DEV_ANALYSIS_OPTIONS, intervalS: data.seq.intervalS ?? 30, offsetS: data.seq.offsetS ?? 0 };

function DevApp() {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(params.get('running') === '1');
  const source = localSource(data.seq, data.name, async (i) => data.fits[String(i)] ?? null);
  return (
    <div style={{ padding: 12, height: '100vh', boxSizing: 'border-box' }}>
      <XrdViews
        source={source}
        analysis={data.analysis}
        tgaRuns={tgaRuns}
        analysisSettings={settings}
        running={running}
        progress={running ? (progress ?? { done: 73, total: 183 }) : null}
        onRunAnalysis={() => {
          setRunning(true);
          setProgress({ done: 0, total: 183 });
        }}
        onCancelAnalysis={() => setRunning(false)}
        save={async (r) => ({ path: r.suggestedName })}
        notify={(kind, text) => console.log(kind, text)}
        initialView={(params.get('view') as XrdViewId) ?? 'heatmap'}
      />
    </div>
  );
}

/** The print option of figure `fig` at the preset's size. */
function figure(fig: string, widthPt: number, heightPt: number, fontPt: number): EChartsOption {
  const view = printView(fontPt, widthPt);
  const seq = data.seq;
  const lam = seq.wavelengthA ?? 0.20735;
  const a = data.analysis;
  const paint = (panels: HeatmapPanel[]): HeatmapPanel[] => {
    if (params.get('cells') === '1') return panels;
    const range = jointRange(panels.map((p) => p.grid));
    return panels.map((p) => ({ ...p, image: heatmapCanvas(p.grid, range) }));
  };
  if (fig === 'heatmap') return heatmapOption({ panels: paint([{ grid: binHeatmap(seq, { log: true, xBins: 600, tBins: 300 }) }]), timeUnit: 'min' }, view);
  if (fig === 'windows') {
    const specs = (params.get('specs') ?? 'fcc-FeNi:200,wustite:200,bcc-Fe:200').split(',');
    const lat = Object.fromEntries((a?.phases ?? []).map((p) => [p.id, p.startLattice]));
    const panels = specs.map((s) => {
      const w = zoomWindow(s, { wavelengthA: lam, lattice: lat[s.split(':')[0]] });
      return { label: w.label, grid: binHeatmap(seq, { log: true, xRange: w.range, xBins: 160, tBins: 300 }) };
    });
    return heatmapOption({ panels: paint(panels), timeUnit: 'min' }, view);
  }
  if (fig === 'waterfall') return waterfallOption({ frames: frameCurves(seq, everyNth(seq.frames.length, 6), '2th_deg', [2, 9]), axis: '2th_deg', timeUnit: 'min' }, view);
  if (fig === 'frame') {
    const i = Number(params.get('frame') ?? 30);
    const lat = Object.fromEntries((a?.phases ?? []).map((p) => [p.id, p.startLattice]));
    const ticks = tickRows(a?.phases.map((p) => p.id) ?? ['magnetite'], { wavelengthA: lam, twoThetaMinDeg: 2, twoThetaMaxDeg: 16, lattices: lat });
    const range: [number, number] = [Number(params.get('from') ?? 2), Number(params.get('to') ?? 9)];
    const fit = data.fits[String(i)] ?? null;
    return frameOption({ frame: frameCurves(seq, [i], '2th_deg', range)[0], axis: '2th_deg', timeUnit: 'min', wavelengthA: lam, ticks, fit, range }, view);
  }
  if (!a) throw new Error('no analysis');
  return resultsOption({ analysis: a, panels: ['weight', 'lattice', 'rwp'], timeUnit: 'min', latticePhases: ['fcc-FeNi'], tga: tgaRuns[0] ?? null, height: heightPt }, view);
}

/** The figure as the export buttons make it, as an object URL (SVG or PNG at the requested dpi). */
function makeFigure(): { src: string; width: number; height: number } {
  const preset = FIGURE_PRESETS.find((p) => p.id === (params.get('preset') ?? 'single')) ?? FIGURE_PRESETS[0];
  const heightMm = Math.round(preset.heightMm * Number(params.get('h') ?? 1));
  const size = sizePt(preset.widthMm, heightMm);
  const option = figure(params.get('fig') ?? 'heatmap', size.width, size.height, preset.fontPt);
  const kind = params.get('as') ?? 'svg';
  if (kind === 'svg') {
    const svg = stretchSvgImages(renderFigureSvg(option, preset.widthMm, heightMm));
    window.__XRD_SVG_BYTES__ = svg.length;
    return { src: URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' })), ...size };
  }
  const png = renderFigurePng(option, preset.widthMm, heightMm, Number(kind));
  return { src: URL.createObjectURL(new Blob([new Uint8Array(png)], { type: 'image/png' })), ...size };
}

function FigurePage(props: { src: string; width: number; height: number }) {
  // shown at 300/144 px per pt so details can be judged in the screenshot
  const scale = 300 / 72 / 2;
  return <img id="figure" src={props.src} style={{ width: props.width * scale, height: props.height * scale, background: '#fff' }} onLoad={() => (window.__XRD_READY__ = true)} />;
}

/** ?mode=bench: binHeatmap and one ECharts canvas render of the full heatmap, timed in the browser. */
function bench(): void {
  const host = document.getElementById('root') as HTMLElement;
  host.style.cssText = 'width:1200px;height:600px';
  const t0 = performance.now();
  const grid = binHeatmap(data.seq, { log: true, xBins: Number(params.get('x') ?? 600), tBins: Number(params.get('t') ?? 300) });
  const t1 = performance.now();
  const cells = params.get('cells') === '1';
  const panel = (): HeatmapPanel[] => [{ grid, image: cells ? undefined : heatmapCanvas(grid, [grid.min, grid.max]) }];
  const option = heatmapOption({ panels: panel(), timeUnit: 'min' }, SCREEN_VIEW);
  const chart = echarts.init(host, null, { renderer: 'canvas' });
  chart.on('finished', () => {
    const t3 = performance.now();
    window.__XRD_BENCH__ = { frames: data.seq.frames.length, points: data.seq.frames[0].x.length, cells: grid.xBins * grid.tBins, binMs: t1 - t0, renderMs: t3 - t2, svgMs: 0, svgMB: 0 };
    const s0 = performance.now();
    const svg = renderFigureSvg(heatmapOption({ panels: panel(), timeUnit: 'min' }, printView(7, 252)), 89, 68);
    window.__XRD_BENCH__.svgMs = performance.now() - s0;
    window.__XRD_BENCH__.svgMB = svg.length / 1e6;
    window.__XRD_READY__ = true;
  });
  const t2 = performance.now();
  chart.setOption(option);
}

if (params.get('mode') === 'bench') bench();
else {
  createRoot(document.getElementById('root') as HTMLElement).render(params.get('mode') === 'figure' ? <FigurePage {...makeFigure()} /> : <DevApp />);
  if (params.get('mode') !== 'figure') setTimeout(() => (window.__XRD_READY__ = true), 1500);
}
