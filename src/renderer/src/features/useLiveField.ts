/**
 * A text field whose value is applied as it is edited: after a pause in typing (debounced), on Enter and on
 * leaving the field — no "Apply" button. Text that does not parse shows why and is not applied. When the applied
 * value changes elsewhere (another field, undo), the field follows unless the user is editing it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const LIVE_DELAY_MS = 450;

export type Parsed<T> = { value: T } | { error: string };

export interface LiveField {
  text: string;
  error: string | null;
  /** Typed and valid, waiting for the pause to be applied. */
  pending: boolean;
  onChange(text: string): void;
  /** Apply now (Enter, blur). */
  flush(): void;
  onFocus(): void;
  onBlur(): void;
}

export function useLiveField<T>(committed: string, parse: (text: string) => Parsed<T>, apply: (value: T) => void, delay = LIVE_DELAY_MS): LiveField {
  const [text, setText] = useState(committed);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState(false);
  const [seen, setSeen] = useState(committed);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ text, parse, apply, committed });

  // Follow the applied value when the user is not editing this field (adjusting state while rendering).
  if (committed !== seen) {
    setSeen(committed);
    if (!editing && !pending) {
      setText(committed);
      setError(null);
    }
  }

  useEffect(() => {
    latest.current = { text, parse, apply, committed };
  });

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const run = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    setPending(false);
    const { text: t, parse: p, apply: a, committed: c } = latest.current;
    if (t.trim() === c.trim()) return;
    const r = p(t);
    if ('error' in r) return;
    // "43.75 min" after 2625 was applied: the same value, nothing to do
    const before = p(c);
    if (!('error' in before) && JSON.stringify(before.value) === JSON.stringify(r.value)) return;
    a(r.value);
  }, []);

  const onChange = useCallback(
    (t: string) => {
      setText(t);
      latest.current = { ...latest.current, text: t };
      const r = parse(t);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      if ('error' in r) {
        setError(r.error);
        setPending(false);
        return;
      }
      setError(null);
      setPending(true);
      timer.current = setTimeout(run, delay);
    },
    [delay, run, parse],
  );

  return {
    text,
    error,
    pending,
    onChange,
    flush: run,
    onFocus: () => setEditing(true),
    onBlur: () => {
      setEditing(false);
      run();
    },
  };
}
