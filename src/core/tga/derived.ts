/**
 * Curve arithmetic, as NETZSCH Proteus and TA TRIOS users know it: a derived curve is an expression over a run's
 * channels, its scalars and other runs' channels, e.g.
 *   m - blank.m                      the sample mass minus the blank's (interpolated on this run's time)
 *   100*(m - m0)/m0                  mass change in % of the initial mass (dimensionless)
 *   movavg(m, 30 s)                  a centred 30 s moving average
 *   deriv(m) * 60 s                  dm/dt per minute (Savitzky–Golay, the session's window)
 *   m - run("Fe2O3 (2)").m           another run by label or file name
 *
 * The expression is parsed by mathjs (core/units/mathjs) and evaluated twice over its syntax tree:
 *   1. with mathjs Units (every channel as 1 of its unit): this checks the units — adding mg to °C, or taking the
 *      log of a mass, is refused with a sentence — and gives the result's unit (mg, mg / s, K, or none);
 *   2. element-wise over Float64Array in SI units (mg → kg, °C → K, min → s), converted once at the end to the
 *      result's unit (or the one the user asked for). A 1,000,000-point curve costs 0.05–0.2 s of CPU; mathjs with
 *      units at every point takes ~20 µs a point (~20 s).
 * Temperatures enter in kelvin, so T - T0 or T - 700 degC is a difference in K (mathjs would call a difference of
 * two °C values "°C", the offset-unit trap); give °C as the unit to see an absolute temperature in °C.
 * Channels in % (mass in % of the initial mass) and channels whose unit mathjs does not know are plain numbers.
 */
import { math, type MathNode, type MathUnit } from '../units/mathjs';
import { normaliseUnitText } from '../units/quantity';
import { savitzkyGolayDerivative } from './derivative';
import { interpolateLinear, movingAverage } from './series';

/** One channel of a run on that run's time axis, in its own unit. */
export interface ChannelData {
  /** Name in expressions: an identifier (see channelSymbol). */
  symbol: string;
  /** As the file (or the user) names it. */
  name: string;
  /** Unit text as written ('mg', '°C', 'mL/min', '%', ''). */
  unit: string;
  values: Float64Array;
}

export interface ScalarData {
  symbol: string;
  name: string;
  unit: string;
  value: number;
}

/** What an expression can see of one run. */
export interface RunChannels {
  label: string;
  fileName: string;
  timeS: Float64Array;
  channels: ChannelData[];
  scalars: ScalarData[];
}

export interface DerivedContext {
  self: RunChannels;
  /** The run's blank, reachable as `blank`; null when none is set. */
  blank: RunChannels | null;
  /** Every run of the session, reachable as run("label or file name"). */
  runs: RunChannels[];
  /** Window of deriv() (s): the session's Savitzky–Golay window. */
  sgWindowS: number;
}

export interface DerivedResult {
  values: Float64Array;
  /** Unit of `values` as mathjs writes it ('mg', 'mg / s', 'K', '%', '' for a plain number). */
  unit: string;
  warnings: string[];
}

export class DerivedError extends Error {
  override name = 'DerivedError';
}

/** Names an expression may not use for a derived curve (channels, functions, constants). */
export const RESERVED_SYMBOLS = ['t', 'T', 'm', 'm0', 'time', 'temperature', 'mass', 'run', 'blank', 'movavg', 'deriv', 'first', 'at', 'abs', 'sqrt', 'exp', 'log', 'log10', 'pi', 'e'];

const FUNCTIONS = ['run', 'movavg', 'deriv', 'first', 'at', 'abs', 'sqrt', 'exp', 'log', 'log10'];
const MAX_EXPRESSION_LENGTH = 500;
const MAX_NODES = 300;

/** An identifier for a channel name: 'Heat Flow' → 'Heat_Flow', '2nd gas' → '_2nd_gas'. */
export function channelSymbol(name: string): string {
  let s = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') s = 'channel';
  if (/^\d/.test(s)) s = `_${s}`;
  if (RESERVED_SYMBOLS.includes(s) || isUnitName(s)) s = `${s}_`;
  return s;
}

