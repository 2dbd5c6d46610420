#!/usr/bin/env node
/**
 * Writes the bundled example study (resources/example/): three SIMULATED TGA runs of hydrogen reduction —
 * Fe2O3, Fe2O3 + Ni and Fe2O3 + NiO (both proportioned for Fe-36Ni wt.%) — an empty-crucible blank, study.json.
 * The model and its parameters are described in resources/example/README.md; every number comes from the
 * constants below and a seeded PRNG, so running this again writes identical files.
 *
 *   node scripts/make-example-study.mjs [OUT_DIR]     (default resources/example)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(process.argv[2] ?? join(root, 'resources/example'));

// ---- programme -------------------------------------------------------------------------------------------
const STEP_S = 2; // one point every 2 s
const T0_C = 20; // with 20 °C/min to 700 °C every programme step falls on the 2 s grid
const HOLD_C = 700;
const RATE_C_PER_MIN = 20;
const RAMP_END_S = ((HOLD_C - T0_C) / RATE_C_PER_MIN) * 60; // 2040 s
const H2_START_S = RAMP_END_S + 10 * 60; // 10 min Ar hold → 2640 s
const H2_END_S = H2_START_S + 30 * 60; // 30 min H2 → 4440 s
const END_S = H2_END_S + ((HOLD_C - 100) / RATE_C_PER_MIN) * 60; // Ar cooling to 100 °C → 6240 s

function programmeTemperatureC(t) {
  if (t <= RAMP_END_S) return T0_C + (RATE_C_PER_MIN * t) / 60;
  if (t <= H2_END_S) return HOLD_C;
  return HOLD_C - (RATE_C_PER_MIN * (t - H2_END_S)) / 60;
}
const gasAt = (t) => (t >= H2_START_S && t < H2_END_S ? 'H2' : 'Ar');

// ---- buoyancy: apparent mass change = V · (ρ_gas(T0, Ar) − ρ_gas(T, gas)), ideal gas ρ = pM/(RT) -------------
const R = 8.314462618; // J/(mol K)
const P_PA = 101325;
const MOLAR_MASS_KG = { Ar: 0.039948, H2: 0.002016 };
const DISPLACED_VOLUME_CM3 = 0.3; // crucible + hanger; the sample's own volume (~10 mm³) is neglected
const gasDensityMgPerCm3 = (gas, tC) => (P_PA * MOLAR_MASS_KG[gas]) / (R * (tC + 273.15)); // kg/m³ = mg/cm³
const buoyancyMg = (gas, tC) => DISPLACED_VOLUME_CM3 * (gasDensityMgPerCm3('Ar', T0_C) - gasDensityMgPerCm3(gas, tC));
const DRIFT_MG_PER_H = -0.01; // slow balance drift, the same in blank and sample runs

// ---- kinetics: JMAK (Avrami) conversion from the H2 switch, α = 1 − exp(−(k t)^n) -----------------------------
const AVRAMI_N = 1.5;
const K_REF_PER_S = Math.log(2) ** (1 / AVRAMI_N) / 300; // Fe2O3 alone: t(α = 0.5) = 300 s
const RUNS = [
  { file: 'Fe2O3.csv', label: 'Fe2O3 (SIMULATED)', precursors: ['Fe2O3'], wt: { Fe2O3: 1 }, kFactor: 1.0 },
  { file: 'Fe2O3_Ni.csv', label: 'Fe2O3 + Ni, Fe-36Ni (SIMULATED)', precursors: ['Fe2O3', 'Ni'], wt: null, kFactor: 1.6 },
  { file: 'Fe2O3_NiO.csv', label: 'Fe2O3 + NiO, Fe-36Ni (SIMULATED)', precursors: ['Fe2O3', 'NiO'], wt: null, kFactor: 2.0 },
];
const SAMPLE_MG = 50;
// Theoretical loss fractions (removable O / powder mass), IUPAC atomic weights: Fe 55.845, Ni 58.6934, O 15.999.
const M = { Fe: 55.845, Ni: 58.6934, O: 15.999 };
const FE2O3 = 2 * M.Fe + 3 * M.O;
const NIO = M.Ni + M.O;
function powderFractions(precursors) {
  // Per gram of Fe-36Ni alloy: 0.64 g Fe from Fe2O3, 0.36 g Ni from Ni or NiO.
  const fe2o3 = (0.64 * FE2O3) / (2 * M.Fe);
  const ni = precursors[1] === 'Ni' ? 0.36 : (0.36 * NIO) / M.Ni;
  return { Fe2O3: fe2o3 / (fe2o3 + ni), [precursors[1]]: ni / (fe2o3 + ni) };
}
function lossFraction(wt) {
  return (wt.Fe2O3 ?? 0) * ((3 * M.O) / FE2O3) + (wt.NiO ?? 0) * (M.O / NIO);
}

// ---- noise: mulberry32 PRNG + Box–Muller -------------------------------------------------------------------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gaussian(rand) {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}
const MASS_NOISE_MG = 0.002;
const TEMPERATURE_NOISE_C = 0.15;

function simulate(seed, lossMg, kPerS) {
  const rand = mulberry32(seed);
  const lines = ['time_s,temperature_C,mass_mg,gas'];
  for (let t = 0; t <= END_S + 1e-9; t += STEP_S) {
    const tC = programmeTemperatureC(t);
    const gas = gasAt(t);
    const tau = Math.max(0, Math.min(t, H2_END_S) - H2_START_S);
    const alpha = lossMg > 0 ? 1 - Math.exp(-((kPerS * tau) ** AVRAMI_N)) : 0;
    const massMg = SAMPLE_MG * (lossMg > 0 ? 1 : 0) - lossMg * alpha + buoyancyMg(gas, tC) + (DRIFT_MG_PER_H * t) / 3600 + MASS_NOISE_MG * gaussian(rand);
    const measuredC = tC + TEMPERATURE_NOISE_C * gaussian(rand);
    lines.push(`${t.toFixed(1)},${measuredC.toFixed(3)},${massMg.toFixed(5)},${gas}`);
  }
  return lines.join('\n') + '\n';
}

mkdirSync(outDir, { recursive: true });
const truth = {};
RUNS.forEach((run, i) => {
  const wt = run.wt ?? powderFractions(run.precursors);
  const loss = lossFraction(wt);
  const k = K_REF_PER_S * run.kFactor;
  writeFileSync(join(outDir, run.file), simulate(1001 + i, loss * SAMPLE_MG, k));
  const tAt = (a) => (-Math.log(1 - a)) ** (1 / AVRAMI_N) / k;
  truth[run.file] = {
    powderWtFraction: wt,
    theoreticalLossFraction: loss,
    kPerS: k,
    tAlpha05S: tAt(0.5),
    tAlpha09S: tAt(0.9),
  };
});
writeFileSync(join(outDir, 'blank.csv'), simulate(999, 0, 0));

const study = {
  title: 'Example study: H2 reduction of Fe2O3 with Ni and NiO additions (SIMULATED)',
  label: 'SIMULATED data — written by scripts/make-example-study.mjs, not measured',
  description:
    'Three simulated TGA runs (50 mg, Ar 20 °C/min to 700 °C, 10 min Ar hold, 30 min H2, Ar cooling) with JMAK kinetics ' +
    '(n = 1.5; k = k_ref, 1.6 k_ref, 2 k_ref) plus buoyancy, a gas-switch step and noise, and an empty-crucible blank. See README.md.',
  reference: 'Fe2O3.csv',
  alphaTargets: [0.5, 0.9],
  runs: [
    ...RUNS.map((run) => ({
      file: run.file,
      label: run.label,
      role: 'sample',
      recipe: { precursors: run.precursors.map((formula) => ({ formula })), ...(run.precursors.length > 1 ? { target: 'Fe-36Ni' } : {}) },
      blank: 'blank.csv',
      startS: null,
    })),
    { file: 'blank.csv', label: 'Blank, empty crucible (SIMULATED)', role: 'blank' },
  ],
  simulation: {
    generator: 'scripts/make-example-study.mjs',
    h2StartS: H2_START_S,
    h2EndS: H2_END_S,
    avramiN: AVRAMI_N,
    kRefPerS: K_REF_PER_S,
    displacedVolumeCm3: DISPLACED_VOLUME_CM3,
    massNoiseMg: MASS_NOISE_MG,
    truth,
  },
};
writeFileSync(join(outDir, 'study.json'), JSON.stringify(study, null, 2) + '\n');
console.log(`wrote ${RUNS.length} runs, blank.csv and study.json to ${outDir}`);
