/**
 * The crosshair readout: at the cursor's x, the value of every visible series of the panel family under the
 * cursor (interpolated between display points), with its unit — not only the series ECharts happens to find near
 * the pointer. A family is a set of x axes showing the same quantity (the stacked TG and DTG panels share time);
 * an inset with its own x (dα/dt against α) is a family of its own with its own readout.
 */
import { formatNumber } from './style';
import { valueAt, valueAtFirstCrossing, type DrawnSeries } from './window';

export interface ReadoutSeries {
  name: string;
  color: string;
  unit: string;
  series: DrawnSeries;
  /** A quantity label shown before the name ('TG', 'DTG'), for families with several panels. */
  quantity?: string;
  /** x is not monotonic (dα/dt against α): read at the first crossing. */
  firstCrossing?: boolean;
}

export interface ReadoutFamily {
  /** x axes of the family (ECharts xAxisIndex). */
  xAxisIndex: number[];
  /** Symbol and unit of x, e.g. 't' and 'min'. */
  symbol: string;
  unit: string;
  series: ReadoutSeries[];
}

export interface ReadoutRow {
  name: string;
  quantity?: string;
  color: string;
  value: number | null;
  unit: string;
}

/** The values at x of the family's series, hidden ones (by legend name) left out. */
export function readoutRows(family: ReadoutFamily, x: number, hidden: ReadonlySet<string>): ReadoutRow[] {
  return family.series
    .filter((s) => !hidden.has(s.name))
    .map((s) => ({
      name: s.name,
      quantity: s.quantity,
      color: s.color,
      value: s.firstCrossing ? valueAtFirstCrossing(s.series, x) : valueAt(s.series, x),
      unit: s.unit,
    }));
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const swatch = (color: string): string =>
  `<span style="display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;background:${escapeHtml(color)}"></span>`;

export function readoutHtml(family: ReadoutFamily, x: number, hidden: ReadonlySet<string>): string {
  const rows = readoutRows(family, x, hidden);
  const head = `<b><i>${escapeHtml(family.symbol)}</i> = ${formatNumber(x)}${family.unit ? ` ${escapeHtml(family.unit)}` : ''}</b>`;
  const body = rows.map(
    (r) =>
      `${swatch(r.color)}${r.quantity ? `${escapeHtml(r.quantity)} · ` : ''}${escapeHtml(r.name)}: <b>${r.value === null ? '–' : formatNumber(r.value)}</b>${r.unit && r.value !== null ? ` ${escapeHtml(r.unit)}` : ''}`,
  );
  return [head, ...body].join('<br/>');
}

interface AxisParam {
  axisIndex?: number;
  axisDim?: string;
  axisValue?: unknown;
}

/**
 * The tooltip of a screen chart: trigger on the axis under the cursor, crosshair, and the readout of the first
 * family (in the given order: insets first) whose x axis is among the triggered ones.
 */
export function readoutTooltip(families: ReadoutFamily[], hidden: ReadonlySet<string>): Record<string, unknown> {
  return {
    trigger: 'axis',
    axisPointer: { type: 'cross', label: { precision: 3 } },
    confine: true,
    formatter: (raw: unknown) => {
      const params = (Array.isArray(raw) ? raw : [raw]) as AxisParam[];
      const onX = params.filter((p) => p.axisDim === undefined || p.axisDim === 'x');
      for (const family of families) {
        const p = onX.find((q) => q.axisIndex !== undefined && family.xAxisIndex.includes(q.axisIndex));
        if (p && typeof p.axisValue === 'number') return readoutHtml(family, p.axisValue, hidden);
      }
      return '';
    },
  };
}
