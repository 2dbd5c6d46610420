import { describe, expect, it } from 'vitest';
import { addNotice, expire, fading, fileMessage, headline, INFO_MS, type Notice } from './notices';

const at = 1_000_000;
const n = (id: number, kind: Notice['kind'], text: string, t = at): Omit<Notice, 'repeats'> => ({ id, kind, text, at: t });

describe('notices', () => {
  it('collapse into one line: the newest error first, with the count of the others', () => {
    let list: Notice[] = [];
    list = addNotice(list, n(1, 'info', 'Saved a.svg'));
    list = addNotice(list, n(2, 'error', 'Could not import b.csv: line 3: no time column'));
    list = addNotice(list, n(3, 'info', 'Saved c.csv'));
    expect(headline(list)).toEqual({ shown: expect.objectContaining({ id: 2 }), others: 2, errors: 1 });
    expect(headline([])).toEqual({ shown: null, others: 0, errors: 0 });
  });

  it('count repeats of the same notice instead of stacking them', () => {
    let list: Notice[] = [];
    list = addNotice(list, n(1, 'error', 'x'));
    list = addNotice(list, n(2, 'error', 'x', at + 5));
    expect(list).toHaveLength(1);
    expect(list[0].repeats).toBe(2);
    expect(list[0].at).toBe(at + 5);
  });

  it('information fades and expires; errors stay', () => {
    const list = [addNotice([], n(1, 'info', 'Saved'))[0], addNotice([], n(2, 'error', 'Bad'))[0]];
    expect(fading(list[0], at + 1000)).toBe(false);
    expect(fading(list[0], at + INFO_MS - 100)).toBe(true);
    expect(fading(list[1], at + INFO_MS - 100)).toBe(false);
    expect(expire(list, at + INFO_MS).map((x) => x.id)).toEqual([2]);
    expect(expire(list, at + 10)).toBe(list);
  });

  it('name the file once in a message about it', () => {
    expect(fileMessage('Could not import', 'a.csv', 'a.csv, line 4: expected a number')).toBe('Could not import a.csv, line 4: expected a number');
    expect(fileMessage('Could not import', 'a.csv', 'a.csv: a.csv, line 4: expected a number')).toBe('Could not import a.csv, line 4: expected a number');
    expect(fileMessage('Could not import', 'a.csv', 'a.csv: no reader recognises it')).toBe('Could not import a.csv: no reader recognises it');
    expect(fileMessage('Could not import', 'a.csv', 'no reader recognises it')).toBe('Could not import a.csv: no reader recognises it');
    expect(fileMessage('Could not import', 'a.csv', 'the worker of a.csv ran out of memory')).toBe('Could not import: the worker of a.csv ran out of memory');
  });
});
