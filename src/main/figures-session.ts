/**
 * The figures of the study (section 'figures'): for each plot the figure dialog's settings and width preset, and the
 * composer's width and layout. A small JSON state with no files; every change is an undoable command, and the
 * state read from a file is validated with the contract's schema (anything that does not parse is left out, with
 * the rest kept). See src/shared/figures-api.ts.
 */
import type { FiguresApi, FiguresState } from '../shared/figures-api';
import { DEFAULT_COMPOSER, figureEntrySchema, composerSchema } from '../shared/figures-api';
import { quoted, type StudyCommands, type StudySection } from './study/sections';

export const FIGURES_COMMANDS: StudyCommands = {
  figSetFigure: { section: 'figures', label: (args) => (args[1] === null ? `Reset the figure ${quoted(String(args[0]))}` : `Change the figure ${quoted(String(args[0]))}`) },
  figSetComposer: { section: 'figures', label: () => 'Change the figure composer’s width or layout' },
};

const empty = (): FiguresState => ({ figures: {}, composer: { ...DEFAULT_COMPOSER } });

/** A state read from a study: every entry that parses, the defaults for the rest. */
export function validFiguresState(raw: unknown): FiguresState {
  const out = empty();
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as { figures?: unknown; composer?: unknown };
  if (r.figures && typeof r.figures === 'object') {
    for (const [key, value] of Object.entries(r.figures as Record<string, unknown>)) {
      const parsed = figureEntrySchema.safeParse(value);
      if (parsed.success && key.length <= 200) out.figures[key] = parsed.data;
    }
  }
  const c = composerSchema.safeParse(r.composer);
  if (c.success) out.composer = c.data;
  return out;
}

export function createFiguresSession(): { section: StudySection<FiguresState>; api: FiguresApi } {
  let state = empty();
  const view = (): FiguresState => structuredClone(state);
  const section: StudySection<FiguresState> = {
    id: 'figures',
    label: 'Figures',
    version: 1,
    snapshot: () => ({ state: structuredClone(state), files: [] }),
    restore: async (snapshot) => {
      state = validFiguresState(snapshot.state);
    },
    clear: async () => {
      state = empty();
    },
  };
  const api: FiguresApi = {
    async figGetState() {
      return view();
    },
    async figSetFigure(key, entry) {
      const figures = { ...state.figures };
      if (entry === null) delete figures[key];
      else figures[key] = structuredClone(entry);
      state = { ...state, figures };
      return view();
    },
    async figSetComposer(composer) {
      state = { ...state, composer: { ...composer } };
      return view();
    },
  };
  return { section, api };
}
