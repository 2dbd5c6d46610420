#!/usr/bin/env python3
"""
Write test/fixtures/tga/generated/trios-synthetic.xlsx: a TRIOS-style Excel export made up here (not an instrument's
file), written by Debian's python3-openpyxl so the .xlsx reader meets an independent writer's SpreadsheetML (shared
strings, number cells, an empty cell, a date cell). Layout as TRIOS writes it: a 'Details' sheet of key/value rows and
one sheet per step with a title row, a names row, a units row and data.

Run: /usr/bin/python3 scripts/make-trios-xlsx.py   (needs python3-openpyxl; the output is committed)
The values below are the ones src/core/formats/tga/ta-trios-excel.test.ts checks.
"""
import datetime
from pathlib import Path

from openpyxl import Workbook

OUT = Path(__file__).resolve().parents[1] / 'test' / 'fixtures' / 'tga' / 'generated' / 'trios-synthetic.xlsx'

wb = Workbook()
d = wb.active
d.title = 'Details'
rows = [
    ('Filename', 'synthetic.xlsx'),
    ('Instrument name', 'TGA'),
    ('rundate', datetime.datetime(2025, 5, 3, 20, 37, 28)),
    ('Sample name', 'Fe2O3 synthetic'),
    ('proceduresegments', 'Select Gas: Gas 2 ; Ramp 20.00 °C/min to 700.00 °C; Isothermal 10.0 min; Ramp 20.00 °C/min to 100.00 °C'),
    ('[Procedure]', None),
    ('Sample Mass', '50.000 mg'),
    ('Pan Type', 'Platinum (100 uL)'),
]
for r in rows:
    d.append(list(r))

# Step 1: ramp 25 → 700 °C at 20 °C/min (33.75 min), one point per 0.25 min; step 2: 10 min hold; step 3: cool.
# Mass: 50 mg → 49.5 mg linearly over the ramp, then 49.5 mg; Weight (%) = mass / 50 mg × 100.
def step(title, t0, t1, temp):
    ws = wb.create_sheet(title.replace('/', ''))
    ws.append([title])
    ws.append(['Time', 'Temperature', 'Weight', 'Weight'])
    ws.append(['min', '°C', 'mg', '%'])
    n = int(round((t1 - t0) / 0.25))
    for i in range(n + 1):
        t = round(t0 + 0.25 * i, 4)
        T = round(temp(t), 4)
        m = round(50.0 - 0.5 * min(t, 33.75) / 33.75, 6)
        ws.append([t, T, m, round(m / 50.0 * 100, 6)])
    return ws

step('Ramp 20.00 °C/min to 700.00 °C', 0.0, 33.75, lambda t: 25 + 20 * t)
hold = step('Isothermal 10.0 min', 34.0, 43.75, lambda t: 700.0)
hold.cell(row=5, column=2).value = None  # one empty temperature cell, read as NaN
step('Ramp 20.00 °C/min to 100.00 °C', 44.0, 74.0, lambda t: 700 - 20 * (t - 44))
OUT.parent.mkdir(parents=True, exist_ok=True)
wb.save(OUT)
print(OUT)