function isUnitName(name: string): boolean {
  try {
    return math.Unit.isValuelessUnit(name);
    // Stryker disable next-line BlockStatement: an empty catch returns undefined, and every caller reads the result as a condition (false)
  } catch {
    return false;
  }
}

/** Why `name` cannot name a derived curve, or null when it can. */
export function derivedNameProblem(name: string, taken: string[]): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `"${name}" is not a name: use letters, digits and _ (starting with a letter), e.g. m_net`;
  if (name.length > 40) return 'the name is longer than 40 characters';
  if (RESERVED_SYMBOLS.includes(name)) return `"${name}" is a built-in name (${RESERVED_SYMBOLS.join(', ')})`;
  if (isUnitName(name)) return `"${name}" is the name of a unit: choose another name`;
  if (taken.includes(name)) return `this run already has a channel called "${name}"`;
  return null;
}

// ───────────────────────────── units of channels ─────────────────────────────

interface Scale {
  /** SI = a·v + b. */
  a: number;
  b: number;
  /** The unit in the unit pass: a mathjs Unit, or null for a plain number. */
  unit: MathUnit | null;
  /** Set when the unit text was not understood. */
  unknown: boolean;
}

const scaleCache = new Map<string, Scale>();

/** How a channel's unit text enters the expression: its SI scale and its mathjs unit. */
export function channelScale(unitText: string): Scale {
  const cached = scaleCache.get(unitText);
  if (cached) return cached;
  const t = normaliseUnitText(unitText);
  let scale: Scale;
  if (t === '' || t === '%' || t === '-' || t === '1') scale = { a: 1, b: 0, unit: null, unknown: false };
  else {
    try {
      const one = math.unit(1, t);
      const zero = math.unit(0, t);
      const b = zero.toSI().toNumeric() as number;
      const a = (one.toSI().toNumeric() as number) - b;
      // Temperatures enter in kelvin (absolute): the unit pass sees K, never an offset unit.
      const si = one.toSI();
      scale = { a, b, unit: b !== 0 ? math.unit(1, si.formatUnits()) : one, unknown: false };
    } catch {
      scale = { a: 1, b: 0, unit: null, unknown: true };
    }
  }
  scaleCache.set(unitText, scale);
  return scale;
}

// ───────────────────────────── the two passes ─────────────────────────────

interface RunRef {
  kind: 'run';
  run: RunChannels;
  how: string;
}

type UnitValue = number | MathUnit | string | RunRef;
type NumValue = number | Float64Array | string | RunRef;

const isRunRef = (v: unknown): v is RunRef => typeof v === 'object' && v !== null && (v as RunRef).kind === 'run';

interface NodeLike {
  type: string;
  name?: string;
  op?: string;
  fn?: NodeLike | string;
  args?: NodeLike[];
  value?: unknown;
  content?: NodeLike;
  object?: NodeLike;
  index?: { dimensions: NodeLike[]; isObjectProperty(): boolean; getObjectProperty(): string | null };
  implicit?: boolean;
}

function describeUnit(v: UnitValue): string {
  if (typeof v === 'number') return 'a plain number';
  if (typeof v === 'string') return `the text "${v}"`;
  if (isRunRef(v)) return `the run ${v.how}`;
  return v.formatUnits() || 'a plain number';
}

function unitOf(v: UnitValue): MathUnit | number {
  if (typeof v === 'number' || math.isUnit(v)) return v as MathUnit | number;
  throw new DerivedError(`${describeUnit(v)} is not a quantity here`);
}

interface UnitPart {
  unit: { name: string };
  prefix: { name: string };
  power: number;
}

/**
 * Cancel a unit that appears more than once ('mg / (s mg)' → 's^-1', '(mg s) / s' → 'mg'); a unit without
 * dimensions becomes a plain number. mathjs keeps the units of each operand as written, which is what we want for
 * display ('mg / s', not 'kg / s'), but it does not cancel repeated ones.
 */
