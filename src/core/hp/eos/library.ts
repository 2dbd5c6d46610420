/**
 * The built-in pressure scales, each with its paper's own parameters and where they were read. Every name says
 * the isotherm form and the thermal model, because the same paper name means different models in different codes.
 *
 * Provenance. The primary articles were not at hand as full text; each number below was taken from the paper's
 * abstract where that gives it, and otherwise from published transcriptions of the paper's tables that agree with
 * each other (two or three independent EOS libraries). Where only one transcription exists, `source` says so.
 * The cross-check table in docs/high-pressure.md compares every scale with an independent implementation.
 */
import { cellVolumeFromMolarCm3 } from './constants';
import type { ScaleDefinition } from './schema';

const FCC = { lattice: 'fcc', z: 4, atomsPerFormula: 1 } as const;
const BCC = { lattice: 'bcc', z: 2, atomsPerFormula: 1 } as const;
/** c/a ≈ 1.615 of Re at 1 bar: only the start of cell searches, c is refined from the data. */
const HCP = { lattice: 'hcp', z: 2, atomsPerFormula: 1, cOverA: 1.615 } as const;
const B1 = { lattice: 'b1', z: 4, atomsPerFormula: 2 } as const;
const B2 = { lattice: 'b2', z: 1, atomsPerFormula: 2 } as const;

const FEI2007 = 'Fei, Ricolleau, Frank, Mysen, Shim & Prakapenka, "Toward an internally consistent pressure scale", Proc. Natl. Acad. Sci. USA 104 (2007) 9182–9186, Table 1';
const FEI2007_DOI = '10.1073/pnas.0609013104';
const FEI2007_SOURCE = 'Table 1 values as transcribed identically by three EOS libraries; the paper fits Vinet and BM3 to the same data (K0 fixed) and states that the Vinet form represents the data best, so the plain id is the Vinet form.';

/** Tsuchiya (2003) Table: P (GPa) at compression η = 0, 0.02, …, 0.34 (rows) and T = 300, 500, 1000, 1500, 2000, 2500 K. */
const TSUCHIYA2003_TABLE = [
  [0.0, 1.52, 5.35, 9.19, 13.04, 16.88],
  [3.55, 5.04, 8.78, 12.54, 16.29, 20.05],
  [7.68, 9.13, 12.79, 16.45, 20.12, 23.79],
  [12.42, 13.83, 17.4, 20.98, 24.56, 28.14],
  [17.86, 19.23, 22.71, 26.2, 29.7, 33.19],
  [24.12, 25.46, 28.85, 32.25, 35.66, 39.07],
  [31.3, 32.6, 35.9, 39.22, 42.54, 45.86],
  [39.52, 40.78, 43.99, 47.22, 50.45, 53.68],
  [48.94, 50.17, 53.29, 56.43, 59.58, 62.72],
  [59.76, 60.95, 63.98, 67.03, 70.09, 73.15],
  [72.11, 73.26, 76.21, 79.18, 82.14, 85.11],
  [86.36, 87.48, 90.34, 93.22, 96.1, 98.98],
  [102.65, 103.73, 106.5, 109.29, 112.08, 114.88],
  [121.38, 122.42, 125.1, 127.8, 130.51, 133.21],
  [142.98, 143.99, 146.58, 149.19, 151.81, 154.43],
  [167.77, 168.74, 171.24, 173.77, 176.3, 178.83],
  [196.48, 197.41, 199.83, 202.26, 204.7, 207.15],
  [229.56, 230.45, 232.78, 235.13, 237.49, 239.84],
];

