import { describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../../../shared/menu';
import { shortcutFor, type KeyPress } from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps every listed shortcut on Windows/Linux (Ctrl) and macOS (Cmd)', () => {
    for (const [isMac, mod] of [[false, { ctrlKey: true }], [true, { metaKey: true }]] as const) {
      expect(shortcutFor(press('o', mod), false, isMac)).toBe('open');
      expect(shortcutFor(press('s', mod), false, isMac)).toBe('save');
      expect(shortcutFor(press('S', { ...mod, shiftKey: true }), false, isMac)).toBe('saveAs');
      expect(shortcutFor(press('z', mod), false, isMac)).toBe('undo');
      expect(shortcutFor(press('Z', { ...mod, shiftKey: true }), false, isMac)).toBe('redo');
      expect(shortcutFor(press('y', mod), false, isMac)).toBe('redo');
    }
    expect(shortcutFor(press('Delete'), false, false)).toBe('delete');
    expect(shortcutFor(press('?', { shiftKey: true }), false, false)).toBe('help');
    expect(SHORTCUTS.map((s) => s.keys).join(' ')).toMatch(/Ctrl\+O.*Ctrl\+S.*Ctrl\+Shift\+S.*Ctrl\+Z.*Ctrl\+Shift\+Z or Ctrl\+Y.*Delete.*\?/);
  });

  it('leaves undo, delete and ? to a text field, but saves and opens from anywhere', () => {
    expect(shortcutFor(press('z', { ctrlKey: true }), true, false)).toBeNull();
    expect(shortcutFor(press('Delete'), true, false)).toBeNull();
    expect(shortcutFor(press('?'), true, false)).toBeNull();
    expect(shortcutFor(press('s', { ctrlKey: true }), true, false)).toBe('save');
    expect(shortcutFor(press('o', { ctrlKey: true }), true, false)).toBe('open');
  });

  it('ignores other keys and the wrong modifier for the platform', () => {
    expect(shortcutFor(press('z', { metaKey: true }), false, false)).toBeNull();
    expect(shortcutFor(press('z', { ctrlKey: true, altKey: true }), false, false)).toBeNull();
    expect(shortcutFor(press('a'), false, false)).toBeNull();
    expect(shortcutFor(press('Backspace'), false, false)).toBeNull();
  });
});
