/**
 * Whole parse results of the real instrument files each vendor parser reads (../shared/fixtures, read in place; a
 * test skips, with its reason, when its file is absent). Every field is pinned, not a sample of them: source (lines,
 * encoding, columns with units and roles), sample, mass note, warnings word for word, segments, gas events, programme
 * and all metadata. Arrays are pinned by [length, first, last].
 *
 * How the expected values were checked (4 Dec 2026): first and last data rows against the file's own text (time
 * converted to s: Pyris and NETZSCH ASCII minutes × 60; TRIOS µg × 0.001; NETZSCH % × #SAMPLE MASS / 100), the
 * programme corners against the set-point columns (e.g. Mettler Tr 35 → 650 °C at 0.5 °C/s reaches 650 °C at 1230 s),
 * TRIOS's implied sample mass as mg / (% / 100) of the first row (5.891 / 0.968161 = 6.0847 mg), sample fields
 * against the header lines they come from. For the text formats every metadata value is also checked below to occur
 * verbatim in the decoded file (a reader independent of the parsers: TextDecoder with the stated encoding).
 */
import { describe, expect, it } from 'vitest';
import { missingShared, readShared } from '../../../../test/fixtures/shared-fixtures';
import type { TgaRun } from '../../../shared/types';
import type { FormatModule } from '../types';
import { mettlerStare } from './mettler-stare';
import { netzschAscii } from './netzsch-ascii';
import { netzschNgb } from './netzsch-ngb';
import { pyrisCsv, pyrisText } from './pyris';
import { setaramText } from './setaram';
import { taTrios } from './ta-trios';
import { taTriosExcel } from './ta-trios-excel';
import { taUniversal } from './ta-universal';

type Ends = [number, number, number] | null;
const ends = (a: Float64Array | null): Ends => (a ? [a.length, a[0], a[a.length - 1]] : null);

/** The run with every array reduced to [length, first, last]. */
function whole(run: TgaRun) {
  return {
    ...run,
    timeS: ends(run.timeS),
    temperatureC: ends(run.temperatureC),
    massMg: ends(run.massMg),
    massPercent: ends(run.massPercent),
    channels: run.channels.map((c) => ({ ...c, values: ends(c.values) })),
  };
}

function parse(format: FormatModule<TgaRun>, rel: string): TgaRun {
  return format.parse({ fileName: rel.split('/').pop() as string, bytes: readShared(rel) });
}

/**
 * Every line of every metadata value occurs in the file as decoded with the encoding the parser reports, except the
 * keys named as derived. `degree` names a byte the file writes for the degree sign (NETZSCH's 0x9B: U+009B or '›' as
 * decoders read windows-1252), replaced by '°' as the parser's warning says.
 */
function expectMetadataFromFile(run: TgaRun, rel: string, derived: string[] = [], degree?: RegExp): void {
  const decoded = new TextDecoder(run.source.encoding).decode(readShared(rel));
  const text = degree ? decoded.replace(degree, '°') : decoded;
  for (const [key, value] of Object.entries(run.metadata)) {
    if (derived.includes(key)) continue;
    for (const line of value.split('\n')) expect(text, `${key}: ${line}`).toContain(line);
  }
}

