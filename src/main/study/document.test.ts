/**
 * The study document over a toy workspace section: section-layout migrations on open, a newer layout refused, the
 * history's rules (no entry for a change that changes nothing, the redo branch dropped, the saved position).
 */
import { describe, expect, it } from 'vitest';
import { createStudyDocument } from './document';
import { decodeStudy, encodeStudy } from './format';
import type { SectionSnapshot, StudySection } from './sections';

/** A workspace with a list of notes (layout 2: { notes: string[] }; layout 1 had { note: string }). */
function notesSection(): StudySection<{ notes: string[] }> & { notes: string[] } {
  const section = {
    id: 'notes',
    label: 'Notes',
    version: 2,
    notes: [] as string[],
    snapshot: (): SectionSnapshot<{ notes: string[] }> => ({ state: { notes: [...section.notes] }, files: [] }),
    async restore(s: SectionSnapshot<unknown>) {
      const st = s.state as { notes?: unknown };
      if (!Array.isArray(st.notes)) throw new Error('notes must be a list');
      section.notes = st.notes.map(String);
    },
    async clear() {
      section.notes = [];
    },
    migrate(state: unknown, from: number) {
      if (from === 1) return { notes: [(state as { note: string }).note] };
      throw new Error(`no migration from ${from}`);
    },
  };
  return section;
}

async function fileWith(version: number, state: unknown): Promise<Uint8Array> {
  return encodeStudy({ meta: { title: 'notes', label: null, description: null, appVersion: 'test', created: '', modified: '' }, sections: [{ id: 'notes', version, state, files: [] }], derived: [] });
}

describe('study document', () => {
  it('migrates a section saved with an older layout and refuses a newer one', async () => {
    const section = notesSection();
    const doc = createStudyDocument([section]);
    const notes = await doc.load(await decodeStudy(await fileWith(1, { note: 'H2 at 700 °C' }), 'old.rlab'), '/x/old.rlab', 'old.rlab');
    expect(section.notes).toEqual(['H2 at 700 °C']);
    expect(notes).toEqual(['Notes: settings upgraded from layout 1 to 2']);
    expect(doc.status()).toMatchObject({ name: 'old', path: '/x/old.rlab', dirty: false });
    await expect(doc.load(await decodeStudy(await fileWith(3, { notes: [] }), 'new.rlab'), null, 'new.rlab')).rejects.toThrow(
      /new\.rlab: its Notes part was saved by a newer version of ReductionLab \(layout 3; this version .* reads up to 2\)/,
    );
    // an invalid state leaves the open study as it was
    await expect(doc.load(await decodeStudy(await fileWith(2, { notes: 'not a list' }), 'bad.rlab'), null, 'bad.rlab')).rejects.toThrow(/bad\.rlab could not be opened: notes must be a list/);
    expect(section.notes).toEqual(['H2 at 700 °C']);
  });

  it('records commands that change something, drops the redo branch, and knows the saved position', async () => {
    const section = notesSection();
    const doc = createStudyDocument([section]);
    const add = (text: string) => doc.command('notes', `Add ${text}`, async () => void section.notes.push(text));
    await add('a');
    await add('b');
    await doc.command('notes', 'Nothing', async () => undefined);
    expect(doc.history().entries.map((e) => e.label)).toEqual(['Add a', 'Add b']);
    doc.markSaved('/x/s.rlab', doc.changeCount());
    expect(doc.status().dirty).toBe(false);
    await doc.undo();
    expect(section.notes).toEqual(['a']);
    expect(doc.status()).toMatchObject({ dirty: true, undoLabel: 'Add a', redoLabel: 'Add b' });
    await doc.redo();
    expect(doc.status().dirty).toBe(false);
    await doc.undo();
    await add('c');
    expect(section.notes).toEqual(['a', 'c']);
    expect(doc.status()).toMatchObject({ canRedo: false, dirty: true });
    // the saved state is no longer reachable by undo/redo: dirty whatever the position
    await doc.undo();
    expect(doc.status().dirty).toBe(true);
    // commands run one at a time, in order
    const order: string[] = [];
    await Promise.all([
      doc.command('notes', 'slow', async () => {
        await new Promise((r) => setTimeout(r, 30));
        order.push('slow');
      }),
      doc.command('notes', 'fast', async () => void order.push('fast')),
    ]);
    expect(order).toEqual(['slow', 'fast']);
  });

  it('a save taken before a later change leaves the study dirty', async () => {
    const section = notesSection();
    const doc = createStudyDocument([section]);
    await doc.command('notes', 'Add a', async () => void section.notes.push('a'));
    const at = doc.changeCount();
    await doc.command('notes', 'Add b', async () => void section.notes.push('b'));
    doc.markSaved('/x/s.rlab', at);
    expect(doc.status().dirty).toBe(true);
  });
});