export function simplifyUnit(v: MathUnit | number): MathUnit | number {
  if (typeof v === 'number') return v;
  if (v.dimensions.every((d: number) => Math.abs(d) < 1e-12)) {
    // A ratio of bare unit names ('mg / g') has no value: it stands for 1 of itself, i.e. 0.001, not 1.
    const valued = v.value === null ? math.unit(1, v.formatUnits()) : v;
    return valued.toSI().toNumeric() as number;
  }
  const parts = (v as unknown as { units: UnitPart[] }).units;
  const powers = new Map<string, number>();
  for (const p of parts) {
    const key = `${p.prefix.name}${p.unit.name}`;
    powers.set(key, (powers.get(key) ?? 0) + p.power);
  }
  if (powers.size === parts.length) return v;
  const text = [...powers].filter(([, p]) => Math.abs(p) > 1e-12).map(([u, p]) => (p === 1 ? u : `${u}^${p}`)).join(' ');
  try {
    const out = math.unit(1, text);
    return v.value === null ? out : math.multiply(out, (v.toSI().toNumeric() as number) / (out.toSI().toNumeric() as number)) as MathUnit;
  } catch {
    return v;
  }
}

function isDimensionless(v: MathUnit | number): boolean {
  if (typeof v === 'number') return true;
  return v.dimensions.every((d: number) => d === 0);
}

/** Looks a run up by label, then by file name, then by file name without its extension. */
function findRun(runs: RunChannels[], key: string): RunChannels {
  const stem = (s: string): string => s.replace(/\.[^.]+$/, '');
  const hit = runs.find((r) => r.label === key) ?? runs.find((r) => r.fileName === key) ?? runs.find((r) => stem(r.fileName) === key);
  if (!hit) throw new DerivedError(`there is no run "${key}" (runs: ${runs.map((r) => `"${r.label}"`).join(', ')})`);
  return hit;
}

const ALIASES: Record<string, string> = { time: 't', temperature: 'T', mass: 'm' };

interface Lookup {
  kind: 'channel' | 'scalar' | 'time';
  channel?: ChannelData;
  scalar?: ScalarData;
}

function lookup(run: RunChannels, name: string): Lookup | null {
  const symbol = ALIASES[name] ?? name;
  if (symbol === 't') return { kind: 'time' };
  const channel = run.channels.find((c) => c.symbol === symbol);
  if (channel) return { kind: 'channel', channel };
  const scalar = run.scalars.find((s) => s.symbol === symbol);
  if (scalar) return { kind: 'scalar', scalar };
  return null;
}

function symbolsOf(run: RunChannels): string {
  const list = ['t (s)', ...run.channels.map((c) => `${c.symbol}${c.unit ? ` (${c.unit})` : ''}`), ...run.scalars.map((s) => `${s.symbol}${s.unit ? ` (${s.unit})` : ''}`)];
  return list.join(', ');
}

class Evaluator {
  readonly warnings = new Set<string>();

  constructor(private readonly ctx: DerivedContext) {}

  // ── pass 1: units ──

  unitPass(node: NodeLike): UnitValue {
    switch (node.type) {
      case 'ConstantNode':
        if (typeof node.value === 'number' || typeof node.value === 'string') return node.value;
        throw new DerivedError(`the value ${String(node.value)} is not a number`);
      case 'ParenthesisNode':
        return this.unitPass(node.content!);
      case 'SymbolNode':
        return this.unitSymbol(node.name!);
      case 'AccessorNode':
        return this.unitAccessor(node);
      case 'OperatorNode':
        return this.unitOperator(node);
      case 'FunctionNode':
        return this.unitFunction(node);
      default:
        throw new DerivedError(`${node.type.replace(/Node$/, '').toLowerCase()} expressions are not supported here`);
    }
  }