describe('mettler-stare: whole results of the real files', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt'))('mettlerToledoWeight.txt', () => {
    const run = parse(mettlerStare, 'tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "mettlerToledoWeight.txt",
        "formatId": "mettler-stare",
        "formatLabel": "Mettler-Toledo STARe text export",
        "encoding": "windows-1252",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 11,
        "dataStartLine": 13,
        "dataEndLine": 2263,
        "columns": [
          {
            "name": "Index",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "t",
            "unit": "s",
            "role": "time"
          },
          {
            "name": "Ts",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Tr",
            "unit": "°C",
            "role": "channel"
          },
          {
            "name": "Value",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Value (Heatflow)",
            "unit": "mW",
            "role": "channel"
          },
          {
            "name": "y value (DTG)",
            "unit": "mgs^-1",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "TEST TGA",
        "initialMassMg": 12.802,
        "instrument": "Mettler-Toledo TGA/DSC 3+ LF/1100",
        "operator": "METTLER",
        "method": "650 TGA/DSC",
        "crucible": "Alumina 70ul, 179.215 mg",
        "date": "09.08.2018 14:55"
      },
      "timeS": [
        2251,
        0,
        2250
      ],
      "temperatureC": [
        2251,
        36.625,
        649.233
      ],
      "massMg": [
        2251,
        12.8009,
        2.304
      ],
      "massPercent": null,
      "massNote": "Value [mg] of curve 'Sample Weight'",
      "channels": [
        {
          "name": "Reference temperature",
          "unit": "°C",
          "values": [
            2251,
            35,
            650
          ]
        },
        {
          "name": "Heatflow",
          "unit": "mW",
          "values": [
            2251,
            -0.115901,
            -2.84412
          ]
        },
        {
          "name": "DTG",
          "unit": "mgs^-1",
          "values": [
            2251,
            -0.000112104,
            0
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "35 → 650 °C at 30 °C/min",
          "startS": 0,
          "endS": 1230,
          "kind": "ramp",
          "rateCPerMin": 30,
          "targetC": 650
        },
        {
          "index": 2,
          "label": "hold at 650 °C",
          "startS": 1230,
          "endS": 2250,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 650
        }
      ],
      "gasEvents": [],
      "programme": [
        "35 → 650 °C at 30 °C/min (0–1230 s, from Tr)",
        "hold at 650 °C (1230–2250 s, from Tr)"
      ],
      "metadata": {
        "Title date": "09.08.2018 14:55",
        "Curve Name": "=TEST TGA\nSample Weight",
        "Results": "? Step\t-66.9395 %\n\t-8.5696 mg\nResidue\t33.0466 %\n\t4.2306 mg\nLeft Limit\t38.13 °C\nRight Limit\t647.27 °C\nHeating Rate\t30.00 °Cmin^-1\nType horizontal\nInflect. Pt.\t397.19 °C\nResult Mode  Sample Temp\nMidpoint\t401.27 °C\nStep\t-15.0494 %\n\t-1.9266 mg\nResidue\t17.9972 %\n\t2.3040 mg\nLeft Limit\t647.27 °C\nRight Limit\t649.22 °C\nHeating Rate\t0.00 °Cmin^-1\nType horizontal\nInflect. Pt.\t657.40 °C\nResult Mode  Sample Temp\nMidpoint\t658.13 °C",
        "Texts": "=TEST TGA\nSample Weight\nTEST TGA, 12.8020 mg\n=TEST TGA\nSample Weight\nTEST TGA, 12.8020 mg",
        "Sample": "TEST TGA, 12.8020 mg",
        "Experiment Comments": "-",
        "Method": "650 TGA/DSC",
        "Adjustment": "From 0.00 to 22.50 min\nSample Temperature:\n  TGA/LF DTA FRS2, adjusted 18.01.2016 16:59:57\n  Tc     : 25.00 °C\n  dTs(T) : 0.7790 - 12.6980e-03*T + 315.9600e-09*T^2 °C\n  Tau Lag: -1.2343 + 18.0740e-03*T - 14.0890e-06*T^2 s\nHeatflow\n  E Indium      : 265.3491 1/mW\n  dE relative   : -24.4170 + 38.8940e-03*T - 18.1460e-06*T^2\n    adjusted    : (18.01.2016 16:59:57)\nFrom 22.50 to 37.50 min\nSample Temperature:\n  TGA/LF DTA FRS2, adjusted 18.01.2016 16:59:57\n  Tc     : 25.00 °C\n  dTs(T) : 0.7790 - 12.6980e-03*T + 315.9600e-09*T^2 °C\n  Tau Lag: -1.2343 + 18.0740e-03*T - 14.0890e-06*T^2 s\nHeatflow\n  E Indium      : 265.3491 1/mW\n  dE relative   : -24.4170 + 38.8940e-03*T - 18.1460e-06*T^2\n    adjusted    : 18.01.2016 16:59:57\nRTyp, adjusted 18.01.2016 16:59:57\nTc     : 25.00 °C\ndTc(T) : 1.6606 + 5.2035e-03*T - 8.1248e-06*T^2 °C\nBalance:\n  Type    : XP1\n  adjusted: 19.01.2016 12:28:00\n  External Adjust.: No",
        "Sample Holder": "Alumina 70ul\nWeight  : 179.215 mg\nMaterial: Ceramic",
        "User": "METTLER",
        "TA Module": "TGA/DSC 3+ LF/1100/172, 18.01.2016 16:59:57\nType           : TGA/DSC 3+ LF/1100\nIdentification : 172\nMain Sensor: TGA/LF DTA FRS2",
        "Software": "STARe SW 16.00"
      },
      "warnings": []
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/mettlerToledoWeight.txt');
  });
  it.skipIf(missingShared('tga/MyonicS-pyTGA/blank_test_MT.txt'))('blank_test_MT.txt', () => {
    const run = parse(mettlerStare, 'tga/MyonicS-pyTGA/blank_test_MT.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "blank_test_MT.txt",
        "formatId": "mettler-stare",
        "formatLabel": "Mettler-Toledo STARe text export",
        "encoding": "windows-1252",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 28,
        "dataStartLine": 30,
        "dataEndLine": 12690,
        "columns": [
          {
            "name": "Index",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "t",
            "unit": "s",
            "role": "time"
          },
          {
            "name": "Ts",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Tr",
            "unit": "°C",
            "role": "channel"
          },
          {
            "name": "Value",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Value (Heat Flow)",
            "unit": "mW",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "blank",
        "instrument": "Mettler-Toledo (STARe SW 17.00)",
        "operator": "thermo",
        "method": "MT1a SR_PP_cracking",
        "crucible": "Alumina 150ul, 277.98 mg",
        "date": "15.10.2024 14:04"
      },
      "timeS": [
        12661,
        0,
        12660
      ],
      "temperatureC": [
        12661,
        38.535,
        806.234
      ],
      "massMg": [
        12661,
        0.0307862,
        0.170989
      ],
      "massPercent": null,
      "massNote": "Value [mg] of curve 'Sample Weight'",
      "channels": [
        {
          "name": "Reference temperature",
          "unit": "°C",
          "values": [
            12661,
            50,
            800
          ]
        },
        {
          "name": "Heat Flow",
          "unit": "mW",
          "values": [
            12661,
            -54.3747,
            217.125
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "50 → 130 °C at 5 °C/min",
          "startS": 0,
          "endS": 960,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 130
        },
        {
          "index": 2,
          "label": "hold at 130 °C",
          "startS": 960,
          "endS": 2160,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 130
        },
        {
          "index": 3,
          "label": "130 → 600 °C at 5 °C/min",
          "startS": 2160,
          "endS": 7800,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 600
        },
        {
          "index": 4,
          "label": "hold at 600 °C",
          "startS": 7800,
          "endS": 8100,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600
        },
        {
          "index": 5,
          "label": "600 → 200 °C at -25 °C/min",
          "startS": 8100,
          "endS": 9060,
          "kind": "cool",
          "rateCPerMin": -25,
          "targetC": 200
        },
        {
          "index": 6,
          "label": "hold at 200 °C",
          "startS": 9060,
          "endS": 10260,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 200
        },
        {
          "index": 7,
          "label": "200 → 800 °C at 20 °C/min",
          "startS": 10260,
          "endS": 12060,
          "kind": "ramp",
          "rateCPerMin": 20,
          "targetC": 800
        },
        {
          "index": 8,
          "label": "hold at 800 °C",
          "startS": 12060,
          "endS": 12660,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 800
        }
      ],
      "gasEvents": [],
      "programme": [
        "50 → 130 °C at 5 °C/min (0–960 s, from Tr)",
        "hold at 130 °C (960–2160 s, from Tr)",
        "130 → 600 °C at 5 °C/min (2160–7800 s, from Tr)",
        "hold at 600 °C (7800–8100 s, from Tr)",
        "600 → 200 °C at -25 °C/min (8100–9060 s, from Tr)",
        "hold at 200 °C (9060–10260 s, from Tr)",
        "200 → 800 °C at 20 °C/min (10260–12060 s, from Tr)",
        "hold at 800 °C (12060–12660 s, from Tr)"
      ],
      "metadata": {
        "Title date": "15.10.2024 14:04",
        "FileName": "blank MT1a SR_PP_cracking, 15.10.2024 14:04:54\nSample Weight",
        "SampleID": "blank , 0.0000 mg",
        "Evaluation": "blank MT1a SR_PP_cracking",
        "Method": "MT1a SR_PP_cracking",
        "User": "thermo",
        "LastKeyWD": "Alumina 150ul\nWeight  : 277.98 mg\nMaterial: Ceramic",
        "Software": "STARe SW 17.00"
      },
      "warnings": [
        "The sample mass is given as 0.0000 mg (a blank run?); no initial mass is set."
      ]
    });
    expectMetadataFromFile(run, 'tga/MyonicS-pyTGA/blank_test_MT.txt');
  });
  it.skipIf(missingShared('tga/MyonicS-pyTGA/MettlerToledo_example_file.txt'))('MettlerToledo_example_file.txt', () => {
    const run = parse(mettlerStare, 'tga/MyonicS-pyTGA/MettlerToledo_example_file.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "MettlerToledo_example_file.txt",
        "formatId": "mettler-stare",
        "formatLabel": "Mettler-Toledo STARe text export",
        "encoding": "utf-8",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 28,
        "dataStartLine": 30,
        "dataEndLine": 12690,
        "columns": [
          {
            "name": "Index",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "t",
            "unit": "s",
            "role": "time"
          },
          {
            "name": "Ts",
            "unit": "�C",
            "role": "temperature"
          },
          {
            "name": "Tr",
            "unit": "�C",
            "role": "channel"
          },
          {
            "name": "Value",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Value (Heat Flow)",
            "unit": "mW",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "TGA_PP",
        "initialMassMg": 4.9292,
        "instrument": "Mettler-Toledo (STARe SW 17.00)",
        "operator": "thermo",
        "method": "PP_cracking",
        "crucible": "Alumina 150ul, 280.453 mg",
        "date": "01.01.2024 18:00"
      },
      "timeS": [
        12661,
        0,
        12660
      ],
      "temperatureC": [
        12661,
        45.647,
        805.934
      ],
      "massMg": [
        12661,
        4.92915,
        0.0286858
      ],
      "massPercent": null,
      "massNote": "Value [mg] of curve 'Sample Weight'",
      "channels": [
        {
          "name": "Reference temperature",
          "unit": "°C",
          "values": [
            12661,
            50,
            800
          ]
        },
        {
          "name": "Heat Flow",
          "unit": "mW",
          "values": [
            12661,
            31.4048,
            -10.6218
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "50 → 130 °C at 5 °C/min",
          "startS": 0,
          "endS": 960,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 130
        },
        {
          "index": 2,
          "label": "hold at 130 °C",
          "startS": 960,
          "endS": 2160,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 130
        },
        {
          "index": 3,
          "label": "130 → 600 °C at 5 °C/min",
          "startS": 2160,
          "endS": 7800,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 600
        },
        {
          "index": 4,
          "label": "hold at 600 °C",
          "startS": 7800,
          "endS": 8100,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600
        },
        {
          "index": 5,
          "label": "600 → 200 °C at -25 °C/min",
          "startS": 8100,
          "endS": 9060,
          "kind": "cool",
          "rateCPerMin": -25,
          "targetC": 200
        },
        {
          "index": 6,
          "label": "hold at 200 °C",
          "startS": 9060,
          "endS": 10260,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 200
        },
        {
          "index": 7,
          "label": "200 → 800 °C at 20 °C/min",
          "startS": 10260,
          "endS": 12060,
          "kind": "ramp",
          "rateCPerMin": 20,
          "targetC": 800
        },
        {
          "index": 8,
          "label": "hold at 800 °C",
          "startS": 12060,
          "endS": 12660,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 800
        }
      ],
      "gasEvents": [],
      "programme": [
        "50 → 130 °C at 5 °C/min (0–960 s, from Tr)",
        "hold at 130 °C (960–2160 s, from Tr)",
        "130 → 600 °C at 5 °C/min (2160–7800 s, from Tr)",
        "hold at 600 °C (7800–8100 s, from Tr)",
        "600 → 200 °C at -25 °C/min (8100–9060 s, from Tr)",
        "hold at 200 °C (9060–10260 s, from Tr)",
        "200 → 800 °C at 20 °C/min (10260–12060 s, from Tr)",
        "hold at 800 °C (12060–12660 s, from Tr)"
      ],
      "metadata": {
        "Title date": "01.01.2024 18:00",
        "FileName": "TGA_PP, 01.01.2024 18:00:00\nSample Weight",
        "SampleID": "TGA_PP, 4.9292 mg",
        "Evaluation": "TGA_PP",
        "Method": "PP_cracking",
        "User": "thermo",
        "LastKeyWD": "Alumina 150ul\nWeight  : 280.453 mg\nMaterial: Ceramic",
        "Software": "STARe SW 17.00"
      },
      "warnings": [
        "Degree signs in the units line are damaged (U+FFFD) in the file; read as °C."
      ]
    });
    expectMetadataFromFile(run, 'tga/MyonicS-pyTGA/MettlerToledo_example_file.txt');
  });
  it.skipIf(missingShared('tga/datalab-org-datalab/mp2028_281122_LNO+C.txt'))('mp2028_281122_LNO+C.txt', () => {
    const run = parse(mettlerStare, 'tga/datalab-org-datalab/mp2028_281122_LNO+C.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "mp2028_281122_LNO+C.txt",
        "formatId": "mettler-stare",
        "formatLabel": "Mettler-Toledo STARe text export",
        "encoding": "windows-1252",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 12,
        "dataStartLine": 14,
        "dataEndLine": 4064,
        "columns": [
          {
            "name": "Index",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "t",
            "unit": "s",
            "role": "time"
          },
          {
            "name": "Ts",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Tr",
            "unit": "°C",
            "role": "channel"
          },
          {
            "name": "Value",
            "unit": "mg",
            "role": "mass"
          }
        ]
      },
      "sample": {
        "name": "mp2028_281122_LNO",
        "initialMassMg": 4.1752,
        "instrument": "Mettler-Toledo (STARe SW 13.00)",
        "date": "28.11.2022 14:59:26"
      },
      "timeS": [
        4051,
        0,
        4050
      ],
      "temperatureC": [
        4051,
        21.0052,
        691.76
      ],
      "massMg": [
        4051,
        4.17537,
        4.18524
      ],
      "massPercent": null,
      "massNote": "Value [mg] of curve 'Sample Weight'",
      "channels": [
        {
          "name": "Reference temperature",
          "unit": "°C",
          "values": [
            4051,
            25,
            700
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "25 → 700 °C at 10 °C/min",
          "startS": 0,
          "endS": 4050,
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 700
        }
      ],
      "gasEvents": [],
      "programme": [
        "25 → 700 °C at 10 °C/min (0–4050 s, from Tr)"
      ],
      "metadata": {
        "Title date": "28.11.2022 15:28",
        "Curve Name": "mp2028_281122_LNO, 28.11.2022 14:59:27\nPerformed 28.11.2022 14:59:26\nSample Weight",
        "Sample": "mp2028_281122_LNO, 4.1752 mg",
        "Software": "STARe SW 13.00"
      },
      "warnings": []
    });
    expectMetadataFromFile(run, 'tga/datalab-org-datalab/mp2028_281122_LNO+C.txt');
  });
});

describe('pyris-text: whole results of the real files', () => {
  it.skipIf(missingShared('tga/MyonicS-pyTGA/Methane_Pyrolysis.txt'))('Methane_Pyrolysis.txt', () => {
    const run = parse(pyrisText, 'tga/MyonicS-pyTGA/Methane_Pyrolysis.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "Methane_Pyrolysis.txt",
        "formatId": "pyris-text",
        "formatLabel": "PerkinElmer Pyris ASCII export",
        "encoding": "windows-1252",
        "decimal": ".",
        "headerLine": 60,
        "dataStartLine": 62,
        "dataEndLine": 16146,
        "columns": [
          {
            "name": "Time",
            "unit": "",
            "role": "time"
          },
          {
            "name": "Unsubtracted Weight",
            "unit": "",
            "role": "mass"
          },
          {
            "name": "Baseline Weight",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Program Temperature",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Sample Temperature",
            "unit": "",
            "role": "temperature"
          },
          {
            "name": "Sample Purge Flow",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Balance Purge Flow",
            "unit": "",
            "role": "channel"
          }
        ],
        "delimiter": "\t"
      },
      "sample": {
        "name": "HS006_600C",
        "initialMassMg": 5.881,
        "date": "6-3-2025 13:24:30",
        "instrument": "PerkinElmer TGA 8000",
        "method": "1) Hold for 20.0 min at 30.00°C; 2) Heat from 30.00°C to 300.00°C at 10.00°C/min; 3) Heat from 300.00°C to 600.00°C at 10.00°C/min; 4) Hold for 60.0 min at 600.00°C; 5) Hold for 30.0 min at 600.00°C; 6) Hold for 60.0 min at 600.00°C; 7) Hold for 10.0 min at 600.00°C; 8) Cool from 600.00°C to 50.00°C at 50.00°C/min; 9) Hold for 20.0 min at 50.00°C"
      },
      "timeS": [
        16077,
        0,
        16075.99998
      ],
      "temperatureC": [
        16077,
        30.27,
        50
      ],
      "massMg": [
        16077,
        5.866467,
        11.551933
      ],
      "massPercent": null,
      "massNote": "Unsubtracted Weight − Baseline Weight (mg by Pyris convention; the file writes no units)",
      "channels": [
        {
          "name": "Baseline Weight",
          "unit": "mg",
          "values": [
            16077,
            0,
            0
          ]
        },
        {
          "name": "Program Temperature",
          "unit": "°C",
          "values": [
            16077,
            30,
            50
          ]
        },
        {
          "name": "Sample Purge Flow",
          "unit": "ml/min",
          "values": [
            16077,
            25,
            25
          ]
        },
        {
          "name": "Balance Purge Flow",
          "unit": "ml/min",
          "values": [
            16077,
            74.9,
            75
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "Hold for 20.0 min at 30.00°C",
          "startS": 0,
          "endS": 1189.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 30
        },
        {
          "index": 2,
          "label": "Heat from 30.00°C to 300.00°C at 10.00°C/min",
          "startS": 1189.99998,
          "endS": 2809.99998,
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 300,
          "gas": "ext. channel 6"
        },
        {
          "index": 3,
          "label": "Heat from 300.00°C to 600.00°C at 10.00°C/min",
          "startS": 2809.99998,
          "endS": 4609.99998,
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 600,
          "gas": "Nitrogen + ext. channel 6"
        },
        {
          "index": 4,
          "label": "Hold for 60.0 min at 600.00°C",
          "startS": 4609.99998,
          "endS": 8209.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600,
          "gas": "Nitrogen + ext. channel 6"
        },
        {
          "index": 5,
          "label": "Hold for 30.0 min at 600.00°C",
          "startS": 8209.99998,
          "endS": 10009.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600,
          "gas": "Argon + ext. channel 6"
        },
        {
          "index": 6,
          "label": "Hold for 60.0 min at 600.00°C",
          "startS": 10009.99998,
          "endS": 13609.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600,
          "gas": "Argon + ext. channel 5 + ext. channel 6"
        },
        {
          "index": 7,
          "label": "Hold for 10.0 min at 600.00°C",
          "startS": 13609.99998,
          "endS": 14209.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 600,
          "gas": "Argon + ext. channel 6"
        },
        {
          "index": 8,
          "label": "Cool from 600.00°C to 50.00°C at 50.00°C/min",
          "startS": 14209.99998,
          "endS": 14869.99998,
          "kind": "cool",
          "rateCPerMin": -50,
          "targetC": 50,
          "gas": "Argon"
        },
        {
          "index": 9,
          "label": "Hold for 20.0 min at 50.00°C",
          "startS": 14869.99998,
          "endS": 16075.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 50,
          "gas": "Argon"
        }
      ],
      "gasEvents": [
        {
          "timeS": 1189.99998,
          "gas": "external channel 6 on",
          "source": "method step 2: Switch External Channel 6 to On"
        },
        {
          "timeS": 2809.99998,
          "gas": "Nitrogen",
          "source": "method step 3: Switch the Gas to Nitrogen at 25.0 ml/min"
        },
        {
          "timeS": 8209.99998,
          "gas": "Argon",
          "source": "method step 5: Switch the Gas to Argon at 25.0 ml/min"
        },
        {
          "timeS": 10009.99998,
          "gas": "external channel 5 on",
          "source": "method step 6: Switch External Channel 5 to On"
        },
        {
          "timeS": 10009.99998,
          "gas": "Argon",
          "source": "method step 6: Switch the Gas to Argon at 5.0 ml/min"
        },
        {
          "timeS": 13609.99998,
          "gas": "Argon",
          "source": "method step 7: Switch the Gas to Argon at 25.0 ml/min"
        },
        {
          "timeS": 13609.99998,
          "gas": "external channel 5 off",
          "source": "method step 7: Switch External Channel 5 to Off"
        },
        {
          "timeS": 14209.99998,
          "gas": "external channel 6 off",
          "source": "method step 8: Switch External Channel 6 to Off"
        }
      ],
      "programme": [
        "Pre-Run Actions",
        "Start the Run",
        "\tAction occurs Immediately",
        "1)\tHold for 20.0 min at 30.00°C",
        "2)\tHeat from 30.00°C to 300.00°C at 10.00°C/min",
        "\t\tSwitch External Channel 6 to On",
        "\t\t\tAction occurs Immediately",
        "3)\tHeat from 300.00°C to 600.00°C at 10.00°C/min",
        "\t\tSwitch the Gas to Nitrogen at 25.0 ml/min",
        "\t\t\tAction occurs Immediately",
        "4)\tHold for 60.0 min at 600.00°C",
        "5)\tHold for 30.0 min at 600.00°C",
        "\t\tSwitch the Gas to Argon at 25.0 ml/min",
        "\t\t\tAction occurs Immediately",
        "6)\tHold for 60.0 min at 600.00°C",
        "\t\tSwitch External Channel 5 to On",
        "\t\t\tAction occurs Immediately",
        "\t\tSwitch the Gas to Argon at 5.0 ml/min",
        "\t\t\tAction occurs Immediately",
        "7)\tHold for 10.0 min at 600.00°C",
        "\t\tSwitch the Gas to Argon at 25.0 ml/min",
        "\t\t\tAction occurs Immediately",
        "\t\tSwitch External Channel 5 to Off",
        "\t\t\tAction occurs Immediately",
        "8)\tCool from 600.00°C to 50.00°C at 50.00°C/min",
        "\t\tSwitch External Channel 6 to Off",
        "\t\t\tAction occurs Immediately",
        "9)\tHold for 20.0 min at 50.00°C"
      ],
      "metadata": {
        "Filename": "C:\\Program Files (x86)\\PerkinElmer\\TGA Surfdrive\\TGA Data\\HS006_600C.tg8d",
        "Operator ID": "",
        "Sample ID": "HS006_600C",
        "Comment": "",
        "Serial Number": "526B17062606",
        "Data Collected": "6-3-2025 13:24:30",
        "Sample Weight": "5.881 mg",
        "Display Weight": "5.881",
        "Validated": "No",
        "By": "",
        "Date": "",
        "Calibration Information Filename": "C:\\Program Files (x86)\\PerkinElmer\\Pyris\\Calibrations\\20241217  HS.tg8c",
        "Date/Time": "17-12-2024 16:37:06",
        "Temperature": "30.00 °C",
        "Baseline Filename": "",
        "End Condition": "Go To Load",
        "Total Points in Run": "16077",
        "Trailer": "\tTEMPERATURE CALIBRATION INPUTS:\nCalibration Type:    \tMulti-point Calibration\nRef. Material\tExp. Onset(°C)\tMeas. Onset(°C)(at Rate1)\tMeas. Onset(°C)(at Rate2)\nAlumel          \t     154.200\t             156.790\t\t             164.330\t\tUsed\nNickel          \t     355.300\t             364.170\t\t             368.670\t\tUsed\nPerkalloy       \t     596.000\t             608.490\t\t             610.670\t\tUsed\nIron            \t     770.000\t             801.140\t\t             806.670\t\tUsed\nCobalt          \t    1121.000\t            1121.000\t\t            1121.000\t\tNot Used\nRate 1:   5.0 °C/min\nRate 2:  20.0 °C/min\nNEWPAGE\n\tWEIGHT CALIBRATION INPUTS:\nLow Range\nReference Weight = 100.000 mg\tMeasured  Weight = 88.379 mg\nWEIGHT CALIBRATION COMPUTED RESULTS:\nMedium Range Factor = 1.131\tMedium Range Offset = 5.419 mg\tDate: 17-12-2024 16:36:27\n\tTG DRIFT OPTIMIZATION\nMinimum: 30.00 °C\nMaximum: 1000.00 °C\nScan Rate: 20.0 °C/min\n\tREGISTER READOUTS:\nR53: 0 0 0\nR64: 0 0 0 0 0 0\nR66: 0 0 0 0 0 0 2532 14732 200\n\tPROFILE VALUES FOR THIS DATA:\nSoftware Version\t13.3.3.0032\nFirmware Version\tTGA 8000 V2.06 Nov 11 2020\nInstrument Serial Number\t526B17062606\nLoad Temperature\t30.0 °C\nGo To Temp Rate\t100.0 °C/min\nData taken using the\tLow Range\nOrdinate Filter\tOn",
        "Software Version": "13.3.3.0032",
        "Firmware Version": "TGA 8000 V2.06 Nov 11 2020",
        "Instrument Serial Number": "526B17062606",
        "Load Temperature": "30.0 °C",
        "Go To Temp Rate": "100.0 °C/min",
        "Data taken using the": "Low Range",
        "Ordinate Filter": "On"
      },
      "warnings": [
        "Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.",
        "The method switches external gas channels; the file does not say which gas each channel carries."
      ]
    });
    expectMetadataFromFile(run, 'tga/MyonicS-pyTGA/Methane_Pyrolysis.txt');
  });
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt'))('perkinElmer_tga4000.txt', () => {
    const run = parse(pyrisText, 'tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "perkinElmer_tga4000.txt",
        "formatId": "pyris-text",
        "formatLabel": "PerkinElmer Pyris ASCII export",
        "encoding": "utf-8",
        "decimal": ".",
        "headerLine": 34,
        "dataStartLine": 36,
        "dataEndLine": 1192,
        "columns": [
          {
            "name": "Time",
            "unit": "",
            "role": "time"
          },
          {
            "name": "Unsubtracted Weight",
            "unit": "",
            "role": "mass"
          },
          {
            "name": "Baseline Weight",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Program Temperature",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Sample Temperature",
            "unit": "",
            "role": "temperature"
          },
          {
            "name": "Approx. Gas Flow",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "R25 Diagnostic Temperature",
            "unit": "",
            "role": "channel"
          }
        ],
        "delimiter": "\t"
      },
      "sample": {
        "name": "HMm-1130",
        "initialMassMg": 12.492,
        "date": "06.12.2019 12:19:21",
        "instrument": "PerkinElmer TGA (serial 002042001)",
        "method": "1) Hold for 1.0 min at 50.00°C; 2) Heat from 50.00°C to 700.00°C at 40.00°C/min; 3) Hold for 2.0 min at 700.00°C"
      },
      "timeS": [
        1155,
        0,
        1153.9999799999998
      ],
      "temperatureC": [
        1155,
        47.24,
        696.23
      ],
      "massMg": [
        1155,
        12.409264,
        7.604116
      ],
      "massPercent": null,
      "massNote": "Unsubtracted Weight − Baseline Weight (mg by Pyris convention; the file writes no units)",
      "channels": [
        {
          "name": "Baseline Weight",
          "unit": "mg",
          "values": [
            1155,
            0,
            0
          ]
        },
        {
          "name": "Program Temperature",
          "unit": "°C",
          "values": [
            1155,
            50,
            700
          ]
        },
        {
          "name": "Approx. Gas Flow",
          "unit": "ml/min",
          "values": [
            1155,
            19.8,
            19.8
          ]
        },
        {
          "name": "R25 Diagnostic Temperature",
          "unit": "°C",
          "values": [
            1155,
            0,
            0
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "Hold for 1.0 min at 50.00°C",
          "startS": 0,
          "endS": 60,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 50,
          "gas": "Nitrogen"
        },
        {
          "index": 2,
          "label": "Heat from 50.00°C to 700.00°C at 40.00°C/min",
          "startS": 60,
          "endS": 1035,
          "kind": "ramp",
          "rateCPerMin": 40,
          "targetC": 700,
          "gas": "Nitrogen"
        },
        {
          "index": 3,
          "label": "Hold for 2.0 min at 700.00°C",
          "startS": 1035,
          "endS": 1153.9999799999998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 700,
          "gas": "Nitrogen"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0,
          "gas": "Nitrogen",
          "source": "Pre-Run Actions: Switch the Gas to Nitrogen at 20.0 ml/min"
        }
      ],
      "programme": [
        "Pre-Run Actions",
        "Start the Run",
        "\tAction occurs Immediately",
        "Switch the Gas to Nitrogen at 20.0 ml/min",
        "\tAction occurs Immediately",
        "1)\tHold for 1.0 min at 50.00�C",
        "2)\tHeat from 50.00�C to 700.00�C at 40.00�C/min",
        "3)\tHold for 2.0 min at 700.00�C"
      ],
      "metadata": {
        "Filename": "TEST",
        "Operator ID": "",
        "Sample ID": "HMm-1130",
        "Comment": "",
        "Serial Number": "002042001",
        "Data Collected": "06.12.2019 12:19:21",
        "Sample Weight": "12.492 mg",
        "Display Weight": "12.492",
        "Validated": "No",
        "By": "",
        "Date": "",
        "Calibration Information Filename": "TEST",
        "Date/Time": "",
        "Temperature": "50.00 �C",
        "Baseline Filename": "",
        "End Condition": "Go To Load",
        "Total Points in Run": "1155"
      },
      "warnings": [
        "Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.",
        "Degree signs are damaged (U+FFFD) in the file; read as °."
      ]
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/perkinElmer_tga4000.txt');
  });
});

