/**
 * Image-stack readers on the simulated LVP stacks (scripts/make-radiography-simulation.py writes them with tifffile,
 * h5py and libtiff, independently of these readers): every layout gives the same pixels.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../types';
import { memorySource, openStackFromBytes, openTiffFolder, openTiffStack, readFrame, readFrameFloat } from './index';

const DIR = resolve(__dirname, '../../../../test/fixtures/simulated/radiography-lvp');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { noisefreeMeans: Record<string, number[]>; noisyMeans: Record<string, number[]>; intervalS: number };

function frameMean(px: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < px.length; i++) s += px[i];
  return s / px.length;
}

describe('TIFF stacks', () => {
  it('reads a plain multi-page uint16 TIFF: size, type, no times, exact frame means', async () => {
    const stack = await openTiffStack(memorySource('noisefree.tif', bytes('noisefree.tif')));
    expect([stack.width, stack.height, stack.frameCount, stack.pixelType]).toEqual([64, 48, 40, 'uint16']);
    expect(stack.timeSource).toBe('none');
    for (const i of [0, 17, 39]) expect(frameMean(await readFrame(stack, i))).toBe(truth.noisefreeMeans.frame[i]);
  });

  it('reads an ImageJ hyperstack with its frame interval', async () => {
    const stack = await openTiffStack(memorySource('noisy-imagej.tif', bytes('noisy-imagej.tif')));
    expect(stack.frameCount).toBe(160);
    expect(stack.timeSource).toBe('interval');
    expect(stack.frames[10].timeS).toBeCloseTo(10 * truth.intervalS, 12);
    expect(frameMean(await readFrame(stack, 159))).toBeCloseTo(truth.noisyMeans.frame[159], 9);
  });

  it('big-endian Deflate with predictor and LZW pages (utif2) give the same pixels as the plain stack', async () => {
    const plain = await openTiffStack(memorySource('noisy-imagej.tif', bytes('noisy-imagej.tif')));
    for (const name of ['noisy-deflate-be.tif', 'noisy-lzw.tif']) {
      const stack = await openTiffStack(memorySource(name, bytes(name)));
      expect(stack.frameCount).toBe(12);
      for (const i of [0, 5, 11]) expect(Array.from(await readFrame(stack, i))).toEqual(Array.from(await readFrame(plain, i)));
    }
  });

  it('a folder of single-page TIFFs is a stack in name order, times from the names, other files ignored', async () => {
    const names = readdirSync(join(DIR, 'folder'));
    const { stack, ignored } = await openStackFromBytes(names.map((n) => ({ name: n, bytes: bytes(join('folder', n)) })).reverse(), { folderName: 'folder' });
    expect(ignored).toEqual(['README.txt']);
    expect(stack.frameCount).toBe(12);
    expect(stack.timeSource).toBe('elapsed');
    expect(stack.frames.map((f) => f.timeS)).toEqual(Array.from({ length: 12 }, (_, i) => Number((i * 0.33).toFixed(2))));
    for (const i of [0, 11]) expect(frameMean(await readFrame(stack, i))).toBe(truth.noisefreeMeans.frame[i]);
  });

  it('refuses a stack of mixed frame sizes, naming the file and the size expected', async () => {
    const files = ['a_000.tif', 'a_001.tif'].map((n) => memorySource(n, bytes(join('mixed-sizes', n))));
    await expect(openTiffFolder(files, 'mixed-sizes')).rejects.toThrow(/mixed-sizes: expected frames of one size and type \(64×48 uint16, like a_000\.tif\), found "60×48 uint16 in a_001\.tif"/);
  });

  it('refuses damaged files with a FormatError naming the file', async () => {
    const good = bytes('noisefree.tif');
    await expect(openTiffStack(memorySource('cut.tif', good.subarray(0, 5000)))).rejects.toBeInstanceOf(FormatError);
    await expect(openTiffStack(memorySource('cut.tif', good.subarray(0, 5000)))).rejects.toThrow(/^cut\.tif: /);
    await expect(openTiffStack(memorySource('text.tif', new TextEncoder().encode('hello, not an image')))).rejects.toThrow(/text\.tif: expected a TIFF header/);
    await expect(openStackFromBytes([{ name: 'notes.txt', bytes: new TextEncoder().encode('x') }])).rejects.toThrow(/expected a TIFF stack, a folder of TIFF files or an HDF5 file/);
  });
});

describe('HDF5 stacks', () => {
  it('reads /exchange/data frame by frame with its dark and flat fields and times in ms', async () => {
    const { stack } = await openStackFromBytes([{ name: 'dataexchange.h5', bytes: bytes('dataexchange.h5') }]);
    expect([stack.width, stack.height, stack.frameCount, stack.pixelType]).toEqual([64, 48, 60, 'uint16']);
    expect(stack.metadata.dataset).toBe('/exchange/data');
    expect(stack.dark).not.toBeNull();
    expect(stack.flat).not.toBeNull();
    expect(stack.timeSource).toBe('elapsed');
    expect(stack.frames[3].timeS).toBeCloseTo(3 * 0.33, 9);
    const f = await readFrameFloat(stack, 7);
    // (raw − dark)/(flat − dark) = noisy/65535 up to the uint16 rounding of raw
    let s = 0;
    for (let i = 0; i < f.length; i++) s += (f[i] - stack.dark![i]) / (stack.flat![i] - stack.dark![i]);
    expect((s / f.length) * 65535).toBeCloseTo(truth.noisyMeans.frame[7], 0);
    await stack.close();
  });
});
