#!/usr/bin/env python3
"""
Independent reading of the real files in ../shared/fixtures/more-layouts/ (XRD layouts and the TRIOS Excel export),
written from the documented layouts, for the values pinned in the TypeScript tests:

  src/core/formats/xrd/bruker-raw.test.ts     brk_raw1.raw (RAW v1), brk_raw2.raw (RAW v2)
  src/core/formats/xrd/stoe-raw.test.ts       stoe.raw
  src/core/formats/xrd/beamline-table.test.ts data.dat
  src/core/formats/tga/ta-trios-excel.test.ts TA_instrument_excel.xls (through Debian's python3-xlrd, a reader
                                              that shares no code with ours)

Layouts (little-endian throughout):
- Bruker/Siemens DIFFRAC-AT RAW v1 ("RAW " at 0): per range, from the range start (the magic counts as the first
  range's first 4 bytes): u32 steps +4, f32 time/step +8, f32 step +12, u32 scan mode +16, f32 start 2θ +24,
  f32 θ/χ/φ start +28/+32/+36 (-1e6 = unknown), 32-byte sample name +40, f32 Kα1 +72, f32 Kα2 +76, 72 unused
  bytes, u32 "another range follows" +152, then `steps` f32 counts from +156.
- RAW v2 ("RAW2"): u16 range count at 4, 20-byte date/time at 168, 2-byte anode at 188, f32 Kα1/Kα2/ratio at
  190/194/198, f32 total run time at 210; ranges from 256: u16 header length +0, u16 steps +2, f32 time/step +8,
  f32 step +12, f32 start 2θ +16, u16 temperature (K) +46, counts (f32) from +header length.
- STOE WinXPOW "RAW_1.06Powdat": 512-byte blocks; f32 λ1, λ2 at 0x142/0x146; u16 file length in blocks at 0x1DC,
  u16 intensity-block length in blocks at 0x1DA; the intensity block D = (total − data) × 512 is preceded by the
  range header: u16 points at D−0x1DE, f32 start/end/step of 2θ at D−0x1D4/D−0x1CC/D−0x1C4; counts u32 from D.

Run: python3 scripts/reference/read_more_layouts.py [SHARED_FIXTURES]  (default ../shared/fixtures)
Prints one JSON object; the tests quote its values with this script named as their source.
"""
import json
import math
import struct
import sys
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / 'shared' / 'fixtures'


def f32(b, o):
    return struct.unpack_from('<f', b, o)[0]


def summary(x, y):
    return {
        'points': len(y),
        'firstX': x[0], 'lastX': x[-1],
        'firstY': y[0], 'lastY': y[-1],
        'sumY': sum(y),
        'maxY': max(y),
    }


def raw_v1(path):
    b = path.read_bytes()
    assert b[:4] == b'RAW '
    ranges = []
    pos = 0
    while True:
        steps = struct.unpack_from('<I', b, pos + 4)[0]
        step = f32(b, pos + 12)
        start = f32(b, pos + 24)
        name = b[pos + 40:pos + 72].split(b'\0')[0].decode('latin-1').strip()
        k1, k2 = f32(b, pos + 72), f32(b, pos + 76)
        follows = struct.unpack_from('<I', b, pos + 152)[0]
        y = list(struct.unpack_from(f'<{steps}f', b, pos + 156))
        x = [start + i * step for i in range(steps)]
        ranges.append({**summary(x, y), 'start': start, 'step': step, 'timePerStepS': f32(b, pos + 8),
                       'sample': name, 'kalpha1': k1, 'kalpha2': k2})
        pos += 156 + 4 * steps
        if not follows or pos >= len(b):
            break
    return {'bytes': len(b), 'end': pos, 'ranges': ranges}


def raw_v2(path):
    b = path.read_bytes()
    assert b[:4] == b'RAW2'
    n = struct.unpack_from('<H', b, 4)[0]
    meta = {
        'dateTime': b[168:188].decode('latin-1').strip(),
        'anode': b[188:190].decode('latin-1'),
        'kalpha1': f32(b, 190), 'kalpha2': f32(b, 194), 'ratio': f32(b, 198),
        'title': b[8:168].split(b'\0')[0].decode('latin-1').strip(),
    }
    pos = 256
    ranges = []
    for _ in range(n):
        hl, steps = struct.unpack_from('<HH', b, pos)
        step, start = f32(b, pos + 12), f32(b, pos + 16)
        y = list(struct.unpack_from(f'<{steps}f', b, pos + hl))
        x = [start + i * step for i in range(steps)]
        ranges.append({**summary(x, y), 'start': start, 'step': step, 'timePerStepS': f32(b, pos + 8),
                       'headerLength': hl, 'temperatureK': struct.unpack_from('<H', b, pos + 46)[0]})
        pos += hl + 4 * steps
    return {'bytes': len(b), 'end': pos, **meta, 'ranges': ranges}


