/**
 * The app's keyboard shortcuts (listed in src/shared/menu.ts SHORTCUTS): which command a key press means. While the
 * user types in a field, Undo/Redo, Delete and ? belong to the field; Open and Save work everywhere.
 */
export type ShortcutCommand = 'open' | 'save' | 'saveAs' | 'undo' | 'redo' | 'delete' | 'help';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcutFor(e: KeyPress, inTextField: boolean, isMac: boolean): ShortcutCommand | null {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey) {
    if (key === 'o' && !e.shiftKey) return 'open';
    if (key === 's') return e.shiftKey ? 'saveAs' : 'save';
    if (inTextField) return null;
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !e.shiftKey) return 'redo';
    return null;
  }
  if (inTextField || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (key === 'Delete') return 'delete';
  if (key === '?') return 'help';
  return null;
}

/** True when keys go to a text field, a select or an editable element (they handle Undo and Delete themselves). */
export function isTextTarget(target: EventTarget | null): boolean {
  const el = target as (HTMLElement & { type?: string }) | null;
  if (!el || typeof el.tagName !== 'string') return false;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select' || el.isContentEditable) return true;
  if (tag !== 'input') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type ?? 'text');
}