export const BUILTIN_SCALES: ScaleDefinition[] = [
  // ─────────────── Au ───────────────
  {
    id: 'fei2007-vinet', aliases: ['fei2007'], calibrant: 'Au',
    name: 'Fei et al. 2007 — Vinet 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI, source: FEI2007_SOURCE, structure: FCC, v0A3: 67.85,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 167, k0Prime: 6.0 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 170, gamma: { form: 'power-law', gamma0: 2.97, q: 0.6 } },
    },
    validity: { maxPressureGPa: 89, maxTemperatureK: 2173, note: 'Au compression in Ne to 89 GPa; thermal parameters from P–V–T data to 2173 K' },
  },
  {
    id: 'fei2007-bm3', calibrant: 'Au',
    name: 'Fei et al. 2007 — BM3 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI, source: FEI2007_SOURCE, structure: FCC, v0A3: 67.85,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 167, k0Prime: 5.77 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 170, gamma: { form: 'power-law', gamma0: 2.97, q: 0.6 } },
    },
    validity: { maxPressureGPa: 89, maxTemperatureK: 2173, note: 'Au compression in Ne to 89 GPa; thermal parameters from P–V–T data to 2173 K' },
  },
  {
    id: 'tsuchiya2003', calibrant: 'Au',
    name: 'Tsuchiya 2003 — first-principles P(V,T) table (thermal pressure as computed in the paper), interpolated',
    citation: 'Tsuchiya, "First-principles prediction of the P-V-T equation of state of gold and the 660-km discontinuity in Earth\'s mantle", J. Geophys. Res. 108 (2003) 2462',
    doi: '10.1029/2003JB002446',
    source: 'The paper\'s P–V–T table (η = 1 − V/V0 = 0–0.34, 300–2500 K) with V0 = 10.207 cm³/mol, as transcribed in a published EOS library; natural cubic splines in η and T. The paper\'s fitted 300 K Vinet parameters (K0 = 166.7 GPa, K0′ = 6.12) reproduce its own table to 0.9 %; the table is used here.',
    structure: FCC, v0A3: cellVolumeFromMolarCm3(10.207, 4),
    eos: {
      kind: 'table', referenceTemperatureK: 300,
      table: { compression: TSUCHIYA2003_TABLE.map((_, i) => i * 0.02), temperatureK: [300, 500, 1000, 1500, 2000, 2500], pressureGPa: TSUCHIYA2003_TABLE },
    },
    validity: { minVOverV0: 0.66, minTemperatureK: 300, maxTemperatureK: 2500, note: 'the table spans η = 0–0.34 and 300–2500 K; outside it the splines continue linearly' },
  },
  {
    id: 'anderson1989', calibrant: 'Au',
    name: 'Anderson et al. 1989 — BM3 300 K isotherm + αK_T thermal pressure with (∂K_T/∂T)_V',
    citation: 'Anderson, Isaak & Yamamoto, "Anharmonicity and the equation of state for gold", J. Appl. Phys. 65 (1989) 1534–1543',
    doi: '10.1063/1.342969',
    source: 'V0 = 10.215 cm³/mol, K0 = 166.65 GPa, K0′ = 5.4823 (two transcriptions agree); αK_T = 7.14 MPa/K and (∂K_T/∂T)_V = −11.5 MPa/K from one transcription of the paper\'s thermal-pressure equation.',
    structure: FCC, v0A3: cellVolumeFromMolarCm3(10.215, 4),
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 166.65, k0Prime: 5.4823 },
      thermal: { model: 'alpha-kt', referenceTemperatureK: 300, alphaKtGPaPerK: 0.00714, dKdTAtConstantVGPaPerK: -0.0115 },
    },
    validity: { note: 'a model from ultrasonic and thermal data, no compression range stated in our sources' },
  },
  {
    id: 'dorogokupets2007', calibrant: 'Au',
    name: 'Dorogokupets & Oganov 2007 — Vinet cold isotherm + Bose–Einstein/Einstein free energy with anharmonicity, electrons and vacancies',
    citation: 'Dorogokupets & Oganov, "Ruby, metals, and MgO as alternative pressure scales: A semiempirical description of shock-wave, ultrasonic, x-ray, and thermochemical data at high temperatures and pressures", Phys. Rev. B 75 (2007) 024115',
    doi: '10.1103/PhysRevB.75.024115',
    source: 'V0, K0, K0′ in two transcriptions; the free-energy parameters (Tables I–II) from one transcription, which notes a typo in the printed vacancy enthalpy of Au (11.69×10³ K used). T0 = 298.15 K.',
    structure: FCC, v0A3: cellVolumeFromMolarCm3(10.215, 4),
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 166.7, k0Prime: 6.0 },
      thermal: {
        model: 'dorogokupets-oganov-2007', referenceTemperatureK: 298.15,
        thetaB1K: 95.7, dB1: 8.29, mB1: 0.681, thetaB2K: 106.4, dB2: 3.239, mB2: 0.417,
        thetaE1K: 170.6, mE1: 1.063, thetaE2K: 105.2, mE2: 0.839,
        gamma0: 2.965, gammaInf: 1.142, beta: 3.03, anharmonicAPerK: 25.33e-6, anharmonicM: 3.79,
        electronicEPerK: 18.92e-6, electronicG: 0.66,
        vacancyEnthalpyK: 11.69e3, vacancyEntropyR: 1.067, vacancyEnthalpyExponent: -2, vacancyEntropyExponent: -1,
      },
    },
    validity: { minVOverV0: 0.7, note: 'the paper describes the data to V/V0 = 0.5–0.7 (depending on the metal) and up to melting; warnings start below 0.7' },
  },
  // ─────────────── Pt ───────────────
  {
    id: 'fei2007-vinet', aliases: ['fei2007'], calibrant: 'Pt',
    name: 'Fei et al. 2007 — Vinet 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI, source: FEI2007_SOURCE, structure: FCC, v0A3: 60.38,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 277, k0Prime: 5.08 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 230, gamma: { form: 'power-law', gamma0: 2.72, q: 0.5 } },
    },
    validity: { maxPressureGPa: 94, maxTemperatureK: 1873, note: 'Pt data to 94 GPa, heated to 1473–1873 K' },
  },
  {
    id: 'fei2007-bm3', calibrant: 'Pt',
    name: 'Fei et al. 2007 — BM3 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI, source: FEI2007_SOURCE, structure: FCC, v0A3: 60.38,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 277, k0Prime: 4.95 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 230, gamma: { form: 'power-law', gamma0: 2.72, q: 0.5 } },
    },
    validity: { maxPressureGPa: 94, maxTemperatureK: 1873, note: 'Pt data to 94 GPa, heated to 1473–1873 K' },
  },
  {
    id: 'holmes1989', calibrant: 'Pt',
    name: 'Holmes et al. 1989 — Vinet ("universal") 300 K isotherm + constant α0·K_T0 thermal pressure',
    citation: 'Holmes, Moriarty, Gathers & Nellis, "The equation of state of platinum to 660 GPa (6.6 Mbar)", J. Appl. Phys. 66 (1989) 2962–2967',
    doi: '10.1063/1.344177',
    source: 'Universal EOS P = P_T·(1 − X)/X²·exp[η(1 − X)] with P_T = 3K0 = 798.31 GPa and η = 7.2119 (K0 = 266.10 GPa, K0′ = 1 + 2η/3 = 5.808), V0 = 60.38 Å³ (101.9 bohr³/atom); thermal pressure α0·K_T0·(T − 300 K) with α0 = 26.1×10⁻⁶ K⁻¹ (two transcriptions).',
    structure: FCC, v0A3: 60.38,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 798.31 / 3, k0Prime: 1 + (2 * 7.2119) / 3 },
      thermal: { model: 'alpha-kt', referenceTemperatureK: 300, alphaKtGPaPerK: 26.1e-6 * (798.31 / 3), dKdTAtConstantVGPaPerK: 0 },
    },
    validity: { maxPressureGPa: 550, note: 'the 300 K isotherm is stated valid to ~550 GPa (shock data to 660 GPa)' },
  },
  // ─────────────── MgO ───────────────
  {
    id: 'tange2009-vinet', aliases: ['tange2009'], calibrant: 'MgO',
    name: 'Tange et al. 2009 — Vinet 300 K isotherm + Mie–Grüneisen–Debye with Tange\'s γ = γ0[1 + a((V/V0)^b − 1)]',
    citation: 'Tange, Nishihara & Tsuchiya, "Unified analyses for P-V-T equation of state of MgO: A solution for pressure-scale problems in high P-T experiments", J. Geophys. Res. 114 (2009) B03208',
    doi: '10.1029/2008JB005813',
    source: 'Vinet-Tange parameters (two transcriptions agree on the thermal part, three on the isotherm). The paper gives BM3-Tange and Vinet-Tange fits; the plain id is the Vinet form, which the paper extrapolates to the highest compressions.',
    structure: B1, v0A3: 74.698,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 160.63, k0Prime: 4.367 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 761, gamma: { form: 'tange', gamma0: 1.442, a: 0.138, b: 5.4 } },
    },
    validity: { note: 'pressure-scale-free data (XRD, elasticity, thermal expansion, shock); no numeric range stated in our sources' },
  },
  {
    id: 'tange2009-bm3', calibrant: 'MgO',
    name: 'Tange et al. 2009 — BM3 300 K isotherm + Mie–Grüneisen–Debye with Tange\'s γ = γ0[1 + a((V/V0)^b − 1)]',
    citation: 'Tange, Nishihara & Tsuchiya, "Unified analyses for P-V-T equation of state of MgO: A solution for pressure-scale problems in high P-T experiments", J. Geophys. Res. 114 (2009) B03208',
    doi: '10.1029/2008JB005813',
    source: 'BM3-Tange parameters: isotherm in two transcriptions, thermal part (γ0 = 1.431, a = 0.29, b = 3.5) in one.',
    structure: B1, v0A3: 74.698,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 160.64, k0Prime: 4.221 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 761, gamma: { form: 'tange', gamma0: 1.431, a: 0.29, b: 3.5 } },
    },
    validity: { note: 'pressure-scale-free data (XRD, elasticity, thermal expansion, shock); no numeric range stated in our sources' },
  },
  {
    id: 'speziale2001', calibrant: 'MgO',
    name: 'Speziale et al. 2001 — BM3 300 K isotherm + Mie–Grüneisen–Debye with q(V) = q0·(V/V0)^q1',
    citation: 'Speziale, Zha, Duffy, Hemley & Mao, "Quasi-hydrostatic compression of magnesium oxide to 52 GPa: Implications for the pressure-volume-temperature equation of state", J. Geophys. Res. 106 (2001) 515–528',
    doi: '10.1029/2000JB900318',
    source: 'V0 = 74.71 Å³ and K0′ = 3.99 with K0T fixed at 160.2 GPa (the abstract); θ0 = 773 K, γ0 = 1.524, q0 = 1.65, q1 = 11.8 of the q(V) model (two transcriptions).',
    structure: B1, v0A3: 74.71,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 160.2, k0Prime: 3.99 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 773, gamma: { form: 'speziale', gamma0: 1.524, q0: 1.65, q1: 11.8 } },
    },
    validity: { maxPressureGPa: 203, note: 'static data to 52 GPa; the q(V) model describes shock data to 203 GPa' },
  },
  // ─────────────── Re ───────────────
  {
    id: 'anzellini2014', calibrant: 'Re',
    name: 'Anzellini et al. 2014 — Vinet 300 K isotherm only (no thermal model)',
    citation: 'Anzellini, Dewaele, Occelli, Loubeyre & Mezouar, "Equation of state of rhenium and application for ultra high pressure calibration", J. Appl. Phys. 115 (2014) 043511',
    doi: '10.1063/1.4863300',
    source: 'V0 = 29.4666 Å³ (8.8726 cm³/mol), K0 = 352.6(8.0) GPa, K0′ = 4.56(17) (one transcription of the paper; the same EOS is ref. 27 of Dubrovinsky et al., Nature 605 (2022) 274, whose Re pressures it reproduces).',
    structure: HCP, v0A3: 29.4666,
    eos: { kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 352.6, k0Prime: 4.56 }, thermal: { model: 'none', referenceTemperatureK: 300 } },
    validity: { maxPressureGPa: 144, note: 'Re compressed in He to 144 GPa at 300 K' },
  },
  {
    id: 'zha2004', calibrant: 'Re',
    name: 'Zha et al. 2004 — BM3 300 K isotherm + αK_T thermal pressure with (∂K_T/∂T)_V',
    citation: 'Zha, Bassett & Shim, "Rhenium, an in situ pressure calibrant for internally heated diamond anvil cells", Rev. Sci. Instrum. 75 (2004) 2409–2418',
    doi: '10.1063/1.1765752',
    source: 'V0 = 29.4087 Å³, K0 = 360 GPa (fixed), K0′ = 4.5 (two transcriptions); linear thermal pressure αK_T = 7.76 MPa/K, (∂K_T/∂T)_V = −8.15 MPa/K (one transcription of the paper\'s eq. 6).',
    structure: HCP, v0A3: 29.4087,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 360, k0Prime: 4.5 },
      thermal: { model: 'alpha-kt', referenceTemperatureK: 300, alphaKtGPaPerK: 0.00776, dKdTAtConstantVGPaPerK: -0.00815 },
    },
    validity: { maxPressureGPa: 8.5, note: 'P–V–T data of the paper to 8.5 GPa (internally heated DAC); agrees with shock data to ~150 GPa and ~3000 K' },
  },
  // ─────────────── NaCl ───────────────
  {
    id: 'matsui2012', calibrant: 'NaCl-B1',
    name: 'Matsui et al. 2012 — BM4 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: 'Matsui, Higo, Tange, Irifune & Funakoshi, "Simultaneous sound velocity and density measurements of NaCl at high temperatures and pressures: Application as a primary pressure standard", Am. Mineral. 97 (2012) 1670–1675',
    doi: '10.2138/am.2012.4136',
    source: 'V0 = 179.425 Å³, K0T = 23.7 GPa (fixed), K0′ = 5.14, K0″ = −0.392 GPa⁻¹ (two transcriptions); θ0 = 279 K, q = 0.96 (two) and γ0 = 1.56 (one).',
    structure: B1, v0A3: 179.425,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm4', k0GPa: 23.7, k0Prime: 5.14, k0DoublePrimePerGPa: -0.392 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 279, gamma: { form: 'power-law', gamma0: 1.56, q: 0.96 } },
    },
    validity: { maxPressureGPa: 12, note: 'ultrasonic + X-ray data in a multi-anvil press to 12 GPa' },
  },
  {
    id: 'fei2007-vinet', aliases: ['fei2007'], calibrant: 'NaCl-B2',
    name: 'Fei et al. 2007 — Vinet 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI,
    source: 'Isotherm (Table 1) in three transcriptions; θ0 = 290 K, γ0 = 1.70, q = 0.5 in one.',
    structure: B2, v0A3: 41.35,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 26.86, k0Prime: 5.25 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 290, gamma: { form: 'power-law', gamma0: 1.7, q: 0.5 } },
    },
    validity: { maxPressureGPa: 107, note: 'NaCl-B2 data to 107 GPa (laser-annealed)' },
  },
  {
    id: 'fei2007-bm3', calibrant: 'NaCl-B2',
    name: 'Fei et al. 2007 — BM3 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: FEI2007, doi: FEI2007_DOI,
    source: 'Isotherm (Table 1) in three transcriptions; θ0 = 290 K, γ0 = 1.70, q = 0.5 in one.',
    structure: B2, v0A3: 41.35,
    eos: {
      kind: 'analytic', isotherm: { form: 'bm3', k0GPa: 30.69, k0Prime: 4.33 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 290, gamma: { form: 'power-law', gamma0: 1.7, q: 0.5 } },
    },
    validity: { maxPressureGPa: 107, note: 'NaCl-B2 data to 107 GPa (laser-annealed)' },
  },
  // ─────────────── Cu, W, Mo ───────────────
  {
    id: 'dorogokupets2007', calibrant: 'Cu',
    name: 'Dorogokupets & Oganov 2007 — Vinet cold isotherm + Bose–Einstein/Einstein free energy with anharmonicity, electrons and vacancies',
    citation: 'Dorogokupets & Oganov, "Ruby, metals, and MgO as alternative pressure scales: A semiempirical description of shock-wave, ultrasonic, x-ray, and thermochemical data at high temperatures and pressures", Phys. Rev. B 75 (2007) 024115',
    doi: '10.1103/PhysRevB.75.024115',
    source: 'V0 = 7.113 cm³/mol, K0 = 133.41 GPa, K0′ = 5.37 (two transcriptions); free-energy parameters from one transcription. T0 = 298.15 K.',
    structure: FCC, v0A3: cellVolumeFromMolarCm3(7.113, 4),
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 133.41, k0Prime: 5.37 },
      thermal: {
        model: 'dorogokupets-oganov-2007', referenceTemperatureK: 298.15,
        thetaB1K: 123.7, dB1: 3.776, mB1: 0.115, thetaB2K: 175.4, dB2: 10.372, mB2: 0.711,
        thetaE1K: 187.4, mE1: 0.756, thetaE2K: 286.9, mE2: 1.418,
        gamma0: 1.974, gammaInf: 1.554, beta: 4.647, anharmonicAPerK: 3.5e-6, anharmonicM: 3.46,
        electronicEPerK: 27.698e-6, electronicG: 0.666,
        vacancyEnthalpyK: 11687, vacancyEntropyR: 1.407, vacancyEnthalpyExponent: -2, vacancyEntropyExponent: -1,
      },
    },
    validity: { minVOverV0: 0.7, note: 'the paper describes the data to V/V0 = 0.5–0.7 (depending on the metal) and up to melting; warnings start below 0.7' },
  },
  {
    id: 'litasov2013', calibrant: 'W',
    name: 'Litasov et al. 2013 — Vinet 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: 'Litasov, Gavryushkin, Dorogokupets, Sharygin, Shatskiy, Fei, Rashchenko, Seryotkin, Higo, Funakoshi & Ohtani, "Thermal equation of state to 33.5 GPa and 1673 K and thermodynamic properties of tungsten", J. Appl. Phys. 113 (2013) 133505',
    doi: '10.1063/1.4799018',
    source: 'From the abstract: V0 = 31.71 Å³, K_T = 308 GPa, K_T′ = 4.20, MGD γ0 = 1.81, q = 0.71 with θ0 fixed at 370–405 K; θ0 = 388 K as in one transcription. The paper\'s other thermal models (high-T BM, Kunc–Einstein) are not this scale.',
    structure: BCC, v0A3: 31.71,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 308, k0Prime: 4.2 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 388, gamma: { form: 'power-law', gamma0: 1.81, q: 0.71 } },
    },
    validity: { maxPressureGPa: 33.5, minTemperatureK: 300, maxTemperatureK: 1673, note: 'multi-anvil P–V–T data to 33.5 GPa and 1673 K' },
  },
  {
    id: 'litasov2013', calibrant: 'Mo',
    name: 'Litasov et al. 2013 — Vinet 300 K isotherm + Mie–Grüneisen–Debye (γ = γ0·(V/V0)^q)',
    citation: 'Litasov, Dorogokupets, Ohtani, Fei, Shatskiy, Sharygin, Gavryushkin, Rashchenko, Seryotkin, Higo, Funakoshi, Chanyshev & Lobanov, "Thermal equation of state and thermodynamic properties of molybdenum at high pressures", J. Appl. Phys. 113 (2013) 093507',
    doi: '10.1063/1.4794127',
    source: 'From the abstract: V0 = 31.14 Å³, K_T = 260 GPa, K_T′ = 4.21, MGD γ0 = 2.03, q = 0.24 with θ0 fixed at 455–470 K; θ0 = 470 K as in one transcription.',
    structure: BCC, v0A3: 31.14,
    eos: {
      kind: 'analytic', isotherm: { form: 'vinet', k0GPa: 260, k0Prime: 4.21 },
      thermal: { model: 'mgd', referenceTemperatureK: 300, debyeTemperature0K: 470, gamma: { form: 'power-law', gamma0: 2.03, q: 0.24 } },
    },
    validity: { maxPressureGPa: 31, minTemperatureK: 300, maxTemperatureK: 1673, note: 'multi-anvil P–V–T data to 31 GPa and 1673 K' },
  },
];
