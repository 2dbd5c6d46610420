/**
 * What the figure dialog sets, applied to any plot's print option (a pure function): axis ranges and titles, legend
 * labels, line patterns, widths and markers per series, and a font-size preset. Default legend labels for TGA runs
 * come from the condition or the recipe (formulas get their subscripts when drawn), never from the file name.
 */
import type { EChartsOption } from 'echarts';
import type { RunView } from '../../../shared/api';
import { MIN_PRINT_PT, plainTitle } from '../charts/style';

export type FontPreset = 'small' | 'medium' | 'large';

/** Font presets relative to the width preset's size (7 pt at 89 mm, 8 pt at 183 mm); never under 6 pt. */
export const FONT_PRESETS: { id: FontPreset; label: string; deltaPt: number }[] = [
  { id: 'small', label: 'Small', deltaPt: -1 },
  { id: 'medium', label: 'Medium', deltaPt: 0 },
  { id: 'large', label: 'Large', deltaPt: 1 },
];

export function fontPt(base: number, preset: FontPreset): number {
  return Math.max(MIN_PRINT_PT, base + (FONT_PRESETS.find((f) => f.id === preset)?.deltaPt ?? 0));
}

export interface AxisSettings {
  min?: number | null;
  max?: number | null;
  /** Plain text; replaces the axis title (italics of the default title are lost). */
  title?: string | null;
}

export type Dash = 'solid' | 'dashed' | 'dotted';
export type Marker = 'none' | 'circle' | 'rect' | 'triangle' | 'diamond';
export const DASHES: Dash[] = ['solid', 'dashed', 'dotted'];
export const MARKERS: Marker[] = ['none', 'circle', 'rect', 'triangle', 'diamond'];

export interface SeriesLook {
  dash?: Dash | null;
  marker?: Marker | null;
  /** Line width in pt. */
  widthPt?: number | null;
}

export interface FigureSettings {
  font: FontPreset;
  /** By axis index. */
  x: Record<number, AxisSettings>;
  y: Record<number, AxisSettings>;
  /** Series (legend) name → label shown. */
  labels: Record<string, string>;
  /** Series (legend) name → look. */
  looks: Record<string, SeriesLook>;
}

export const DEFAULT_FIGURE_SETTINGS: FigureSettings = { font: 'medium', x: {}, y: {}, labels: {}, looks: {} };

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v : v ? [v] : []) as Loose[];
const nameOf = (d: unknown): string => (typeof d === 'string' ? d : String((d as Loose | null)?.name ?? ''));
/** A user's title as an ECharts rich string: braces would start a style tag. */
const literal = (s: string) => s.replace(/[{}|]/g, '');

export interface FigureAxis {
  kind: 'x' | 'y';
  index: number;
  title: string;
  min: number | null;
  max: number | null;
}

/** The axes of an option (for the dialog): value axes with their titles and explicit ranges. */
export function figureAxes(option: EChartsOption): FigureAxis[] {
  const out: FigureAxis[] = [];
  for (const kind of ['x', 'y'] as const) {
    list(kind === 'x' ? option.xAxis : option.yAxis).forEach((a, index) => {
      if (a.type === 'category' || a.show === false) return;
      out.push({ kind, index, title: plainTitle(String(a.name ?? '')), min: typeof a.min === 'number' ? a.min : null, max: typeof a.max === 'number' ? a.max : null });
    });
  }
  return out;
}

/** The legend entries of an option, in order. */
export function figureEntries(option: EChartsOption): string[] {
  return list(option.legend).flatMap((l) => (Array.isArray(l.data) ? (l.data as unknown[]).map(nameOf) : []));
}

const LINE_TYPE: Record<Dash, string | number[]> = { solid: 'solid', dashed: [4, 2], dotted: [1, 1.5] };

/** The option with the settings applied (axis ranges/titles, labels, looks). */
export function applyFigureSettings(option: EChartsOption, s: FigureSettings): EChartsOption {
  const out: Loose = { ...(option as Loose) };
  const axes = (key: 'xAxis' | 'yAxis', set: Record<number, AxisSettings>) => {
    const raw = (option as Loose)[key];
    if (raw === undefined || Object.keys(set).length === 0) return;
    const mapped = list(raw).map((a, i) => {
      const v = set[i];
      if (!v) return a;
      const next: Loose = { ...a };
      if (typeof v.min === 'number' && Number.isFinite(v.min)) next.min = v.min;
      if (typeof v.max === 'number' && Number.isFinite(v.max)) next.max = v.max;
      if ((typeof v.min === 'number' || typeof v.max === 'number') && next.interval !== undefined) delete next.interval;
      if (typeof v.title === 'string') next.name = literal(v.title);
      return next;
    });
    out[key] = Array.isArray(raw) ? mapped : mapped[0];
  };
  axes('xAxis', s.x);
  axes('yAxis', s.y);
  const rename = (n: string) => (s.labels[n] !== undefined && s.labels[n].trim() !== '' ? literal(s.labels[n].trim()) : n);
  if (Object.keys(s.labels).length > 0 || Object.keys(s.looks).length > 0) {
    out.series = list(option.series).map((series) => {
      const name = String(series.name ?? '');
      const look = s.looks[name];
      const next: Loose = { ...series, name: rename(name) };
      if (look) {
        const lineStyle = { ...((series.lineStyle as Loose | undefined) ?? {}) };
        if (look.dash) lineStyle.type = LINE_TYPE[look.dash];
        if (typeof look.widthPt === 'number' && look.widthPt > 0) lineStyle.width = look.widthPt;
        next.lineStyle = lineStyle;
        if (look.marker && series.type === 'line') {
          next.symbol = look.marker === 'none' ? 'none' : look.marker;
          next.showSymbol = look.marker !== 'none';
          next.symbolSize = 3;
        }
      }
      return next;
    });
    out.legend = list(option.legend).map((l) => ({
      ...l,
      data: Array.isArray(l.data) ? (l.data as unknown[]).map((d) => (typeof d === 'string' ? rename(d) : { ...(d as Loose), name: rename(nameOf(d)) })) : l.data,
      selected: undefined,
    }));
  }
  return out as EChartsOption;
}

/** A TGA run's default figure label: its condition, else its recipe (formulas and wt.%), else its label. */
export function runFigureLabel(run: RunView): string {
  if (run.settings.condition) return run.settings.condition;
  const recipe = run.settings.recipe;
  if (recipe && recipe.precursors.length > 0) {
    const parts = recipe.precursors.map((p, i) => (i > 0 && p.wtPercent !== undefined ? `${fmt(p.wtPercent)} wt% ${p.formula}` : p.formula));
    const mix = parts.join(' + ');
    return recipe.target ? `${mix} (${recipe.target})` : mix;
  }
  return run.settings.label;
}

const fmt = (v: number) => String(Math.round(v * 100) / 100);

/** Default labels for runs: recipe/condition names, numbered where two runs would share one. */
export function defaultRunLabels(runs: RunView[]): Record<string, string> {
  const base = runs.map(runFigureLabel);
  const count = new Map<string, number>();
  for (const b of base) count.set(b, (count.get(b) ?? 0) + 1);
  const seen = new Map<string, number>();
  return Object.fromEntries(
    runs.map((r, i) => {
      const b = base[i];
      if ((count.get(b) ?? 0) < 2) return [r.settings.label, b];
      const k = (seen.get(b) ?? 0) + 1;
      seen.set(b, k);
      return [r.settings.label, `${b}, run ${k}`];
    }),
  );
}