  private unitSymbol(name: string): UnitValue {
    if (name === 'blank') {
      if (!this.ctx.blank) throw new DerivedError('this run has no blank: set one, or name the run with run("label")');
      return { kind: 'run', run: this.ctx.blank, how: 'blank' };
    }
    const hit = lookup(this.ctx.self, name);
    if (hit) return this.unitOfLookup(hit, this.ctx.self);
    if (name === 'pi') return Math.PI;
    if (name === 'e') return Math.E;
    if (FUNCTIONS.includes(name)) throw new DerivedError(`${name} is a function: write ${name}(…)`);
    if (isUnitName(name)) return math.unit(name);
    throw new DerivedError(`unknown name "${name}": this run has ${symbolsOf(this.ctx.self)}`);
  }

  private unitOfLookup(hit: Lookup, run: RunChannels): UnitValue {
    if (hit.kind === 'time') return math.unit(1, 's');
    const unitText = hit.channel ? hit.channel.unit : hit.scalar!.unit;
    const scale = channelScale(unitText);
    if (scale.unknown) this.warnings.add(`${run.label}: the unit "${unitText}" of ${hit.channel ? hit.channel.name : hit.scalar!.name} is not one mathjs knows; it is used as a plain number`);
    return scale.unit ? scale.unit.clone() : 1;
  }

  private property(node: NodeLike): string {
    const index = node.index!;
    const prop = index.isObjectProperty() ? index.getObjectProperty() : null;
    if (prop !== null) return prop;
    const dims = index.dimensions;
    if (dims.length === 1 && dims[0].type === 'ConstantNode' && typeof dims[0].value === 'string') return dims[0].value;
    throw new DerivedError('write a channel of another run as run("label").m or blank.m');
  }

  private unitAccessor(node: NodeLike): UnitValue {
    const target = this.unitPass(node.object!);
    if (!isRunRef(target)) throw new DerivedError(`${describeUnit(target)} has no channels (write run("label").m or blank.m)`);
    const name = this.property(node);
    const hit = lookup(target.run, name);
    if (!hit) throw new DerivedError(`the run ${target.how} has no channel "${name}": it has ${symbolsOf(target.run)}`);
    return this.unitOfLookup(hit, target.run);
  }

  private unitOperator(node: NodeLike): UnitValue {
    const args = node.args!.map((a) => unitOf(this.unitPass(a)));
    if ((node.op === '+' || node.op === '-') && args.length === 2 && typeof args[0] !== typeof args[1]) {
      throw new DerivedError(`units do not match: ${describeUnit(args[0])} ${node.op} ${describeUnit(args[1])}`);
    }
    try {
      return simplifyUnit(this.unitOperation(node, args));
    } catch (e) {
      if (e instanceof DerivedError) throw e;
      const [a, b] = args;
      if (/do not match/i.test((e as Error).message) && b !== undefined) {
        throw new DerivedError(`units do not match: ${describeUnit(a)} ${node.op} ${describeUnit(b)}`);
      }
      throw new DerivedError((e as Error).message);
    }
  }

  private unitOperation(node: NodeLike, args: (MathUnit | number)[]): MathUnit | number {
    {
      switch (node.op) {
        case '+':
          return args.length === 1 ? args[0] : (math.add(args[0], args[1]) as MathUnit | number);
        case '-':
          return args.length === 1 ? (math.unaryMinus(args[0]) as MathUnit | number) : (math.subtract(args[0], args[1]) as MathUnit | number);
        case '*':
          return math.multiply(args[0], args[1]) as MathUnit | number;
        case '/':
          return math.divide(args[0], args[1]) as MathUnit | number;
        case '^': {
          if (!isDimensionless(args[1])) throw new DerivedError('an exponent must be a plain number');
          return math.pow(args[0], typeof args[1] === 'number' ? args[1] : (args[1].toNumeric() as number)) as MathUnit | number;
        }
        default:
          throw new DerivedError(`the operator "${node.op}" is not supported here${node.op === 'to' ? ' (give the unit in the unit field)' : ''}`);
      }
    }
  }

