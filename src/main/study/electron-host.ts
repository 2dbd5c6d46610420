/**
 * The desktop app's study host: native Open/Save dialogs for .rlab files, the recent list (kept in the user folder,
 * atomically, and given to the OS), the recovery folder, the File/Edit/Help menus with their accelerators, and the
 * question before a window with unsaved changes closes. The menu's items send commands to the window, which runs
 * them as it runs the same shortcuts (their accelerators are shown, not registered, so text fields keep their own
 * undo; the window handles the keys).
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { Api } from '../../shared/api';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/menu';
import { writeFileAtomic } from '../atomic-write';
import type { Autosaver } from './autosave';
import type { StudyDocument } from './document';
import { STUDY_EXTENSION } from './format';
import { createRecoveryStore } from './recovery';
import type { StudyHost } from './study-api';

const RECENT_MAX = 10;

export interface ElectronStudyHost {
  host: StudyHost;
  /** Build the application menu (again, when the recent list changes). */
  buildMenu(): void;
  /** Ask before a window with unsaved changes closes; call once the Api and the window exist. */
  guardClose(win: BrowserWindow, api: Api, doc: () => StudyDocument | null): void;
}

export function createElectronStudyHost(window: () => BrowserWindow | null): ElectronStudyHost {
  const userData = app.getPath('userData');
  const recentFile = join(userData, 'recent.json');
  const id = `desktop-${randomUUID()}`;
  const store = createRecoveryStore(join(userData, 'recovery'), (other) => other === id);
  let recent: string[] = [];
  let autosaver: Autosaver | null = null;
  const loaded = readFile(recentFile, 'utf8')
    .then((text) => {
      const list = JSON.parse(text) as unknown;
      if (Array.isArray(list)) recent = list.filter((p): p is string => typeof p === 'string').slice(0, RECENT_MAX);
    })
    .catch(() => undefined)
    .then(() => buildMenu());

  const send = (command: MenuCommand) => window()?.webContents.send(MENU_CHANNEL, command);
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => send(command),
  });

  function buildMenu(): void {
    const isMac = process.platform === 'darwin';
    const template: MenuItemConstructorOptions[] = [
      ...(isMac ? [{ role: 'appMenu' as const }] : []),
      {
        label: 'File',
        submenu: [
          item('New Session', 'new'),
          item('Example Study', 'example'),
          { type: 'separator' },
          item('Open…', 'open', 'CmdOrCtrl+O'),
          {
            label: 'Open Recent',
            submenu: recent.length === 0 ? [{ label: 'No recent studies', enabled: false }] : recent.map((p) => item(p, `openRecent:${p}`)),
          },
          { type: 'separator' },
          item('Save', 'save', 'CmdOrCtrl+S'),
          item('Save As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
          { type: 'separator' },
          isMac ? { role: 'close' } : { role: 'quit' },
        ],
      },
      {
        label: 'Edit',
        submenu: [
          item('Undo', 'undo', 'CmdOrCtrl+Z'),
          item('Redo', 'redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
          { type: 'separator' },
          { role: 'cut' },
          { role: 'copy' },
          { role: 'paste' },
          { role: 'selectAll' },
        ],
      },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
      {
        role: 'help',
        submenu: [item('Keyboard Shortcuts', 'help', 'Shift+/'), { label: 'Open the app folder', click: () => void shell.openPath(app.getAppPath()) }],
      },
    ];
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  const host: StudyHost = {
    async pickStudyToOpen() {
      const options: Electron.OpenDialogOptions = {
        title: 'Open a study',
        properties: ['openFile'],
        filters: [
          { name: 'ReductionLab study', extensions: [STUDY_EXTENSION] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const win = window();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
    },
    async pickStudySavePath(suggestedName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save the study',
        defaultPath: join(app.getPath('documents'), suggestedName.split(/[\\/]/).pop() ?? `study.${STUDY_EXTENSION}`),
        filters: [{ name: 'ReductionLab study', extensions: [STUDY_EXTENSION] }],
      };
      const win = window();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      return /\.rlab$/i.test(result.filePath) ? result.filePath : `${result.filePath}.${STUDY_EXTENSION}`;
    },
    recent: {
      async list() {
        await loaded;
        return [...recent];
      },
      async add(path) {
        await loaded;
        recent = [path, ...recent.filter((p) => p !== path)].slice(0, RECENT_MAX);
        app.addRecentDocument(path);
        await writeFileAtomic(recentFile, JSON.stringify(recent, null, 2)).catch(() => undefined);
        buildMenu();
      },
    },
    recovery: { store, id },
    onAutosaver: (a) => (autosaver = a),
  };

  function guardClose(win: BrowserWindow, api: Api, doc: () => StudyDocument | null): void {
    let mayClose = false;
    win.on('close', (event) => {
      const current = doc();
      if (mayClose || !current || !current.status().dirty) return;
      event.preventDefault();
      void (async () => {
        const { response } = await dialog.showMessageBox(win, {
          type: 'warning',
          buttons: ['Save', 'Don’t Save', 'Cancel'],
          defaultId: 0,
          cancelId: 2,
          message: `Do you want to save the changes to “${current.status().name}”?`,
          detail: 'Your changes will be lost if you don’t save them.',
        });
        if (response === 2) return;
        if (response === 0) {
          try {
            const saved = await api.studySave();
            if (!saved || saved.dirty) return; // cancelled, or changed meanwhile
          } catch (error) {
            await dialog.showMessageBox(win, { type: 'error', message: 'The study was not saved.', detail: error instanceof Error ? error.message : String(error) });
            return;
          }
        } else {
          await api.studyDiscardChanges();
        }
        mayClose = true;
        win.close();
      })();
    });
  }

  // A normal quit comes after the question above: nothing more to autosave.
  app.on('before-quit', () => autosaver?.dispose());

  return { host, buildMenu, guardClose };
}
