/**
 * Notices (errors and information) as one line: the newest notice with a count of the others, which expand into
 * a list on request. Information fades out on its own after INFO_MS; errors stay until dismissed. Pure helpers,
 * tested in Node; the bar itself is NoticeBar.tsx.
 */

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** When it was raised (ms since the epoch). */
  at: number;
  /** Identical notices raised again are counted instead of repeated. */
  repeats: number;
}

/** Information disappears after this long (errors stay). */
export const INFO_MS = 6000;
/** It fades during the last FADE_MS. */
export const FADE_MS = 1200;
/** At most this many notices are kept (the oldest information first, then the oldest errors, go). */
export const MAX_NOTICES = 50;

/** Add a notice: the same text and kind as the newest one counts as a repeat rather than a new line. */
export function addNotice(list: Notice[], notice: Omit<Notice, 'repeats'>): Notice[] {
  const last = list[list.length - 1];
  if (last && last.kind === notice.kind && last.text === notice.text) {
    return [...list.slice(0, -1), { ...last, at: notice.at, repeats: last.repeats + 1 }];
  }
  const next = [...list, { ...notice, repeats: 1 }];
  while (next.length > MAX_NOTICES) {
    const i = next.findIndex((n) => n.kind === 'info');
    next.splice(i >= 0 ? i : 0, 1);
  }
  return next;
}

/** What the one-line bar shows: the newest error if there is one (errors matter more), else the newest notice. */
export function headline(list: Notice[]): { shown: Notice | null; others: number; errors: number } {
  if (list.length === 0) return { shown: null, others: 0, errors: 0 };
  const errors = list.filter((n) => n.kind === 'error');
  const shown = errors.length > 0 ? errors[errors.length - 1] : list[list.length - 1];
  return { shown, others: list.length - 1, errors: errors.length };
}

/** Information older than INFO_MS is gone. */
export function expire(list: Notice[], now: number): Notice[] {
  const kept = list.filter((n) => n.kind === 'error' || now - n.at < INFO_MS);
  return kept.length === list.length ? list : kept;
}

/** True while an information notice is in its last FADE_MS. */
export function fading(n: Notice, now: number): boolean {
  return n.kind === 'info' && now - n.at >= INFO_MS - FADE_MS;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A message about a file, naming the file once: "Could not import a.csv: line 4: …" from a message that may
 * already start with the name, or name it twice ("a.csv: a.csv, line 4: …").
 */
export function fileMessage(prefix: string, fileName: string, message: string): string {
  const name = escapeRegExp(fileName);
  let text = message.trim();
  // "a.csv: a.csv, line 4" → "a.csv, line 4"
  text = text.replace(new RegExp(`^(?:${name}\\s*:\\s*)+(?=${name}\\b)`), '');
  if (new RegExp(`^${name}\\b`).test(text)) return `${prefix} ${text}`;
  if (text.includes(fileName)) return `${prefix}: ${text}`;
  return `${prefix} ${fileName}: ${text}`;
}