  private fnName(node: NodeLike): string {
    const fn = node.fn;
    const name = typeof fn === 'string' ? fn : fn && fn.type === 'SymbolNode' ? fn.name : undefined;
    if (!name) throw new DerivedError('only named functions can be called');
    if (!FUNCTIONS.includes(name)) throw new DerivedError(`unknown function "${name}" (functions: ${FUNCTIONS.join(', ')})`);
    return name;
  }

  private arity(name: string, node: NodeLike, n: number): void {
    if (node.args!.length !== n) throw new DerivedError(`${name}() takes ${n} argument${n === 1 ? '' : 's'}`);
  }

  private unitFunction(node: NodeLike): UnitValue {
    const name = this.fnName(node);
    if (name === 'run') {
      this.arity(name, node, 1);
      const arg = node.args![0];
      if (arg.type !== 'ConstantNode' || typeof arg.value !== 'string') throw new DerivedError('run() takes a run label or file name in quotes, e.g. run("blank")');
      return { kind: 'run', run: findRun(this.ctx.runs, arg.value), how: `"${arg.value}"` };
    }
    if (name === 'movavg') {
      this.arity(name, node, 2);
      const x = unitOf(this.unitPass(node.args![0]));
      this.requireTime(unitOf(this.unitPass(node.args![1])), 'the window of movavg()');
      return x;
    }
    if (name === 'at') {
      this.arity(name, node, 2);
      const x = unitOf(this.unitPass(node.args![0]));
      this.requireTime(unitOf(this.unitPass(node.args![1])), 'the time of at()');
      return x;
    }
    if (name === 'deriv') {
      this.arity(name, node, 1);
      return simplifyUnit(math.divide(unitOf(this.unitPass(node.args![0])), math.unit(1, 's')) as MathUnit);
    }
    this.arity(name, node, 1);
    const x = unitOf(this.unitPass(node.args![0]));
    if (name === 'first' || name === 'abs') return x;
    if (name === 'sqrt') return simplifyUnit(math.sqrt(x as number) as unknown as MathUnit | number);
    if (!isDimensionless(x)) throw new DerivedError(`${name}() needs a plain number, not ${describeUnit(x)}`);
    return 1;
  }

  private requireTime(v: MathUnit | number, what: string): void {
    if (typeof v === 'number' || !v.equalBase(math.unit(1, 's'))) throw new DerivedError(`${what} must be a time, e.g. 30 s (got ${describeUnit(v)})`);
  }

  // ── pass 2: numbers (SI) ──

  /** Whether a subtree reads no channel: then mathjs evaluates it once (units and all) and it becomes a number. */
  private isConstant(node: NodeLike): boolean {
    let constant = true;
    const visit = (n: NodeLike): void => {
      if (!constant) return;
      if (n.type === 'SymbolNode') {
        const name = n.name!;
        if (name === 'blank' || lookup(this.ctx.self, name) !== null) constant = false;
        return;
      }
      if (n.type === 'FunctionNode' || n.type === 'AccessorNode') {
        constant = false;
        return;
      }
      for (const child of [...(n.args ?? []), ...(n.content ? [n.content] : [])]) visit(child);
    };
    visit(node);
    return constant;
  }

  private siOfConstant(node: NodeLike): number {
    const v = this.unitPass(node);
    if (typeof v === 'number') return v;
    if (math.isUnit(v)) {
      const u = v as MathUnit;
      const valued = u.value === null ? math.unit(1, u.formatUnits()) : u;
      return valued.toSI().toNumeric() as number;
    }
    throw new DerivedError(`${describeUnit(v)} is not a quantity here`);
  }

