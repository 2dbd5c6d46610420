/** Frame selection for the views; the frames themselves come from core/xrd/display (computed next to the data). */

/** Every n-th frame index (always the first and the last), for a waterfall. */
export function everyNth(count: number, n: number): number[] {
  const step = Math.max(1, Math.floor(n));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  if (count > 0 && out[out.length - 1] !== count - 1) out.push(count - 1);
  return out;
}
