/**
 * Electron main process: lifecycle, menu, native dialogs, and the Api wired through src/main/ipc.ts.
 * The renderer is served from app://reductionlab (see window.ts); in `electron-vite dev` from the dev server.
 */
import { app, BrowserWindow, dialog } from 'electron';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHandlers, type HandlerDeps } from './handlers';
import { rendererDevUrl, safeSaveName } from './electron-policy';
import { registerIpc } from './ipc';
import { createImportPool } from './import-pool';
import { createMainWindow, registerAppScheme, serveRenderer } from './window';
// electron-vite bundles the worker as its own chunk and gives its path.
import importWorkerPath from './workers/import.worker?modulePath';
import xrdWorkerPath from './workers/xrd-analysis.worker?modulePath';
import rietveldWorkerPath from './workers/rietveld-worker?modulePath';
import imagingWorkerPath from './workers/imaging.worker?modulePath';
import kineticsWorkerPath from './workers/kinetics.worker?modulePath';
import { createWorkerKineticsRunner } from './kinetics-runner';
import { createWorkerXrdRunner } from './xrd-analysis-runner';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from './atomic-write';
import { createElectronStudyHost } from './study/electron-host';
import { workerStudyDecoder, workerStudyEncoder } from './study/worker-encode';
import type { StudyDocument } from './study/document';

registerAppScheme();

/** electron-vite's dev server, honoured only in an unpackaged app (electron-policy.ts). */
const devServerUrl = rendererDevUrl(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
/** Folder of the bundled main script (out/main): the preload and the renderer lie beside it. */
const here = fileURLToPath(new URL('.', import.meta.url));
let mainWindow: BrowserWindow | null = null;

const TGA_EXTENSIONS = ['csv', 'txt', 'tsv', 'dat', 'asc', 'xls', 'xlsx', 'ngb-ss3', 'ngb', 'tri', 'json'];
const XRD_EXTENSIONS = ['xy', 'dat', 'chi', 'xye', 'fxye', 'gsa', 'raw', 'xrdml', 'brml', 'uxd', 'ras', 'rasx', 'rd', 'sd', 'h5', 'hdf5', 'nxs', 'csv', 'txt'];

function exampleDir(): string | null {
  const candidates = [join(process.resourcesPath ?? '', 'example'), join(app.getAppPath(), 'resources', 'example')];
  return candidates.find((dir) => existsSync(join(dir, 'study.json'))) ?? null;
}

const log: HandlerDeps['log'] = (level, message) => {
  const line = `[${level}] ${message}`;
  if (level === 'error') console.error(line);
  else console.log(line);
};

async function pickFiles(kind: 'tga' | 'xrd' | 'radiography'): Promise<string[]> {
  const options: Electron.OpenDialogOptions =
    kind === 'radiography'
      ? {
          title: 'Open a radiography stack (a multi-page TIFF, the TIFFs of a folder, or an HDF5 file)',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Image stacks', extensions: ['tif', 'tiff', 'btf', 'h5', 'hdf5', 'hdf', 'nxs'] },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : kind === 'tga'
      ? {
          title: 'Import TGA runs',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'TGA exports', extensions: TGA_EXTENSIONS },
            { name: 'All files', extensions: ['*'] },
          ],
        }
      : {
          title: 'Open the frames of an in situ SXRD sequence',
          properties: ['openFile', 'multiSelections'],
          filters: [
            { name: 'Integrated patterns', extensions: XRD_EXTENSIONS },
            { name: 'All files', extensions: ['*'] },
          ],
        };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

const saveFile: HandlerDeps['saveFile'] = async (request) => {
  const options: Electron.SaveDialogOptions = {
    title: 'Save',
    defaultPath: join(app.getPath('documents'), safeSaveName(request.suggestedName)),
    filters: [{ name: request.filterName, extensions: request.extensions }],
  };
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  // temporary file, flush, rename: an export never leaves half a file (atomic-write.ts)
  await writeFileAtomic(result.filePath, request.data);
  return result.filePath;
};

void app.whenReady().then(async () => {
  if (!devServerUrl) serveRenderer(join(here, '../renderer'));
  const imports = createImportPool(pathToFileURL(importWorkerPath));
  const study = createElectronStudyHost(() => mainWindow);
  let doc: StudyDocument | null = null;
  const api = createHandlers({
    parseTga: imports.parseTga,
    importFile: imports.run,
    readFile: async (path) => new Uint8Array(await readFile(path)),
    pickFiles,
    saveFile,
    exampleDir: exampleDir(),
    log,
    runXrdAnalysis: createWorkerXrdRunner(pathToFileURL(xrdWorkerPath), pathToFileURL(rietveldWorkerPath)),
    // study files are written in the import workers too: a big autosave never holds the window's IPC
    studyHost: { ...study.host, encodeStudy: workerStudyEncoder(imports.run), decodeStudy: workerStudyDecoder(imports.run) },
    onDocument: (d) => (doc = d),
    imagingWorkerUrl: pathToFileURL(imagingWorkerPath),
    runKinetics: createWorkerKineticsRunner(pathToFileURL(kineticsWorkerPath)),
  });
  registerIpc(api, devServerUrl);
  study.buildMenu();
  // First start opens the example study (simulated, and labelled so in the window).
  await api.openExampleStudy().catch((error: unknown) => log('warn', `example study not opened: ${error instanceof Error ? error.message : String(error)}`));
  const openWindow = (): BrowserWindow => {
    const win = createMainWindow(join(here, '../preload/index.cjs'), devServerUrl);
    // ask before a window with unsaved changes closes (Save / Don't Save / Cancel)
    study.guardClose(win, api, () => doc);
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    return win;
  };
  mainWindow = openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = openWindow();
  });
  app.on('before-quit', () => void imports.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
