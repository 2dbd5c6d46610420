/**
 * The study's figures in the renderer: each plot's figure dialog settings and width preset, and the composer's
 * width and layout, as main keeps them (section 'figures', src/main/figures-session.ts). Loaded on start and after
 * every open, undo or redo (App's reload); a change is sent to main at once (an undoable command) and shown at once.
 */
import { useSyncExternalStore } from 'react';
import type { ComposerData, FigureEntry, FiguresState } from '../../../shared/figures-api';
import { api, errorText } from '../api';
import { studyTouched } from '../features/study/useStudy';

const EMPTY: FiguresState = { figures: {}, composer: { presetId: '', layout: 'column' } };
let state: FiguresState = EMPTY;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** The plot's key in the study: '<prefix>:<view>' ('tga:conversion', 'xrd:results'). */
export const figureKey = (prefix: string, view: string): string => `${prefix}:${view}`;

export async function loadFigures(): Promise<void> {
  try {
    state = await api.figGetState();
    emit();
  } catch {
    // an older server or a closed session: the figures keep their defaults
  }
}

async function send(call: () => Promise<FiguresState>, notify?: (kind: 'error', text: string) => void): Promise<void> {
  try {
    state = await call();
    emit();
    studyTouched();
  } catch (e) {
    notify?.('error', `The figure settings were not saved in the study: ${errorText(e)}`);
  }
}

export function saveFigure(key: string, entry: FigureEntry | null, notify?: (kind: 'error', text: string) => void): void {
  // shown at once; main's answer (the same) replaces it
  const figures = { ...state.figures };
  if (entry === null) delete figures[key];
  else figures[key] = entry;
  state = { ...state, figures };
  emit();
  void send(() => api.figSetFigure(key, entry), notify);
}

export function saveComposer(composer: ComposerData, notify?: (kind: 'error', text: string) => void): void {
  state = { ...state, composer };
  emit();
  void send(() => api.figSetComposer(composer), notify);
}

export function useFigures(): FiguresState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