  numPass(node: NodeLike): NumValue {
    if (node.type !== 'ConstantNode' && this.isConstant(node)) return this.siOfConstant(node);
    switch (node.type) {
      case 'ConstantNode':
        return node.value as number | string;
      case 'ParenthesisNode':
        return this.numPass(node.content!);
      case 'SymbolNode': {
        if (node.name === 'blank') return { kind: 'run', run: this.ctx.blank!, how: 'blank' };
        return this.numOfLookup(lookup(this.ctx.self, node.name!)!, this.ctx.self);
      }
      case 'AccessorNode': {
        const target = this.numPass(node.object!) as RunRef;
        return this.numOfLookup(lookup(target.run, this.property(node))!, target.run);
      }
      case 'OperatorNode': {
        const args = node.args!.map((a) => this.numPass(a) as number | Float64Array);
        if (args.length === 1) return node.op === '-' ? map1(args[0], (x) => -x) : args[0];
        const f = OPS[node.op!];
        return map2(args[0], args[1], f);
      }
      case 'FunctionNode':
        return this.numFunction(node);
      default:
        throw new DerivedError(`${node.type} is not supported`);
    }
  }

  private numOfLookup(hit: Lookup, run: RunChannels): number | Float64Array {
    const self = this.ctx.self;
    if (hit.kind === 'scalar') {
      const s = channelScale(hit.scalar!.unit);
      return s.a * hit.scalar!.value + s.b;
    }
    let values: Float64Array;
    let unit = 's';
    if (hit.kind === 'time') values = run.timeS;
    else {
      values = hit.channel!.values;
      unit = hit.channel!.unit;
    }
    if (run !== self) {
      // Another run: on this run's time axis (file time), end values held outside its range.
      const { values: on, heldPoints } = interpolateLinear(run.timeS, values, self.timeS);
      if (heldPoints > 0) this.warnings.add(`${run.label} does not cover ${heldPoints} of ${self.timeS.length} points of ${self.label} in time: its end values are held there`);
      values = on;
    }
    const s = channelScale(unit);
    if (s.a === 1 && s.b === 0) return values;
    const out = new Float64Array(values.length);
    for (let i = 0; i < out.length; i++) out[i] = s.a * values[i] + s.b;
    return out;
  }

  private numFunction(node: NodeLike): NumValue {
    const name = this.fnName(node);
    const args = node.args!.map((a) => this.numPass(a));
    const timeS = this.ctx.self.timeS;
    switch (name) {
      case 'run':
        return { kind: 'run', run: findRun(this.ctx.runs, args[0] as string), how: String(args[0]) };
      case 'movavg':
        return movingAverage(timeS, toArray(args[0] as number | Float64Array, timeS.length), args[1] as number);
      case 'deriv':
        return savitzkyGolayDerivative(timeS, toArray(args[0] as number | Float64Array, timeS.length), { windowS: this.ctx.sgWindowS, polynomial: 2 }).values;
      case 'first': {
        const x = args[0] as number | Float64Array;
        if (typeof x === 'number') return x;
        for (const v of x) if (Number.isFinite(v)) return v;
        return NaN;
      }
      case 'at': {
        const x = args[0] as number | Float64Array;
        const t = args[1] as number;
        if (typeof x === 'number') return x;
        if (t < timeS[0] || t > timeS[timeS.length - 1]) throw new DerivedError(`at(): ${t} s lies outside ${this.ctx.self.label} (${timeS[0]}–${timeS[timeS.length - 1]} s)`);
        return interpolateLinear(timeS, x, Float64Array.of(t)).values[0];
      }
      case 'abs':
        return map1(args[0] as number | Float64Array, Math.abs);
      case 'sqrt':
        return map1(args[0] as number | Float64Array, Math.sqrt);
      case 'exp':
        return map1(args[0] as number | Float64Array, Math.exp);
      case 'log':
        return map1(args[0] as number | Float64Array, Math.log);
      case 'log10':
        return map1(args[0] as number | Float64Array, Math.log10);
      default:
        throw new DerivedError(`unknown function "${name}"`);
    }
  }
}

const OPS: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
};