describe('pyris-csv: whole results of the real files', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/perkinElmer.csv'))('perkinElmer.csv', () => {
    const run = parse(pyrisCsv, 'tga/cheminfo-tga-spectrum/perkinElmer.csv');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "perkinElmer.csv",
        "formatId": "pyris-csv",
        "formatLabel": "PerkinElmer Pyris CSV export",
        "encoding": "utf-8",
        "decimal": ".",
        "headerLine": 1,
        "dataStartLine": 2,
        "dataEndLine": 8638,
        "columns": [
          {
            "name": "Time",
            "unit": "",
            "role": "time"
          },
          {
            "name": "Unsubtracted Weight",
            "unit": "",
            "role": "mass"
          },
          {
            "name": "Baseline Weight",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Program Temperature",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Sample Temperature",
            "unit": "",
            "role": "temperature"
          },
          {
            "name": "Sample Purge Flow",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Balance Purge Flow",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Column 8",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "Column 9",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Column 10",
            "unit": "",
            "role": "channel"
          }
        ],
        "delimiter": ","
      },
      "sample": {
        "instrument": "PerkinElmer TGA (Pyris)"
      },
      "timeS": [
        8637,
        0,
        8635.99998
      ],
      "temperatureC": [
        8637,
        30,
        648.8
      ],
      "massMg": [
        8637,
        2.92929,
        0.365161
      ],
      "massPercent": null,
      "massNote": "Unsubtracted Weight − Baseline Weight (mg by Pyris convention; the file writes no units)",
      "channels": [
        {
          "name": "Baseline Weight",
          "unit": "mg",
          "values": [
            8637,
            0,
            0
          ]
        },
        {
          "name": "Program Temperature",
          "unit": "°C",
          "values": [
            8637,
            30,
            700
          ]
        },
        {
          "name": "Sample Purge Flow",
          "unit": "ml/min",
          "values": [
            8637,
            20,
            20
          ]
        },
        {
          "name": "Balance Purge Flow",
          "unit": "ml/min",
          "values": [
            8637,
            40,
            40
          ]
        },
        {
          "name": "Column 9",
          "unit": "",
          "values": [
            8637,
            30,
            648.8
          ]
        },
        {
          "name": "Column 10",
          "unit": "",
          "values": [
            8637,
            100,
            12.4658535
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "hold at 30 °C",
          "startS": 0,
          "endS": 300,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 30
        },
        {
          "index": 2,
          "label": "30.05 → 699.89 °C at 5 °C/min",
          "startS": 300,
          "endS": 8338.00002,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 699.89
        },
        {
          "index": 3,
          "label": "hold at 700 °C",
          "startS": 8338.00002,
          "endS": 8635.99998,
          "kind": "isothermal",
          "rateCPerMin": 0,
          "targetC": 700
        }
      ],
      "gasEvents": [],
      "programme": [
        "hold at 30 °C (0–300 s, from Program Temperature)",
        "30.05 → 699.89 °C at 5 °C/min (300–8338.00002 s, from Program Temperature)",
        "hold at 700 °C (8338.00002–8635.99998 s, from Program Temperature)"
      ],
      "metadata": {},
      "warnings": [
        "Pyris exports write no units: read by Pyris convention as time min, weights mg, temperatures °C, flows ml/min.",
        "Unnamed columns kept as channels by position: Column 9, Column 10."
      ]
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/perkinElmer.csv');
  });
});

