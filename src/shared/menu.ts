/**
 * Commands the Electron application menu sends to the window (main → renderer, one narrow channel). The renderer
 * runs them exactly as it runs the same keyboard shortcuts and toolbar buttons.
 */
export const MENU_CHANNEL = 'menu:command';

export const menuCommands = ['new', 'example', 'open', 'save', 'saveAs', 'undo', 'redo', 'help'] as const;
export type MenuCommand = (typeof menuCommands)[number] | `openRecent:${string}`;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && ((menuCommands as readonly string[]).includes(value) || (value.startsWith('openRecent:') && value.length > 11 && value.length < 4200));
}

/** The shortcuts, as the help overlay lists them and the menus show them (Cmd on macOS). */
export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'Ctrl+O', action: 'Open a study' },
  { keys: 'Ctrl+S', action: 'Save the study' },
  { keys: 'Ctrl+Shift+S', action: 'Save the study as…' },
  { keys: 'Ctrl+Z', action: 'Undo the last change to the study' },
  { keys: 'Ctrl+Shift+Z or Ctrl+Y', action: 'Redo' },
  { keys: 'Delete', action: 'Remove the selected run (undoable)' },
  { keys: '?', action: 'Show this list of shortcuts' },
  { keys: 'Esc', action: 'Close a dialog' },
];
