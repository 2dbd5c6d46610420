/**
 * The claim (detect score) of each vendor parser on heads written for the purpose: which lines raise it, by how
 * much, and what leaves a file unclaimed. Scores as the parsers state them (mettler-stare.ts, ta-universal.ts).
 */
import { describe, expect, it } from 'vitest';
import type { DetectInput } from '../types';
import { mettlerStare } from './mettler-stare';
import { netzschAscii } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { pyrisCsv, pyrisText } from './pyris';
import { setaramText } from './setaram';
import { taTrios } from './ta-trios';
import { taTriosExcel } from './ta-trios-excel';
import { taUniversal } from './ta-universal';

const input = (headText: string, fileName = 'x.dat') => ({ fileName, headText, headBytes: new Uint8Array() });

describe('STARe claim', () => {
  const columns = '          Index              t             Ts             Tr          Value';
  const units = '                           [s]           [°C]           [°C]           [mg]';
  it('0.95 with the column line and an indented units line; 0.8 with the column line and a STARe label; else 0', () => {
    expect(mettlerStare.detect(input(`Title\n${columns}\n${units}\n`))).toBe(0.95);
    for (const label of ['Curve Name:', 'Curve Values:', 'SampleID:', 'STARe SW 16.00']) {
      expect(mettlerStare.detect(input(`${label}\n${columns}\n`)), label).toBe(0.8);
    }
    expect(mettlerStare.detect(input(`${columns}\n`))).toBe(0);
    // The units line must be indented and hold [s] then two more bracketed units.
    expect(mettlerStare.detect(input(`${columns}\n[s] [°C] [mg]\n`))).toBe(0);
    expect(mettlerStare.detect(input(`${columns}\n   [s]   [°C]\n`))).toBe(0);
    expect(mettlerStare.detect(input(`${columns}\n   [min]   [°C]   [mg]\n`))).toBe(0);
    // Without the column line, labels alone are not enough.
    expect(mettlerStare.detect(input(`Curve Name:\n${units}\n`))).toBe(0);
    expect(mettlerStare.detect(input(`Curve Name:\n    Index   Tr\n`))).toBe(0);
    expect(mettlerStare.detect(input(`Curve Name:\n    Index   t   Value\n`))).toBe(0.8);
  });
});

describe('Universal Analysis claim', () => {
  it('0.95 for Nsig and Sig1 lines, 0.85 for OrgMethod or StartOfData; +0.02 for CLOSED first, +0.01 for txt/csv/asc', () => {
    const sigs = 'Nsig\t3\nSig1\tTime (min)\n';
    expect(taUniversal.detect(input(sigs))).toBeCloseTo(0.95, 12);
    expect(taUniversal.detect(input(`CLOSED\n${sigs}`))).toBeCloseTo(0.97, 12);
    expect(taUniversal.detect(input(`CLOSED\n${sigs}`, 'run.txt'))).toBeCloseTo(0.98, 12);
    for (const ext of ['csv', 'asc', 'TXT']) expect(taUniversal.detect(input(sigs, `run.${ext}`)), ext).toBeCloseTo(0.96, 12);
    expect(taUniversal.detect(input('OrgMethod\t1: Ramp\n'))).toBeCloseTo(0.85, 12);
    expect(taUniversal.detect(input('Sample\tx\nStartOfData\n'))).toBeCloseTo(0.85, 12);
    expect(taUniversal.detect(input('\uFEFFNsig\t3\nSig1\tTime (min)\n'))).toBeCloseTo(0.95, 12);
    // Nsig without Sig1, or Sig1 without Nsig, falls to the weaker signs (none here).
    expect(taUniversal.detect(input('Nsig\t3\nSig2\tx\n'))).toBe(0);
    expect(taUniversal.detect(input('Sig1\tTime (min)\n'))).toBe(0);
    expect(taUniversal.detect(input('StartOfData now\n'))).toBe(0);
    // CLOSED counts only as a line of its own near the start.
    expect(taUniversal.detect(input(`${'x'.repeat(40)}\nCLOSED\n${sigs}`))).toBeCloseTo(0.95, 12);
    expect(taUniversal.detect(input(`CLOSED!\n${sigs}`))).toBeCloseTo(0.95, 12);
  });
});

describe('a claim never throws', () => {
  it('each vendor parser scores 0, without throwing, for a head it cannot read (no text, no bytes)', () => {
    const broken = { fileName: 'x.txt', headText: undefined, headBytes: undefined } as unknown as DetectInput;
    for (const f of [mettlerStare, netzschAscii, netzschNgb, pyrisCsv, pyrisText, setaramText, taTrios, taTriosExcel, taUniversal]) {
      expect(f.detect(broken), f.id).toBe(0);
    }
  });
});

