/**
 * A scale definition compiled into functions of (V, T): total pressure, ∂P/∂V and ∂P/∂T.
 *   analytic:  P(V, T) = P_isotherm(V) + ΔP_th(V, T)   (ΔP_th(V, T₀) = 0)
 *   table:     P(V, T) interpolated in the printed table
 */
import { makeIsotherm } from './isotherm';
import { makeThermalPressure } from './thermal';
import { makeTabulatedEos } from './table';
import type { ScaleDefinition } from './schema';

export interface EosModel {
  readonly def: ScaleDefinition;
  readonly v0A3: number;
  readonly referenceTemperatureK: number;
  /** False when the scale is an isotherm only (thermal model 'none'). */
  readonly hasThermalModel: boolean;
  pressureGPa(volumeA3: number, temperatureK: number): number;
  /** ∂P/∂V at constant T, GPa/Å³. */
  dPdV(volumeA3: number, temperatureK: number): number;
  /** ∂P/∂T at constant V, GPa/K. */
  dPdT(volumeA3: number, temperatureK: number): number;
  /** out[0] = P, out[1] = ∂P/∂V in one pass (the inversion's hot path). */
  evaluate(volumeA3: number, temperatureK: number, out: Float64Array): void;
}

const cache = new WeakMap<ScaleDefinition, EosModel>();

function atomsPerCell(def: ScaleDefinition): number {
  return def.structure.z * def.structure.atomsPerFormula;
}

/** Compiles (and caches per definition object) the model of a scale. */
export function eosModel(def: ScaleDefinition): EosModel {
  const hit = cache.get(def);
  if (hit) return hit;
  let model: EosModel;
  if (def.eos.kind === 'table') {
    const tab = makeTabulatedEos(def.eos.table, def.v0A3);
    model = {
      def, v0A3: def.v0A3, referenceTemperatureK: def.eos.referenceTemperatureK, hasThermalModel: def.eos.table.temperatureK.length > 1,
      pressureGPa: tab.pressureGPa, dPdV: tab.dPdV, dPdT: tab.dPdT, evaluate: tab.evaluate,
    };
  } else {
    const iso = makeIsotherm(def.eos.isotherm, def.v0A3, atomsPerCell(def));
    const th = makeThermalPressure(def.eos.thermal, def.v0A3, def.structure.z, def.structure.atomsPerFormula);
    const scratch = new Float64Array(2);
    model = th.hasThermalModel
      ? {
        def, v0A3: def.v0A3, referenceTemperatureK: th.referenceTemperatureK, hasThermalModel: true,
        pressureGPa: (v, t) => iso.pressureGPa(v) + th.pressureGPa(v, t),
        dPdV: (v, t) => iso.dPdV(v) + th.dPdV(v, t),
        dPdT: (v, t) => th.dPdT(v, t),
        evaluate(v, t, out) {
          iso.evaluate(v, out);
          th.evaluate(v, t, scratch);
          out[0] += scratch[0];
          out[1] += scratch[1];
        },
      }
      : {
        def, v0A3: def.v0A3, referenceTemperatureK: th.referenceTemperatureK, hasThermalModel: false,
        pressureGPa: (v) => iso.pressureGPa(v),
        dPdV: (v) => iso.dPdV(v),
        dPdT: () => 0,
        evaluate: (v, _t, out) => iso.evaluate(v, out),
      };
  }
  cache.set(def, model);
  return model;
}
