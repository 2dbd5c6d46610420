/**
 * Frame times stated by image files: TIFF DateTime tags, ImageJ descriptions (finterval), Micro-Manager page
 * metadata (ElapsedTime-ms) and times written into file names ("scan_t12.5s.tif", "img_0042_1500ms.tif").
 */

/** TIFF DateTime "YYYY:MM:DD HH:MM:SS" (no time zone) → seconds since 1970 read as UTC; null when malformed. */
export function parseTiffDateTime(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  if (!m) return null;
  const seconds = Number(m[6]);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Math.floor(seconds));
  return Number.isFinite(ms) ? ms / 1000 + (seconds - Math.floor(seconds)) : null;
}

/** ImageJ's ImageDescription ("ImageJ=1.54f\nimages=1000\nfinterval=0.33\n…") as key → value; null when not ImageJ's. */
export function parseImageJDescription(text: string | null | undefined): Record<string, string> | null {
  if (!text || !text.startsWith('ImageJ=')) return null;
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** Micro-Manager's per-page JSON: its "ElapsedTime-ms" in seconds, or null. */
export function microManagerElapsedS(json: string | null | undefined): number | null {
  if (!json) return null;
  const m = /"ElapsedTime-ms"\s*:\s*"?(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/.exec(json);
  return m ? Number(m[1]) / 1000 : null;
}

/**
 * A time written in a file name: a number followed by a unit (s, ms, min) and set off by _ - . or a space, e.g.
 * "img_0042_t12.5s.tif" → 12.5, "frame-1500ms.tiff" → 1.5, "run3_2.0min.tif" → 120. Null when there is none or
 * more than one.
 */
export function timeFromName(name: string): number | null {
  const stem = name.replace(/\.[A-Za-z0-9]+$/, '');
  const re = /(?:^|[_\-.\s])t?(\d+(?:\.\d+)?)\s?(ms|s|sec|min)(?=$|[_\-.\s])/gi;
  const hits = [...stem.matchAll(re)];
  if (hits.length !== 1) return null;
  const v = Number(hits[0][1]);
  const unit = hits[0][2].toLowerCase();
  return unit === 'ms' ? v / 1000 : unit === 'min' ? v * 60 : v;
}

/** True when the values are finite and never decrease, and not all equal (so they order the frames in time). */
export function usableTimes(values: (number | null)[]): values is number[] {
  if (values.length < 2 || values.some((v) => v === null || !Number.isFinite(v))) return false;
  const v = values as number[];
  for (let i = 1; i < v.length; i++) if (v[i] < v[i - 1]) return false;
  return v[v.length - 1] > v[0];
}

/** Natural order of file names: "f2" before "f10". */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}