function map1(x: number | Float64Array, f: (v: number) => number): number | Float64Array {
  if (typeof x === 'number') return f(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

function map2(a: number | Float64Array, b: number | Float64Array, f: (p: number, q: number) => number): number | Float64Array {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const n = typeof a === 'number' ? (b as Float64Array).length : a.length;
  const out = new Float64Array(n);
  if (typeof a === 'number') for (let i = 0; i < n; i++) out[i] = f(a, (b as Float64Array)[i]);
  else if (typeof b === 'number') for (let i = 0; i < n; i++) out[i] = f(a[i], b);
  else for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  return out;
}

function toArray(x: number | Float64Array, n: number): Float64Array {
  return typeof x === 'number' ? new Float64Array(n).fill(x) : x;
}

/** Node count of a parsed expression. */
function nodeCount(node: MathNode): number {
  let k = 0;
  node.traverse(() => {
    k++;
  });
  return k;
}

/** Parse an expression (length and size limits; mathjs syntax errors become DerivedError). */
export function parseExpression(expression: string): MathNode {
  const text = expression.trim();
  if (text === '') throw new DerivedError('the expression is empty');
  if (text.length > MAX_EXPRESSION_LENGTH) throw new DerivedError(`the expression is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  let node: MathNode;
  try {
    node = math.parse(normaliseUnitText(text));
  } catch (e) {
    throw new DerivedError(`cannot read the expression: ${(e as Error).message}`);
  }
  if (nodeCount(node) > MAX_NODES) throw new DerivedError(`the expression has more than ${MAX_NODES} parts`);
  return node;
}

/** Units of an expression's result without evaluating it over the data (for a form's live check). */
export function derivedUnit(expression: string, ctx: DerivedContext): string {
  const ev = new Evaluator(ctx);
  const v = unitOf(ev.unitPass(parseExpression(expression) as unknown as NodeLike));
  return typeof v === 'number' ? '' : v.formatUnits();
}

/**
 * Evaluate a derived curve over the run's time axis. `unit`: the unit wanted for the result (null = the unit the
 * expression gives; '%' = a plain number × 100). Throws DerivedError with a sentence.
 */
export function evaluateDerived(expression: string, ctx: DerivedContext, unit: string | null = null): DerivedResult {
  const node = parseExpression(expression) as unknown as NodeLike;
  const ev = new Evaluator(ctx);
  const resultUnit = unitOf(ev.unitPass(node));
  const raw = ev.numPass(node);
  if (typeof raw === 'string' || isRunRef(raw)) throw new DerivedError('the expression gives a run, not a curve: name a channel, e.g. blank.m');
  const n = ctx.self.timeS.length;
  const si = toArray(raw, n);
  // SI → the result unit: v = (si − b) / a, with a and b from mathjs.
  let unitText = typeof resultUnit === 'number' ? '' : resultUnit.formatUnits();
  let a = 1;
  let b = 0;
  const wanted = unit === null ? '' : normaliseUnitText(unit);
  if (wanted === '%') {
    if (!isDimensionless(resultUnit)) throw new DerivedError(`the expression gives ${describeUnit(resultUnit)}, not a plain number: it cannot be shown in %`);
    a = 0.01;
    unitText = '%';
  } else if (wanted !== '') {
    let target: MathUnit;
    try {
      target = math.unit(1, wanted);
    } catch {
      throw new DerivedError(`unknown unit "${unit}"`);
    }
    if (typeof resultUnit === 'number' || !resultUnit.equalBase(target)) throw new DerivedError(`the expression gives ${describeUnit(resultUnit)}, which cannot be shown in ${unit}`);
    b = math.unit(0, wanted).toSI().toNumeric() as number;
    a = (target.toSI().toNumeric() as number) - b;
    unitText = unit!.trim();
  } else if (typeof resultUnit !== 'number') {
    const one = math.unit(1, unitText);
    b = math.unit(0, unitText).toSI().toNumeric() as number;
    a = (one.toSI().toNumeric() as number) - b;
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = (si[i] - b) / a;
  let bad = 0;
  for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) bad++;
  if (bad === n) throw new DerivedError('the expression gives no finite value at any point (division by zero, log of a negative number?)');
  if (bad > 0) ev.warnings.add(`${bad} of ${n} points are not finite (division by zero, log of a negative number, or gaps in a channel)`);
  return { values, unit: unitText, warnings: [...ev.warnings] };
}