describe('netzsch-ascii: whole results of the real files', () => {
  it.skipIf(missingShared('tga/MyonicS-pyTGA/netzsch_example3.txt'))('netzsch_example3.txt', () => {
    const run = parse(netzschAscii, 'tga/MyonicS-pyTGA/netzsch_example3.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "netzsch_example3.txt",
        "formatId": "netzsch-ascii",
        "formatLabel": "NETZSCH Proteus ASCII export",
        "encoding": "windows-1252",
        "delimiter": ";",
        "decimal": ".",
        "headerLine": 35,
        "dataStartLine": 36,
        "dataEndLine": 7057,
        "columns": [
          {
            "name": "Temp./°C",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Time/min",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Mass/%",
            "unit": "%",
            "role": "mass"
          },
          {
            "name": "Gas Flow(purge2)",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Gas Flow(protective)",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Segment",
            "unit": "",
            "role": "ignored"
          }
        ]
      },
      "sample": {
        "name": "CF-A_1000-ash",
        "initialMassMg": 4.28,
        "instrument": "NETZSCH STA 449F3",
        "operator": "TS",
        "date": "08.10.2024 15:04",
        "crucible": "DTA/TG crucible Al2O3",
        "method": "37°C/15,0(K/min)/1000°C/00:00/1000°C/"
      },
      "timeS": [
        7022,
        0,
        5652.0498
      ],
      "temperatureC": [
        7022,
        31.061,
        1000.02002
      ],
      "massMg": [
        7022,
        4.28,
        0.086999988
      ],
      "massPercent": [
        7022,
        100,
        2.03271
      ],
      "massNote": "Mass/% × 4.28 mg / 100 (#SAMPLE MASS /mg)",
      "channels": [
        {
          "name": "Gas Flow(purge2)",
          "unit": "ml/min",
          "values": [
            7022,
            50,
            50
          ]
        },
        {
          "name": "Gas Flow(protective)",
          "unit": "ml/min",
          "values": [
            7022,
            40,
            40
          ]
        },
        {
          "name": "Segment",
          "unit": "",
          "values": [
            7022,
            1,
            2
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "37°C/15,0(K/min)/1000°C",
          "startS": 0,
          "endS": 3854.8500000000004,
          "kind": "ramp",
          "rateCPerMin": 15,
          "targetC": 1000
        },
        {
          "index": 2,
          "label": "1000°C/00:30/1000°C",
          "startS": 3854.8500000000004,
          "endS": 5652.0498,
          "kind": "isothermal",
          "targetC": 1000
        }
      ],
      "gasEvents": [
        {
          "timeS": 0,
          "gas": "Gas Flow(purge2) 50 ml/min",
          "source": "column Gas Flow(purge2), line 36"
        },
        {
          "timeS": 0,
          "gas": "Gas Flow(protective) 40 ml/min",
          "source": "column Gas Flow(protective), line 36"
        }
      ],
      "programme": [
        "RANGE:37°C/15,0(K/min)/1000°C/00:00/1000°C/",
        "SEGMENT:S1-2/2",
        "SEG. 1:37°C/15,0(K/min)/1000°C",
        "SEG. 2:1000°C/00:30/1000°C"
      ],
      "metadata": {
        "EXPORTTYPE": "DATA ALL",
        "FILE": "CF-A_1000-ash.ngb-ds3",
        "FORMAT": "NETZSCH5",
        "FTYPE": "ASCII",
        "IDENTITY": "CF-A_1000-ash",
        "DECIMAL": "POINT",
        "SEPARATOR": "SEMICOLON",
        "MTYPE": "TG",
        "INSTRUMENT": "NETZSCH STA 449F3",
        "PROJECT": "",
        "DATE/TIME": "08.10.2024 15:04",
        "CORR. FILE": "blanc_1000_air.ngb-bs3",
        "TEMPCAL": "TCALZERO.TCX",
        "SENSITIVITY": "---",
        "LABORATORY": "IJL",
        "OPERATOR": "TS",
        "REMARK": "",
        "SAMPLE": "CF-A_1000-ash",
        "SAMPLE MASS /mg": "4.28",
        "MATERIAL": "",
        "REFERENCE": "",
        "REFERENCE MASS /mg": "",
        "TYPE OF CRUCIBLE": "DTA/TG crucible Al2O3",
        "SAMPLE CRUCIBLE MASS /mg": "0",
        "REFERENCE CRUCIBLE MASS /mg": "",
        "TG RANGE /mg": "35000",
        "TAU-R": "---",
        "CORR. CODE": "020",
        "EXO": "-1",
        "RANGE": "37°C/15,0(K/min)/1000°C/00:00/1000°C/",
        "SEGMENT": "S1-2/2",
        "SEG. 1": "37°C/15,0(K/min)/1000°C",
        "SEG. 2": "1000°C/00:30/1000°C"
      },
      "warnings": [
        "The file writes the degree sign as byte 0x9B; it was read as \"°\".",
        "The export names a correction file (blanc_1000_air.ngb-bs3): the data are probably already blank-corrected."
      ]
    });
    expectMetadataFromFile(run, 'tga/MyonicS-pyTGA/netzsch_example3.txt', [], /[\u009b\u203a]/g);
  });
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/netzsch.txt'))('netzsch.txt', () => {
    const run = parse(netzschAscii, 'tga/cheminfo-tga-spectrum/netzsch.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "netzsch.txt",
        "formatId": "netzsch-ascii",
        "formatLabel": "NETZSCH Proteus ASCII export",
        "encoding": "windows-1252",
        "delimiter": ";",
        "decimal": ".",
        "headerLine": 29,
        "dataStartLine": 30,
        "dataEndLine": 299,
        "columns": [
          {
            "name": "Temp./°C",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Time/min",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Mass/%",
            "unit": "%",
            "role": "mass"
          }
        ]
      },
      "sample": {
        "name": "AlPyr",
        "initialMassMg": 8.91,
        "instrument": "NETZSCH TG 209F1 Libra",
        "operator": "Nency",
        "date": "30.03.2021 10:53",
        "crucible": "Al2O3 85 µl, open",
        "method": "30°C/5.0(K/min)/700°C"
      },
      "timeS": [
        270,
        0,
        8037.0984
      ],
      "temperatureC": [
        270,
        27.141,
        699.641
      ],
      "massMg": [
        270,
        8.909062668,
        1.7277452279999999
      ],
      "massPercent": [
        270,
        99.98948,
        19.39108
      ],
      "massNote": "Mass/% × 8.91 mg / 100 (#SAMPLE MASS /mg)",
      "channels": [],
      "segments": [
        {
          "index": 1,
          "label": "30°C/5.0(K/min)/700°C",
          "startS": 0,
          "endS": 8037.0984,
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 700
        }
      ],
      "gasEvents": [],
      "programme": [
        "RANGE:30°C/5.0(K/min)/700°C",
        "SEGMENT:S1/2",
        "SEG. 1:30°C/5.0(K/min)/700°C"
      ],
      "metadata": {
        "EXPORTTYPE": "DATA SINGLE",
        "FILE": "AlPyr.ngb-st9",
        "FORMAT": "NETZSCH5",
        "FTYPE": "ANSI",
        "IDENTITY": "AlPyr",
        "DECIMAL": "POINT",
        "SEPARATOR": "SEMICOLON",
        "MTYPE": "TG",
        "INSTRUMENT": "NETZSCH TG 209F1 Libra",
        "PROJECT": "",
        "DATE/TIME": "30.03.2021 10:53",
        "CORR. FILE": "",
        "TEMPCAL": "22-12-2020 12:25",
        "LABORATORY": "LMER",
        "OPERATOR": "Nency",
        "REMARK": "",
        "SAMPLE": "AlPyr",
        "SAMPLE MASS /mg": "8.91",
        "MATERIAL": "",
        "TYPE OF CRUCIBLE": "Al2O3 85 µl, open",
        "SAMPLE CRUCIBLE MASS /mg": "0",
        "REFERENCE CRUCIBLE MASS /mg": "",
        "M.RANGE /mg": "2000",
        "CORR. CODE": "090",
        "RANGE": "30°C/5.0(K/min)/700°C",
        "SEGMENT": "S1/2",
        "SEG. 1": "30°C/5.0(K/min)/700°C"
      },
      "warnings": []
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/netzsch.txt');
  });
});

