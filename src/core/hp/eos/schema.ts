/**
 * The shape of a pressure scale: one JSON-serialisable object that both the built-in library (library.ts) and a
 * user's own scale file follow, validated with zod so a bad file is refused with a sentence that names the field.
 *
 * A scale is either
 *  - analytic: a 300 K (reference-temperature) isotherm (BM3, BM4, Vinet or Holzapfel AP2) plus a thermal-pressure
 *    model (none, Mie–Grüneisen–Debye with one of three γ(V) forms, the simple αK_T form, or the
 *    Dorogokupets–Oganov 2007 free energy), or
 *  - tabulated: P(V, T) as printed in a paper, on a grid of compression η = 1 − V/V₀ and temperature.
 *
 * Units: volumes Å³ per unit cell, pressures and moduli GPa, temperatures K.
 */
import { z } from 'zod';

const positive = z.number().positive();
const finite = z.number();

export const isothermSchema = z.discriminatedUnion('form', [
  z.strictObject({ form: z.literal('bm3'), k0GPa: positive, k0Prime: finite }),
  z.strictObject({ form: z.literal('bm4'), k0GPa: positive, k0Prime: finite, k0DoublePrimePerGPa: finite }),
  z.strictObject({ form: z.literal('vinet'), k0GPa: positive, k0Prime: finite }),
  z.strictObject({
    form: z.literal('ap2'), k0GPa: positive, k0Prime: finite,
    /** Electrons per atom (Z of the element; the mean over the atoms for a compound). */
    electronsPerAtom: positive,
  }),
]);

export const gammaSchema = z.discriminatedUnion('form', [
  /** γ = γ₀·x^q, θ = θ₀·exp((γ₀ − γ)/q), x = V/V₀. */
  z.strictObject({ form: z.literal('power-law'), gamma0: positive, q: finite }),
  /** Speziale et al. 2001: q = q₀·x^q₁, γ = γ₀·exp((q₀/q₁)(x^q₁ − 1)), θ = θ₀·exp(−∫γ dlnV). */
  z.strictObject({ form: z.literal('speziale'), gamma0: positive, q0: finite, q1: z.number().refine((v) => v !== 0, 'q1 must not be 0') }),
  /** Tange et al. 2009: γ = γ₀[1 + a(x^b − 1)], θ = θ₀·x^(−(1−a)γ₀)·exp((γ₀ − γ)/b). */
  z.strictObject({ form: z.literal('tange'), gamma0: positive, a: finite, b: z.number().refine((v) => v !== 0, 'b must not be 0') }),
]);

const referenceTemperatureK = positive;

export const thermalSchema = z.discriminatedUnion('model', [
  /** The isotherm only: pressures at the reference temperature; other temperatures are refused. */
  z.strictObject({ model: z.literal('none'), referenceTemperatureK }),
  /** Mie–Grüneisen–Debye: P_th = γ/V·[E_D(T, θ) − E_D(T₀, θ)], E_D the Debye thermal energy of n atoms. */
  z.strictObject({ model: z.literal('mgd'), referenceTemperatureK, debyeTemperature0K: positive, gamma: gammaSchema }),
  /** P_th = [αK_T + (∂K_T/∂T)_V·ln(V₀/V)]·(T − T₀) (Anderson et al. 1989 form; Holmes 1989 with ∂K/∂T = 0). */
  z.strictObject({ model: z.literal('alpha-kt'), referenceTemperatureK, alphaKtGPaPerK: finite, dKdTAtConstantVGPaPerK: finite }),
  /**
   * Dorogokupets & Oganov 2007 (Phys. Rev. B 75, 024115): Helmholtz energy of two Bose–Einstein and two Einstein
   * terms with θᵢ(x) = θᵢ₀·x^(−γ∞)·exp[(γ₀ − γ∞)/β·(1 − x^β)], intrinsic anharmonicity, thermal electrons and
   * vacancies; P_th = −∂[F(V,T) − F(V,T₀)]/∂V.
   */
  z.strictObject({
    model: z.literal('dorogokupets-oganov-2007'), referenceTemperatureK,
    thetaB1K: positive, dB1: positive, mB1: z.number().min(0),
    thetaB2K: positive, dB2: positive, mB2: z.number().min(0),
    thetaE1K: positive, mE1: z.number().min(0),
    thetaE2K: positive, mE2: z.number().min(0),
    gamma0: finite, gammaInf: finite, beta: positive,
    /** Intrinsic anharmonicity a (K⁻¹) and its volume exponent m. */
    anharmonicAPerK: finite, anharmonicM: finite,
    /** Thermal electrons e (K⁻¹) and g. */
    electronicEPerK: finite, electronicG: finite,
    /** Vacancies: formation enthalpy H (K) and entropy S (units of R), with their volume exponents h and f. */
    vacancyEnthalpyK: z.number().min(0), vacancyEntropyR: finite, vacancyEnthalpyExponent: finite, vacancyEntropyExponent: finite,
  }),
]);

export const tableSchema = z.strictObject({
  /** Compression η = 1 − V/V₀ of the rows, ascending. */
  compression: z.array(finite).min(4),
  /** Temperatures (K) of the columns, ascending. */
  temperatureK: z.array(positive).min(2),
  /** pressureGPa[row][column]. */
  pressureGPa: z.array(z.array(finite)),
});

