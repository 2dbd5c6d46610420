/**
 * A long study name in a narrow toolbar: shortened in the middle ("Example study: H2 red…(SIMULATED)"), so that
 * both its beginning and its end — often a date, a sample or "(SIMULATED)" — stay readable. The full name is in the
 * tooltip and in the window title.
 */

/** `text` cut to at most `maxChars` characters by an ellipsis in the middle (the start keeps the extra one). */
export function middleEllipsis(text: string, maxChars: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return text;
  if (maxChars <= 1) return '…';
  const keep = maxChars - 1;
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return `${chars.slice(0, head).join('')}…${tail > 0 ? chars.slice(chars.length - tail).join('') : ''}`;
}

/**
 * The longest middle-ellipsis of `text` whose width (by `measure`, px) fits `widthPx`: a binary search on the
 * number of characters kept.
 */
export function fitMiddle(text: string, widthPx: number, measure: (s: string) => number): string {
  if (measure(text) <= widthPx) return text;
  let lo = 1;
  let hi = Array.from(text).length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(middleEllipsis(text, mid)) <= widthPx) lo = mid;
    else hi = mid - 1;
  }
  return middleEllipsis(text, lo);
}