describe('netzsch-ngb: whole results of the real files', () => {
  it.skipIf(missingShared('tga/GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3'))('Douglas_Fir_STA_10K_250730_R13.ngb-ss3', () => {
    const run = parse(netzschNgb, 'tga/GraysonBellamy-pyngb/Douglas_Fir_STA_10K_250730_R13.ngb-ss3');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "Douglas_Fir_STA_10K_250730_R13.ngb-ss3",
        "formatId": "netzsch-ngb",
        "formatLabel": "NETZSCH Proteus binary (.ngb)",
        "encoding": "binary",
        "headerLine": 0,
        "dataStartLine": 0,
        "dataEndLine": 0,
        "columns": [
          {
            "name": "Time",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Sample temperature",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "DSC",
            "unit": "µV",
            "role": "channel"
          },
          {
            "name": "Purge 1 flow",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Protective flow",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Mass change",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Furnace",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Cooling",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Furnace (2)",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "HFoilTemp",
            "unit": "",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "Douglas Fir",
        "initialMassMg": 4.026,
        "instrument": "NETZSCH STA 449F3 (STA449F3A-0333-M)",
        "operator": "Grayson",
        "date": "2025-07-30T14:42:18Z",
        "crucible": "PtRh20 85 µl, with lid",
        "method": "Initial: 26 °C; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 1: Isothermal 30 min at 26 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 2: 26 °C → 825 °C at 10 K/min; 100 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 3: Isothermal 30 min at 825 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Final: 835 °C"
      },
      "timeS": [
        9190,
        0,
        8391.000000001162
      ],
      "temperatureC": [
        9190,
        25.503000259399414,
        807.4240112304688
      ],
      "massMg": [
        9190,
        4.026,
        0.9660000000000002
      ],
      "massPercent": null,
      "massNote": "stored mass change (mg) + sample mass 4.026 mg",
      "channels": [
        {
          "name": "DSC",
          "unit": "µV",
          "values": [
            9190,
            -10.379794120788574,
            10.440829277038574
          ]
        },
        {
          "name": "Purge 1 flow",
          "unit": "ml/min",
          "values": [
            9190,
            50,
            50
          ]
        },
        {
          "name": "Protective flow",
          "unit": "ml/min",
          "values": [
            9190,
            20,
            20
          ]
        },
        {
          "name": "Furnace",
          "unit": "",
          "values": [
            9190,
            26.547000885009766,
            Math.fround(824.992), // the float32 the file stores (the literal 824.9920043945312 trips no-loss-of-precision)
          ]
        },
        {
          "name": "Cooling",
          "unit": "",
          "values": [
            9190,
            0,
            0
          ]
        },
        {
          "name": "Furnace (2)",
          "unit": "",
          "values": [
            9190,
            0,
            32.87799835205078
          ]
        },
        {
          "name": "HFoilTemp",
          "unit": "",
          "values": [
            9190,
            0,
            0
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "Isothermal 30 min at 26 °C",
          "startS": 0,
          "endS": 1800.6000000000176,
          "kind": "isothermal",
          "targetC": 26,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        },
        {
          "index": 2,
          "label": "26 °C → 825 °C at 10 K/min",
          "startS": 1800.6000000000176,
          "endS": 6597.000000001062,
          "kind": "ramp",
          "targetC": 825,
          "rateCPerMin": 10,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        },
        {
          "index": 3,
          "label": "Isothermal 30 min at 825 °C",
          "startS": 6597.000000001062,
          "endS": 8391.000000001162,
          "kind": "isothermal",
          "targetC": 825,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
          "source": "temperature programme, segment 1"
        }
      ],
      "programme": [
        "Initial: 26 °C; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 1: Isothermal 30 min at 26 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 2: 26 °C → 825 °C at 10 K/min; 100 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 3: Isothermal 30 min at 825 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Final: 835 °C"
      ],
      "metadata": {
        "sample_id": "Douglas Fir",
        "sample_name": "Douglas Fir",
        "material": "Douglas Fir",
        "sample_mass_field": "4.026",
        "crucible_type": "PtRh20 85 µl, with lid",
        "crucible_mass": "253.514",
        "lab": "UMD",
        "operator": "Grayson",
        "project": "Material Flammability",
        "comment": "Swapped crucible positions, original douglas fir sample vial",
        "date_performed": "2025-07-30T14:42:18Z",
        "instrument_model": "NETZSCH STA 449F3",
        "instrument": "STA449F3A-0333-M",
        "application_version": "Version 8.0.3  (10.12.2024) 24345.303",
        "correction_file_path": "C:\\NETZSCH\\Proteus80\\data\\Bellamy\\Douglas Fir\\Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3",
        "purge_1_mfc_gas": "NITROGEN",
        "purge_2_mfc_gas": "OXYGEN",
        "protective_mfc_gas": "NITROGEN"
      },
      "warnings": [
        "Units of Furnace, Cooling, Furnace (2), HFoilTemp are not stored in a way we can read; they are left blank.",
        "The run names a correction file (Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3); Proteus applies it at display time, so these data are NOT blank-corrected."
      ]
    });
  });
  it.skipIf(missingShared('tga/GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3'))('Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3', () => {
    const run = parse(netzschNgb, 'tga/GraysonBellamy-pyngb/Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "Douglas_Fir_STA_Baseline_10K_250730_R13.ngb-bs3",
        "formatId": "netzsch-ngb",
        "formatLabel": "NETZSCH Proteus binary (.ngb)",
        "encoding": "binary",
        "headerLine": 0,
        "dataStartLine": 0,
        "dataEndLine": 0,
        "columns": [
          {
            "name": "Time",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Sample temperature",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "DSC",
            "unit": "µV",
            "role": "channel"
          },
          {
            "name": "Purge 1 flow",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Protective flow",
            "unit": "ml/min",
            "role": "channel"
          },
          {
            "name": "Mass change",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Furnace",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Cooling",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Furnace (2)",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "HFoilTemp",
            "unit": "",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "Douglas Fir",
        "instrument": "NETZSCH STA 449F3 (STA449F3A-0333-M)",
        "operator": "Grayson",
        "date": "2025-07-30T10:30:23Z",
        "crucible": "PtRh20 85 µl, with lid",
        "method": "Initial: 26 °C; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 1: Isothermal 30 min at 26 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 2: 26 °C → 825 °C at 10 K/min; 100 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Stage 3: Isothermal 30 min at 825 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min; Final: 835 °C"
      },
      "timeS": [
        9191,
        0,
        8393.950000001163
      ],
      "temperatureC": [
        9191,
        25.22599983215332,
        807.739013671875
      ],
      "massMg": [
        9191,
        0,
        0.30299999999999994
      ],
      "massPercent": null,
      "massNote": "stored mass change (mg) since the start of the run; the file gives no sample mass",
      "channels": [
        {
          "name": "DSC",
          "unit": "µV",
          "values": [
            9191,
            -4.914857387542725,
            12.72964859008789
          ]
        },
        {
          "name": "Purge 1 flow",
          "unit": "ml/min",
          "values": [
            9191,
            50,
            50
          ]
        },
        {
          "name": "Protective flow",
          "unit": "ml/min",
          "values": [
            9191,
            20,
            20
          ]
        },
        {
          "name": "Furnace",
          "unit": "",
          "values": [
            9191,
            26.072999954223633,
            825.010986328125
          ]
        },
        {
          "name": "Cooling",
          "unit": "",
          "values": [
            9191,
            0,
            0
          ]
        },
        {
          "name": "Furnace (2)",
          "unit": "",
          "values": [
            9191,
            0,
            32.952999114990234
          ]
        },
        {
          "name": "HFoilTemp",
          "unit": "",
          "values": [
            9191,
            0,
            0
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "label": "Isothermal 30 min at 26 °C",
          "startS": 0,
          "endS": 1800.5500000000177,
          "kind": "isothermal",
          "targetC": 26,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        },
        {
          "index": 2,
          "label": "26 °C → 825 °C at 10 K/min",
          "startS": 1800.5500000000177,
          "endS": 6596.950000001063,
          "kind": "ramp",
          "targetC": 825,
          "rateCPerMin": 10,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        },
        {
          "index": 3,
          "label": "Isothermal 30 min at 825 °C",
          "startS": 6596.950000001063,
          "endS": 8393.950000001163,
          "kind": "isothermal",
          "targetC": 825,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0,
          "gas": "Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
          "source": "temperature programme, segment 1"
        }
      ],
      "programme": [
        "Initial: 26 °C; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 1: Isothermal 30 min at 26 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 2: 26 °C → 825 °C at 10 K/min; 100 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Stage 3: Isothermal 30 min at 825 °C; 20 pts/min; Purge 1 NITROGEN 50 ml/min, Protective NITROGEN 20 ml/min",
        "Final: 835 °C"
      ],
      "metadata": {
        "sample_id": "Douglas Fir",
        "sample_name": "Douglas Fir",
        "material": "Douglas Fir",
        "sample_mass_field": "0",
        "crucible_type": "PtRh20 85 µl, with lid",
        "crucible_mass": "253.517",
        "lab": "UMD",
        "operator": "Grayson",
        "project": "Material Flammability",
        "comment": "Swapped crucible positions, original douglas fir sample vial",
        "date_performed": "2025-07-30T10:30:23Z",
        "instrument_model": "NETZSCH STA 449F3",
        "instrument": "STA449F3A-0333-M",
        "application_version": "Version 8.0.3  (10.12.2024) 24345.303",
        "correction_file_path": "C:\\NETZSCH\\Proteus80\\data\\Bellamy\\Douglas Fir\\Douglas_Fir_STA_Baseline_10K_250729_R12.ngb-bs3",
        "purge_1_mfc_gas": "NITROGEN",
        "purge_2_mfc_gas": "OXYGEN",
        "protective_mfc_gas": "NITROGEN"
      },
      "warnings": [
        "Units of Furnace, Cooling, Furnace (2), HFoilTemp are not stored in a way we can read; they are left blank.",
        "Baseline (correction) run: the mass is the apparent mass change of the empty crucible, not a sample mass.",
        "The run names a correction file (Douglas_Fir_STA_Baseline_10K_250729_R12.ngb-bs3); Proteus applies it at display time, so these data are NOT blank-corrected."
      ]
    });
  });
});

describe('setaram: whole results of the real files', () => {
  it.skipIf(missingShared('tga/PPeitsch-pkynetics/sample_dsc_setaram.txt'))('sample_dsc_setaram.txt', () => {
    const run = parse(setaramText, 'tga/PPeitsch-pkynetics/sample_dsc_setaram.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "sample_dsc_setaram.txt",
        "formatId": "setaram",
        "formatLabel": "Setaram Calisto text export",
        "encoding": "utf-16le",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 13,
        "dataStartLine": 14,
        "dataEndLine": 13015,
        "columns": [
          {
            "name": "Index",
            "unit": "",
            "role": "ignored"
          },
          {
            "name": "Time",
            "unit": "",
            "role": "time"
          },
          {
            "name": "Furnace",
            "unit": "",
            "role": "channel"
          },
          {
            "name": "Sample",
            "unit": "",
            "role": "temperature"
          },
          {
            "name": "TG",
            "unit": "",
            "role": "mass"
          },
          {
            "name": "HeatFlow",
            "unit": "",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "instrument": "Setaram (Calisto)",
        "name": "Duran - MAC250-MS20",
        "initialMassMg": 34.04,
        "operator": "admin",
        "date": "26/07/2024 06:03:05 p.m."
      },
      "timeS": [
        13002,
        0,
        3900.3
      ],
      "temperatureC": [
        13002,
        53.444034,
        202.007788
      ],
      "massMg": [
        13002,
        240.908142,
        240.908142
      ],
      "massPercent": null,
      "massNote": "TG [mg] (Calisto default unit)",
      "channels": [
        {
          "name": "Furnace",
          "unit": "°C",
          "values": [
            13002,
            50.06274,
            168.969894
          ]
        },
        {
          "name": "HeatFlow",
          "unit": "mW",
          "values": [
            13002,
            -11.195387,
            7.076239
          ]
        }
      ],
      "segments": [],
      "gasEvents": [],
      "programme": [],
      "metadata": {
        "Title": "Duran - MAC250-MS20 34.04mg",
        "Creation Date": "26/07/2024 06:03:05 p.m.",
        "User": "admin",
        "TG: Initial Mass": "34.04 mg",
        "TG: Molar Mass": "N/A",
        "HeatFlow: Initial Mass": "34.04 mg",
        "HeatFlow: Molar Mass": "N/A"
      },
      "warnings": [
        "Calisto writes no units here: read with Calisto's defaults (Time s, Furnace °C, Sample °C, TG mg, HeatFlow mW).",
        "The TG column is constant (240.908142) over all 13002 rows: this looks like a DSC run exported with its TG channel."
      ]
    });
    expectMetadataFromFile(run, 'tga/PPeitsch-pkynetics/sample_dsc_setaram.txt');
  });
});

describe('ta-universal: whole results of the real files', () => {
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/TAInstruments.txt'))('TAInstruments.txt', () => {
    const run = parse(taUniversal, 'tga/cheminfo-tga-spectrum/TAInstruments.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "TAInstruments.txt",
        "formatId": "ta-universal",
        "formatLabel": "TA Instruments Universal Analysis text export",
        "encoding": "utf-16le",
        "delimiter": "\t",
        "decimal": ".",
        "headerLine": 50,
        "dataStartLine": 52,
        "dataEndLine": 15629,
        "columns": [
          {
            "name": "Time (min)",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Temperature (°C)",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Weight (mg)",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Balance Purge Flow (mL/min)",
            "unit": "mL/min",
            "role": "channel"
          },
          {
            "name": "Sample Purge Flow (mL/min)",
            "unit": "mL/min",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "Cryo1-1_N1-2@25C",
        "initialMassMg": 20.821,
        "instrument": "TGA Q500 V20.13 Build 39",
        "operator": "EG",
        "date": "2018-12-17 19:36:37",
        "crucible": "Platinum",
        "method": "Screening CO2-25C"
      },
      "timeS": [
        15577,
        0.040000020000000004,
        7787.7480000000005
      ],
      "temperatureC": [
        15577,
        22.70189,
        25.00298
      ],
      "massMg": [
        15577,
        20.8216,
        19.18695
      ],
      "massPercent": null,
      "massNote": "Weight (mg) as written",
      "channels": [
        {
          "name": "Balance Purge Flow",
          "unit": "mL/min",
          "values": [
            15577,
            10.06382,
            9.984514
          ]
        },
        {
          "name": "Sample Purge Flow",
          "unit": "mL/min",
          "values": [
            15577,
            90.00909,
            90.01922
          ]
        }
      ],
      "segments": [
        {
          "index": 2,
          "startS": 0.040000020000000004,
          "endS": 583.82866002,
          "label": "Ramp 10.00 °C/min to 120.00 °C",
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 120,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 3,
          "startS": 583.82866002,
          "endS": 643.7502,
          "label": "Equilibrate at 120.00 °C",
          "kind": "ramp",
          "targetC": 120,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 4,
          "startS": 643.7502,
          "endS": 2443.7502,
          "label": "Isothermal for 30.00 min",
          "kind": "isothermal",
          "targetC": 120,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 5,
          "startS": 2443.7502,
          "endS": 3013.7574,
          "label": "Ramp 10.00 °C/min to 25.00 °C",
          "kind": "cool",
          "rateCPerMin": 10,
          "targetC": 25,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 6,
          "startS": 3013.7574,
          "endS": 4395.2496,
          "label": "Equilibrate at 25.00 °C",
          "kind": "cool",
          "targetC": 25,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 7,
          "startS": 4395.2496,
          "endS": 5088.2508,
          "label": "Isothermal for 10.00 min",
          "kind": "isothermal",
          "targetC": 25,
          "gas": "Gas 1 (Nitrogen)"
        },
        {
          "index": 9,
          "startS": 5088.2508,
          "endS": 7787.7480000000005,
          "label": "Isothermal for 45.00 min",
          "kind": "isothermal",
          "targetC": 25,
          "gas": "Gas 2 (Nitrogen)"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0.040000020000000004,
          "gas": "Gas 1 (Nitrogen)",
          "source": "OrgMethod step 1 \"Select gas 1\""
        },
        {
          "timeS": 5088.2508,
          "gas": "Gas 2 (Nitrogen)",
          "source": "OrgMethod step 8 \"Select gas 2\" at segment marker 2"
        }
      ],
      "programme": [
        "1: Select gas 1",
        "2: Ramp 10.00 °C/min to 120.00 °C",
        "3: Equilibrate at 120.00 °C",
        "4: Isothermal for 30.00 min",
        "5: Ramp 10.00 °C/min to 25.00 °C",
        "6: Equilibrate at 25.00 °C",
        "7: Isothermal for 10.00 min",
        "8: Select gas 2",
        "9: Isothermal for 45.00 min",
        "10: Data storage Off"
      ],
      "metadata": {
        "CLOSED": "",
        "Version": "2.0",
        "Language": "English",
        "Mode": "TGA 1000 °C",
        "Run": "5",
        "RunSerial": "4854",
        "Instrument": "TGA Q500 V20.13 Build 39",
        "Module": "TGA",
        "InstSerial": "0500-1450",
        "Operator": "EG",
        "File": "\\\\Penoli\\ta\\Data\\TGA\\Enrique\\Screening CO2\\181217_Cryo1-1_N1-2@25C.001",
        "FurnaceType": "Standard",
        "Sample": "Cryo1-1_N1-2@25C",
        "Size": "20.8210\tmg",
        "ProcName": "Screening CO2-25C \\\\Penoli\\ta\\QProcedures\\TGA\\Enrique\\Screening CO2-25C 30 min.prc",
        "Method": "Screening CO2-25C",
        "Comment": "",
        "Xcomment": "Pan: Platinum\nGas1: Nitrogen\nGas2: Nitrogen\nBalance Gas: Nitrogen 10.0 ml/min\nSample Gas: Nitrogen 90.0 ml/min",
        "Text": "",
        "Kcell": "1.00000",
        "TempCal": "5\tpts\t22.00\t22.00,144.66\t152.60,356.59\t358.20,562.83\t554.40,755.45\t746.40",
        "InstCalDate": "Weight Date 2017-12-15 09:20:48",
        "Controls": "Gas 2  Event Off  Sampling 0.5",
        "Nsig": "5",
        "Sig1": "Time (min)",
        "Sig2": "Temperature (°C)",
        "Sig3": "Weight (mg)",
        "Sig4": "Balance Purge Flow (mL/min)",
        "Sig5": "Sample Purge Flow (mL/min)",
        "AirCoolTime": "0.0 min",
        "AutoAnalysis": "Off",
        "MacroFile": "",
        "Date": "2018-12-17",
        "Time": "19:36:37",
        "OrgMethod": "1: Select gas 1\n2: Ramp 10.00 °C/min to 120.00 °C\n3: Equilibrate at 120.00 °C\n4: Isothermal for 30.00 min\n5: Ramp 10.00 °C/min to 25.00 °C\n6: Equilibrate at 25.00 °C\n7: Isothermal for 10.00 min\n8: Select gas 2\n9: Isothermal for 45.00 min\n10: Data storage Off",
        "OrgFile": "C:\\TA\\Data\\TGA\\Enrique\\Screening CO2\\181217_Cryo1-1_N1-2@25C.001"
      },
      "warnings": [
        "Skipped 2 segment-marker row(s) (time -3, lines 51, 10229) and the end-of-data marker (time -1, line 15630): they are not measurements.",
        "Gas names come from the operator's header comments (Gas1: Nitrogen, Gas2: Nitrogen); the instrument does not check them, so they may be wrong. Gas events give the gas number the method selects.",
        "The method switches between gases 1 and 2, yet the header names them all \"Nitrogen\": at least one label is wrong."
      ]
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/TAInstruments.txt');
  });
  it.skipIf(missingShared('tga/cheminfo-tga-spectrum/mof.txt'))('mof.txt', () => {
    const run = parse(taUniversal, 'tga/cheminfo-tga-spectrum/mof.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "mof.txt",
        "formatId": "ta-universal",
        "formatLabel": "TA Instruments Universal Analysis text export",
        "encoding": "utf-16le",
        "delimiter": " ",
        "decimal": ".",
        "headerLine": 42,
        "dataStartLine": 43,
        "dataEndLine": 19037,
        "columns": [
          {
            "name": "Time (min)",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Temperature (°C)",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Weight (mg)",
            "unit": "mg",
            "role": "mass"
          },
          {
            "name": "Balance Purge Flow (mL/min)",
            "unit": "mL/min",
            "role": "channel"
          },
          {
            "name": "Sample Purge Flow (mL/min)",
            "unit": "mL/min",
            "role": "channel"
          }
        ]
      },
      "sample": {
        "name": "Fe-BTC Grade A act",
        "initialMassMg": 7.492,
        "instrument": "TGA Q500 V20.13 Build 39",
        "operator": "Till",
        "date": "2020-10-27 19:28:35",
        "crucible": "Platinum",
        "method": "\\\\Lfimpc10\\ta\\Data\\TGA\\LNCE\\Behnaz\\Methods\\behnaz60ul-600C-10c.min.prc"
      },
      "timeS": [
        18995,
        0.22400004,
        16236.504
      ],
      "temperatureC": [
        18995,
        46.87907,
        797.8466
      ],
      "massMg": [
        18995,
        7.49054,
        2.19622
      ],
      "massPercent": null,
      "massNote": "Weight (mg) as written",
      "channels": [
        {
          "name": "Balance Purge Flow",
          "unit": "mL/min",
          "values": [
            18995,
            15.00925,
            15.00746
          ]
        },
        {
          "name": "Sample Purge Flow",
          "unit": "mL/min",
          "values": [
            18995,
            14.99046,
            14.98019
          ]
        }
      ],
      "segments": [
        {
          "index": 1,
          "startS": 0.22400004,
          "endS": 937.6751600399999,
          "label": "Ramp 5.00 °C/min to 125.00 °C",
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 125,
          "gas": "Gas 2 (Air)"
        },
        {
          "index": 2,
          "startS": 937.6751600399999,
          "endS": 8137.67516004,
          "label": "Isothermal for 120.00 min",
          "kind": "isothermal",
          "targetC": 125,
          "gas": "Gas 2 (Air)"
        },
        {
          "index": 3,
          "startS": 8137.67516004,
          "endS": 16236.504,
          "label": "Ramp 5.00 °C/min to 800.00 °C",
          "kind": "ramp",
          "rateCPerMin": 5,
          "targetC": 800,
          "gas": "Gas 2 (Air)"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0.22400004,
          "gas": "Gas 2 (Air)",
          "source": "Controls line (gas selected at the start)"
        }
      ],
      "programme": [
        "1: Ramp 5.00 °C/min to 125.00 °C",
        "2: Isothermal for 120.00 min",
        "3: Ramp 5.00 °C/min to 800.00 °C"
      ],
      "metadata": {
        "CLOSED": "",
        "Version": "2.0",
        "Language": "English",
        "Mode": "TGA 1000 °C",
        "Run": "3",
        "RunSerial": "2787",
        "Instrument": "TGA Q500 V20.13 Build 39",
        "Module": "TGA",
        "InstSerial": "0500-2338",
        "Operator": "Till",
        "File": "\\\\Lfimpc10\\ta\\Data\\TGA\\Till\\Master Project\\Revision\\Fe-BTC Grade A act.001",
        "FurnaceType": "Standard",
        "Sample": "Fe-BTC Grade A act",
        "Size": "7.49200\tmg",
        "ProcName": "\\\\Lfimpc10\\ta\\Data\\TGA\\LNCE\\Behnaz\\Methods\\behnaz60ul-600C-10c.min.prc",
        "Method": "",
        "Comment": "",
        "Xcomment": "Pan: Platinum\nGas1: Nitrogen\nGas2: Air\nBalance Gas: Nitrogen 15.0 ml/min\nSample Gas: Air 15.0 ml/min",
        "Text": "",
        "Kcell": "1.00000",
        "TempCal": "1\tpts\t349.81\t348.26",
        "InstCalDate": "Weight Date 2019-02-19 11:01:52",
        "Controls": "Gas 2  Event Off  Sampling 0.5",
        "Nsig": "5",
        "Sig1": "Time (min)",
        "Sig2": "Temperature (°C)",
        "Sig3": "Weight (mg)",
        "Sig4": "Balance Purge Flow (mL/min)",
        "Sig5": "Sample Purge Flow (mL/min)",
        "AirCoolTime": "10.0 min",
        "AutoAnalysis": "Off",
        "MacroFile": "",
        "Date": "2020-10-27",
        "Time": "19:28:35",
        "OrgMethod": "1: Ramp 5.00 °C/min to 125.00 °C\n2: Isothermal for 120.00 min\n3: Ramp 5.00 °C/min to 800.00 °C",
        "OrgFile": "C:\\TA\\Data\\TGA\\Till\\Master Project\\Revision\\Fe-BTC Grade A act.001"
      },
      "warnings": [
        "Gas names come from the operator's header comments (Gas1: Nitrogen, Gas2: Air); the instrument does not check them, so they may be wrong. Gas events give the gas number the method selects."
      ]
    });
    expectMetadataFromFile(run, 'tga/cheminfo-tga-spectrum/mof.txt');
  });
});

