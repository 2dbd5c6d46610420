/**
 * The project's mathjs instance: only the expression parser, units and the arithmetic on them — not the whole
 * bundle (no matrices, no statistics, no symbolic algebra, and no `min`/`max`/`mean` functions that would shadow
 * the units min or the channel names a user types). Used for quantities typed with units (core/units/quantity)
 * and for derived-curve expressions (core/tga/derived), whose units are checked with mathjs Unit arithmetic.
 */
import {
  absDependencies,
  addDependencies,
  create,
  divideDependencies,
  expDependencies,
  log10Dependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unitDependencies,
  type MathNode as MathjsNode,
  type Unit,
} from 'mathjs';

export const math = create({
  absDependencies,
  addDependencies,
  divideDependencies,
  expDependencies,
  log10Dependencies,
  logDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unitDependencies,
});

export type MathNode = MathjsNode;
export type MathUnit = Unit;