export const structureSchema = z.strictObject({
  /** Lattice type of the calibrant: decides the reflections (EDD) and which cell parameters are needed. */
  lattice: z.enum(['fcc', 'bcc', 'hcp', 'b1', 'b2']),
  /** Formula units per unit cell (Z). */
  z: positive,
  /** Atoms per formula unit (n of the Debye model). */
  atomsPerFormula: positive,
  /** hcp only: c/a at 1 bar, the start of cell searches (EDD, XRD); c itself is refined from the data. */
  cOverA: positive.optional(),
});

export const validitySchema = z.strictObject({
  /** Highest pressure of the data that calibrated the scale (GPa). */
  maxPressureGPa: positive.optional(),
  /** Smallest V/V₀ the scale was calibrated to. */
  minVOverV0: positive.optional(),
  minTemperatureK: positive.optional(),
  maxTemperatureK: positive.optional(),
  /** Where the range comes from. */
  note: z.string().optional(),
});

const idSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" or "-" (e.g. "smith2020-vinet")');

export const scaleDefinitionSchema = z.strictObject({
  /** First author + year in lower case, "-bm3"/"-vinet" where the paper gives both forms. */
  id: idSchema,
  /** Other ids that resolve to this scale (the paper's preferred form answers to the plain id). */
  aliases: z.array(idSchema).optional(),
  /** Calibrant name as users type it: 'Au', 'Pt', 'MgO', 'Re', 'NaCl-B1', 'NaCl-B2', … */
  calibrant: z.string().min(1),
  /** Human name that says the isotherm form and the thermal model. */
  name: z.string().min(1),
  citation: z.string().min(1),
  doi: z.string().optional(),
  /** Where the numbers were read (table, equation, transcription) and any caveat. */
  source: z.string().optional(),
  structure: structureSchema,
  /** Unit-cell volume at 1 bar and the reference temperature (Å³). */
  v0A3: positive,
  eos: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('analytic'), isotherm: isothermSchema, thermal: thermalSchema }),
    z.strictObject({ kind: z.literal('table'), table: tableSchema, referenceTemperatureK }),
  ]),
  validity: validitySchema.optional(),
});

export type IsothermSpec = z.infer<typeof isothermSchema>;
export type GammaSpec = z.infer<typeof gammaSchema>;
export type ThermalSpec = z.infer<typeof thermalSchema>;
export type TableSpec = z.infer<typeof tableSchema>;
export type StructureSpec = z.infer<typeof structureSchema>;
export type ValiditySpec = z.infer<typeof validitySchema>;
export type ScaleDefinition = z.infer<typeof scaleDefinitionSchema>;
export type Lattice = StructureSpec['lattice'];

/** The cell parameters a lattice needs: hexagonal close packing needs a and c, the cubic ones a. */
export function latticeSystem(lattice: Lattice): 'cubic' | 'hexagonal' {
  return lattice === 'hcp' ? 'hexagonal' : 'cubic';
}

/** Thrown for a scale file that does not follow the schema: the message names the file and the fields. */
export class ScaleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaleFileError';
  }
}

/**
 * Validates one parsed JSON value as a scale (or an array of scales, or { scales: [...] }) and returns the
 * definitions; throws ScaleFileError naming the source, the scale and each bad field. Table shapes are checked too.
 */
export function parseScaleDefinitions(value: unknown, sourceName = 'scale file'): ScaleDefinition[] {
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (value && typeof value === 'object' && Array.isArray((value as { scales?: unknown }).scales)) items = (value as { scales: unknown[] }).scales;
  else items = [value];
  if (items.length === 0) throw new ScaleFileError(`${sourceName}: no scale in the file`);
  return items.map((item, i) => {
    const label = `${sourceName}, scale ${items.length > 1 ? `#${i + 1}` : ''}`.replace(/, scale $/, '');
    const r = scaleDefinitionSchema.safeParse(item);
    if (!r.success) {
      const fields = r.error.issues.map((iss) => `${iss.path.length ? iss.path.join('.') : '(top level)'}: ${iss.message}`);
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? ` "${(item as { id: string }).id}"` : '';
      throw new ScaleFileError(`${label}${id}: ${fields.join('; ')}`);
    }
    checkTable(r.data, label);
    if (r.data.eos.kind === 'analytic' && r.data.eos.isotherm.form === 'ap2' && r.data.eos.isotherm.k0Prime <= 0) {
      throw new ScaleFileError(`${label} "${r.data.id}": eos.isotherm.k0Prime must be positive for AP2`);
    }
    return r.data;
  });
}

function checkTable(def: ScaleDefinition, label: string): void {
  if (def.eos.kind !== 'table') return;
  const t = def.eos.table;
  const bad = (msg: string): never => {
    throw new ScaleFileError(`${label} "${def.id}": eos.table: ${msg}`);
  };
  if (t.pressureGPa.length !== t.compression.length) bad(`${t.pressureGPa.length} rows of pressure for ${t.compression.length} compressions`);
  t.pressureGPa.forEach((row, i) => {
    if (row.length !== t.temperatureK.length) bad(`row ${i + 1} has ${row.length} pressures for ${t.temperatureK.length} temperatures`);
  });
  for (let i = 1; i < t.compression.length; i++) if (!(t.compression[i] > t.compression[i - 1])) bad('compression must ascend');
  for (let i = 1; i < t.temperatureK.length; i++) if (!(t.temperatureK[i] > t.temperatureK[i - 1])) bad('temperatureK must ascend');
}