describe('ta-trios: whole results of the real files', () => {
  it.skipIf(missingShared('tga/mpecchi-tga_data_analysis/CLSOx10_2.txt'))('CLSOx10_2.txt', () => {
    const run = parse(taTrios, 'tga/mpecchi-tga_data_analysis/CLSOx10_2.txt');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "CLSOx10_2.txt",
        "formatId": "ta-trios",
        "formatLabel": "TA Instruments TRIOS text export",
        "encoding": "utf-8",
        "delimiter": "\t",
        "decimal": ".",
        "headerLine": 9,
        "dataStartLine": 11,
        "dataEndLine": 15875,
        "columns": [
          {
            "name": "Time",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Temperature",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Weight",
            "unit": "%",
            "role": "ignored"
          },
          {
            "name": "Weight",
            "unit": "mg",
            "role": "mass"
          }
        ]
      },
      "sample": {
        "name": "CLSOx10_2",
        "initialMassMg": 6.08473,
        "instrument": "5500-0018 (192.168.1.3)",
        "operator": "mp933",
        "date": "10/6/2022",
        "method": "Select Gas: Gas 2 ; Mass Flow  25.00 mL/min; Ramp 10.00 °C/min to 110.00 °C; Isothermal 30.0 min; Ramp 10.00 °C/min to 950.00 °C; Isothermal 10.0 min; Data Off ; Equilibrate 40.00 °C"
      },
      "timeS": [
        15850,
        0.18,
        7924.68
      ],
      "temperatureC": [
        15850,
        35.74,
        950
      ],
      "massMg": [
        15850,
        5.891,
        -0.0056
      ],
      "massPercent": [
        15850,
        96.8161,
        -0.0925
      ],
      "massNote": "Weight (mg) as written",
      "channels": [],
      "segments": [
        {
          "index": 1,
          "label": "Ramp 10.00 °C/min to 110.00 °C",
          "startS": 0.18,
          "endS": 450.18,
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 110,
          "gas": "Gas 2"
        },
        {
          "index": 2,
          "label": "Isothermal 30.0 min",
          "startS": 450.18,
          "endS": 2250.18,
          "kind": "isothermal",
          "targetC": 110,
          "gas": "Gas 2"
        },
        {
          "index": 3,
          "label": "Ramp 10.00 °C/min to 950.00 °C",
          "startS": 2250.18,
          "endS": 7325.22,
          "kind": "ramp",
          "rateCPerMin": 10,
          "targetC": 950,
          "gas": "Gas 2"
        },
        {
          "index": 4,
          "label": "Isothermal 10.0 min",
          "startS": 7325.22,
          "endS": 7924.68,
          "kind": "isothermal",
          "targetC": 950,
          "gas": "Gas 2"
        }
      ],
      "gasEvents": [
        {
          "timeS": 0.18,
          "gas": "Gas 2",
          "source": "proceduresegments \"Select Gas: Gas 2\""
        }
      ],
      "programme": [
        "Select Gas: Gas 2",
        "Mass Flow  25.00 mL/min",
        "Ramp 10.00 °C/min to 110.00 °C",
        "Isothermal 30.0 min",
        "Ramp 10.00 °C/min to 950.00 °C",
        "Isothermal 10.0 min",
        "Data Off",
        "Equilibrate 40.00 °C"
      ],
      "metadata": {
        "Filename": "CLSOx10_2",
        "Instrument name": "5500-0018 (192.168.1.3)",
        "Operator": "mp933",
        "rundate": "10/6/2022",
        "Sample name": "CLSOx10_2",
        "proceduresegments": "Select Gas: Gas 2 ; Mass Flow  25.00 mL/min; Ramp 10.00 °C/min to 110.00 °C; Isothermal 30.0 min; Ramp 10.00 °C/min to 950.00 °C; Isothermal 10.0 min; Data Off ; Equilibrate 40.00 °C",
        "Implied sample mass /mg": "6.0847"
      },
      "warnings": [
        "The file does not state the sample mass; 6.0847 mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass)."
      ]
    });
    // The implied mass is computed, 5.891 mg / 0.968161 (first row), not read.
    expectMetadataFromFile(run, 'tga/mpecchi-tga_data_analysis/CLSOx10_2.txt', ['Implied sample mass /mg']);
  });
  it.skipIf(missingShared('more-layouts/tga/SRU_1.csv'))('SRU_1.csv', () => {
    const run = parse(taTrios, 'more-layouts/tga/SRU_1.csv');
    expect(whole(run)).toEqual({
      "technique": "tga",
      "source": {
        "fileName": "SRU_1.csv",
        "formatId": "ta-trios",
        "formatLabel": "TA Instruments TRIOS text export",
        "encoding": "utf-8",
        "delimiter": ",",
        "decimal": ".",
        "headerLine": 1,
        "dataStartLine": 2,
        "dataEndLine": 23837,
        "columns": [
          {
            "name": "Time",
            "unit": "min",
            "role": "time"
          },
          {
            "name": "Temperature",
            "unit": "°C",
            "role": "temperature"
          },
          {
            "name": "Weight",
            "unit": "%",
            "role": "ignored"
          },
          {
            "name": "Weight",
            "unit": "µg",
            "role": "mass"
          }
        ]
      },
      "sample": {
        "initialMassMg": 25.0636
      },
      "timeS": [
        23836,
        0.18,
        11917.679999999998
      ],
      "temperatureC": [
        23836,
        25.17,
        950
      ],
      "massMg": [
        23836,
        25.024212,
        0.338749
      ],
      "massPercent": [
        23836,
        99.843,
        1.352
      ],
      "massNote": "Weight (µg) × 0.001",
      "channels": [],
      "segments": [
        {
          "index": 1,
          "label": "Step 1 (unnamed in the file)",
          "startS": 0.18,
          "endS": 11917.679999999998,
          "kind": "ramp"
        }
      ],
      "gasEvents": [],
      "programme": [],
      "metadata": {
        "Implied sample mass /mg": "25.0636"
      },
      "warnings": [
        "No units row: TRIOS's default units assumed — Time in min; Temperature in °C; 'Weight' (column 3) in % (it starts at 99.843); 'Weight' (column 4) in µg: read as mg it would be a 25,064 mg sample, beyond a TGA balance (≤ 1,000 mg). Check them against the export settings.",
        "The file does not state the sample mass; 25.0636 mg is implied by Weight (mg) / Weight (%) (TRIOS's stored sample mass)."
      ]
    });
    // The implied mass is computed, 25.024212 mg / 0.99843 (first row), not read.
    expectMetadataFromFile(run, 'more-layouts/tga/SRU_1.csv', ['Implied sample mass /mg']);
  });
});

