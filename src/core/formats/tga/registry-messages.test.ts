/** What the registry tells a user about a file no TGA module reads (index.ts), on small hand-written files. */
import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { importTga } from './index';

const refusal = (fileName: string, text: string): FormatError => {
  try {
    importTga(fileName, new TextEncoder().encode(text));
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error(`${fileName} was read`);
};

describe('TGA registry: files no module reads', () => {
  it('calls JSON JSON, also after leading blank lines and spaces', () => {
    expect(refusal('truth.json', '{"alpha": [0, 0.5, 1]}\n').message).toMatch(/^truth\.json: expected a TGA export, not JSON\. Readable formats: /);
    expect(refusal('pretty.json', '\n\n   [\n  {"t": 0, "m": 10}\n]\n').message).toMatch(/^pretty\.json: expected a TGA export, not JSON\. Readable formats: /);
    expect(refusal('note.txt', 'just a note, no numbers\n').message).not.toContain('not JSON');
  });
});