def stoe(path):
    b = path.read_bytes()
    assert b[:14] == b'RAW_1.06Powdat'
    total, data = struct.unpack_from('<H', b, 0x1DC)[0], struct.unpack_from('<H', b, 0x1DA)[0]
    d = (total - data) * 512
    n = struct.unpack_from('<H', b, d - 0x1DE)[0]
    start, end, step = f32(b, d - 0x1D4), f32(b, d - 0x1CC), f32(b, d - 0x1C4)
    y = list(struct.unpack_from(f'<{n}I', b, d))
    x = [start + i * step for i in range(n)]
    return {'bytes': len(b), 'dataOffset': d, **summary(x, y), 'start': start, 'end': end, 'step': step,
            'lambda1': f32(b, 0x142), 'lambda2': f32(b, 0x146),
            'date': b[0x10:0x20].split(b'\0')[0].decode('latin-1'),
            'iMin': struct.unpack_from('<I', b, d - 0x188)[0], 'iMax': struct.unpack_from('<I', b, d - 0x184)[0]}


def beamline(path):
    lines = path.read_text().splitlines()
    header = lines[0].split()
    rows = [l.split() for l in lines[1:] if l.strip()]
    col = {h: i for i, h in enumerate(header)}
    images = {}
    for r in rows:
        images.setdefault(int(r[col['imagenum']]), []).append(r)
    out = []
    for k, rs in sorted(images.items()):
        tth = [float(r[col['twotheta']]) for r in rs]
        d = [float(r[col['dspacing']]) for r in rs]
        inten = [float(r[col['intensity']]) for r in rs]
        # λ = 2 d sin θ on every row; report the mean and the spread
        lam = [2 * dd * math.sin(math.radians(t / 2)) for t, dd in zip(tth, d)]
        out.append({**summary(tth, inten), 'image': k, 'lambdaMean': sum(lam) / len(lam),
                    'lambdaMin': min(lam), 'lambdaMax': max(lam), 'izero': float(rs[0][col['izero']]),
                    'date': rs[0][col['date']], 'time': rs[0][col['time']]})
    return {'rows': len(rows), 'images': out}


def trios_xls(path):
    try:
        import xlrd  # Debian's python3-xlrd (1.2): reads BIFF8
    except ImportError:
        return None
    wb = xlrd.open_workbook(str(path))
    sheets = []
    for s in wb.sheets():
        first = [c.value for c in s.row(0)] if s.nrows else []
        last = [c.value for c in s.row(s.nrows - 1)] if s.nrows else []
        sums = None
        if s.nrows > 3 and s.name != 'Details':
            sums = [sum(float(s.cell_value(r, c)) for r in range(3, s.nrows) if s.cell_type(r, c) == xlrd.XL_CELL_NUMBER) for c in range(s.ncols)]
        sheets.append({'name': s.name, 'rows': s.nrows, 'cols': s.ncols, 'first': first, 'last': last,
                       'row3': [c.value for c in s.row(3)] if s.nrows > 3 else None, 'columnSums': sums})
    return {'datemode': wb.datemode, 'sheets': sheets}


if __name__ == '__main__':
    xrd = ROOT / 'more-layouts' / 'xrd'
    tga = ROOT / 'more-layouts' / 'tga'
    print(json.dumps({
        'brk_raw1.raw': raw_v1(xrd / 'brk_raw1.raw'),
        'brk_raw2.raw': raw_v2(xrd / 'brk_raw2.raw'),
        'stoe.raw': stoe(xrd / 'stoe.raw'),
        'data.dat': beamline(xrd / 'data.dat'),
        'TA_instrument_excel.xls': trios_xls(tga / 'TA_instrument_excel.xls'),
    }, indent=1, ensure_ascii=False))