describe('ta-trios-excel: whole result of the real workbook (metadata: its 107 Details rows, checked in ta-trios-excel.test.ts)', () => {
  const XLS = 'more-layouts/tga/TA_instrument_excel.xls';
  it.skipIf(missingShared(XLS))('TA_instrument_excel.xls', () => {
    const run = parse(taTriosExcel, XLS);
    const { metadata, ...rest } = whole(run);
    expect(Object.keys(metadata)).toHaveLength(107);
    const method =
      'Blend Channel B (Ar) at 100% with Channel A (N2); Jump 30.00 °C; Balance Flow 100 mL/min; Mass Flow  100.00 mL/min; Isothermal 60.0 min; ' +
      'Balance Flow 20 mL/min; Mass Flow  50.00 mL/min; Isothermal 5.0 min; Event1 On ; Ramp 2.00 °C/min to 550.00 °C; Isothermal 20.0 min; ' +
      'Event1 Off ; Ramp 100.00 °C/min to 30.00 °C';
    // Sheet first/last rows as xlrd reads them (ta-trios-excel.test.ts): each step starts at its sheet's first time
    // (0.01, 60.01, 65.01, 325.77, 345.77 min) and an isotherm's target is its last temperature.
    expect(rest).toEqual({
      technique: 'tga',
      source: {
        fileName: 'TA_instrument_excel.xls',
        formatId: 'ta-trios-excel',
        formatLabel: 'TA Instruments TRIOS Excel export',
        encoding: 'xls (BIFF8)',
        headerLine: 0,
        dataStartLine: 0,
        dataEndLine: 0,
        columns: [
          { name: 'Time', unit: 'min', role: 'time' },
          { name: 'Temperature', unit: '°C', role: 'temperature' },
          { name: 'Weight', unit: 'mg', role: 'mass' },
          { name: 'Weight', unit: '%', role: 'ignored' },
        ],
      },
      sample: {
        name: 'Sample 1',
        initialMassMg: 7.567,
        instrument: 'TGA5500, serial 5500-0631',
        date: '2025-05-03T20:37:28',
        method: `1Temp_Analysis_in_Ar: ${method}`,
        crucible: 'Platinum (100 uL)',
      },
      timeS: [3600 + 300 + 15646 + 1200 + 1166, 0.01 * 60, 365.19 * 60],
      temperatureC: [21912, 35.38, 38.8],
      massMg: [21912, 7.5895, 0.5645],
      massPercent: [21912, 100.3034, 7.4601],
      massNote: 'Weight (mg) as written',
      channels: [],
      segments: [
        { index: 1, label: 'Isothermal 60.0 min', startS: 0.01 * 60, endS: 60.01 * 60, kind: 'isothermal', targetC: 29.87, gas: 'Ar' },
        { index: 2, label: 'Isothermal 5.0 min', startS: 60.01 * 60, endS: 65.01 * 60, kind: 'isothermal', targetC: 29.91, gas: 'Ar' },
        { index: 3, label: 'Ramp 2.00 °C/min to 550.00 °C', startS: 65.01 * 60, endS: 325.77 * 60, kind: 'ramp', rateCPerMin: 2, targetC: 550, gas: 'Ar' },
        { index: 4, label: 'Isothermal 20.0 min', startS: 325.77 * 60, endS: 345.77 * 60, kind: 'isothermal', targetC: 550.01, gas: 'Ar' },
        { index: 5, label: 'Ramp 100.00 °C/min to 30.00 °C', startS: 345.77 * 60, endS: 365.19 * 60, kind: 'cool', rateCPerMin: 100, targetC: 30, gas: 'Ar' },
      ],
      gasEvents: [{ timeS: 0.01 * 60, gas: 'Ar', source: 'proceduresegments "Blend Channel B (Ar) at 100% with Channel A (N2)"' }],
      programme: method.split(';').map((p) => p.trim()),
      warnings: [],
    });
  });
});
