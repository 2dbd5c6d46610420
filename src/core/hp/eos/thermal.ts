/**
 * Thermal pressure P_th(V, T) − P_th(V, T₀) of the scales' thermal models, with ∂/∂V and ∂/∂T, in GPa and Å³.
 *
 *  mgd        Mie–Grüneisen–Debye: ΔP_th = γ(V)/V_m · [E_D(T, θ(V)) − E_D(T₀, θ(V))] (Jackson & Rigden, Phys. Earth
 *             Planet. Inter. 96 (1996) 85), V_m the molar volume, E_D the Debye energy (debye.ts), with
 *               power-law  γ = γ₀x^q,  θ = θ₀·exp[(γ₀ − γ)/q]
 *               speziale   q = q₀x^q₁,  γ = γ₀·exp[(q₀/q₁)(x^q₁ − 1)],  θ = θ₀·exp[−∫₁ˣ γ dln x′]
 *                          (Speziale et al., J. Geophys. Res. 106 (2001) 515; the integral by 24-point Gauss–Legendre)
 *               tange      γ = γ₀[1 + a(x^b − 1)],  θ = θ₀·x^(−(1−a)γ₀)·exp[(γ₀ − γ)/b]
 *                          (Tange et al., J. Geophys. Res. 114 (2009) B03208)
 *             x = V/V₀; every form satisfies dlnθ/dlnV = −γ.
 *  alpha-kt   ΔP_th = [αK_T + (∂K_T/∂T)_V·ln(V₀/V)]·(T − T₀) (Anderson et al., J. Appl. Phys. 65 (1989) 1534)
 *  dorogokupets-oganov-2007   ΔP_th = −∂[F(V,T) − F(V,T₀)]/∂V, F of Dorogokupets & Oganov, Phys. Rev. B 75
 *             (2007) 024115, eqs. 8–14 (see dorogokupetsFreeEnergy below); ∂/∂V by central differences.
 */
import { debyeD3, debyeD3Derivative } from './debye';
import { GAS_CONSTANT, molarVolumeM3 } from './constants';
import type { GammaSpec, ThermalSpec } from './schema';

export interface ThermalPressure {
  /** Reference temperature T₀ (K): ΔP_th(V, T₀) = 0. */
  referenceTemperatureK: number;
  /** False for 'none' (isotherm only). */
  hasThermalModel: boolean;
  pressureGPa(volumeA3: number, temperatureK: number): number;
  dPdV(volumeA3: number, temperatureK: number): number;
  dPdT(volumeA3: number, temperatureK: number): number;
  /** out[0] = ΔP_th, out[1] = ∂ΔP_th/∂V (the solver's hot path). */
  evaluate(volumeA3: number, temperatureK: number, out: Float64Array): void;
}

interface GammaTheta {
  /** γ(x), θ(x)/θ₀ and dγ/dx. */
  gamma(x: number): number;
  thetaRatio(x: number, gamma: number): number;
  dGammaDx(x: number, gamma: number): number;
}

// 24-point Gauss–Legendre nodes and weights on [−1, 1] (positive half; symmetric).
const GL_X = [
  0.0640568928626056, 0.1911188674736163, 0.3150426796961634, 0.4337935076260451, 0.5454214713888395, 0.6480936519369755,
  0.7401241915785544, 0.8200019859739029, 0.8864155270044011, 0.9382745520027328, 0.9747285559713095, 0.9951872199970213,
];
const GL_W = [
  0.1279381953467522, 0.1258374563468283, 0.1216704729278034, 0.1155056680537256, 0.1074442701159656, 0.0976186521041139,
  0.0861901615319533, 0.0733464814110803, 0.0592985849154368, 0.0442774388174198, 0.0285313886289337, 0.0123412297999872,
];

function gammaForm(spec: GammaSpec): GammaTheta {
  switch (spec.form) {
    case 'power-law': {
      const { gamma0, q } = spec;
      return {
        gamma: (x) => gamma0 * Math.pow(x, q),
        thetaRatio: (_x, g) => (q === 0 ? Math.pow(_x, -gamma0) : Math.exp((gamma0 - g) / q)),
        dGammaDx: (x, g) => (q * g) / x,
      };
    }
    case 'speziale': {
      const { gamma0, q0, q1 } = spec;
      const gamma = (x: number): number => gamma0 * Math.exp((q0 / q1) * (Math.pow(x, q1) - 1));
      return {
        gamma,
        thetaRatio(x) {
          // ln(θ/θ₀) = −∫₀^{ln x} γ(eˢ) ds, Gauss–Legendre over s ∈ [0, ln x].
          const half = 0.5 * Math.log(x);
          let sum = 0;
          for (let i = 0; i < GL_X.length; i++) {
            sum += GL_W[i] * (gamma(Math.exp(half * (1 + GL_X[i]))) + gamma(Math.exp(half * (1 - GL_X[i]))));
          }
          return Math.exp(-half * sum);
        },
        dGammaDx: (x, g) => (g * q0 * Math.pow(x, q1)) / x,
      };
    }
    case 'tange': {
      const { gamma0, a, b } = spec;
      return {
        gamma: (x) => gamma0 * (1 + a * (Math.pow(x, b) - 1)),
        thetaRatio: (x, g) => Math.pow(x, -(1 - a) * gamma0) * Math.exp((gamma0 - g) / b),
        dGammaDx: (x) => gamma0 * a * b * Math.pow(x, b - 1),
      };
    }
  }
}

/**
 * Builds the thermal pressure of a scale. v0A3: cell volume at 1 bar and T₀; z: formula units per cell;
 * atoms: atoms per formula unit.
 */
export function makeThermalPressure(spec: ThermalSpec, v0A3: number, z: number, atoms: number): ThermalPressure {
  const t0 = spec.referenceTemperatureK;
  switch (spec.model) {
    case 'none':
      return {
        referenceTemperatureK: t0, hasThermalModel: false,
        pressureGPa: () => 0, dPdV: () => 0, dPdT: () => 0,
        evaluate: (_v, _t, out) => {
          out[0] = 0;
          out[1] = 0;
        },
      };
    case 'mgd': {
      const g = gammaForm(spec.gamma);
      const theta0 = spec.debyeTemperature0K;
      const c = 3 * atoms * GAS_CONSTANT; // 3nR, J mol⁻¹ K⁻¹
      const toGPa = 1e-9;
      // ΔE = 3nR[T·D₃(θ/T) − T₀·D₃(θ/T₀)] and its θ and T derivatives.
      const parts = (v: number, t: number) => {
        const x = v / v0A3;
        const gamma = g.gamma(x);
        const theta = theta0 * g.thetaRatio(x, gamma);
        const xt = theta / t;
        const x0 = theta / t0;
        const d = debyeD3(xt);
        const d0 = debyeD3(x0);
        const dE = c * (t * d - t0 * d0);
        // ∂E/∂θ = 3nR·D₃′(θ/T) (the T factors cancel)
        const dEdTheta = c * (debyeD3Derivative(xt, d) - debyeD3Derivative(x0, d0));
        const dEdT = c * (d - xt * debyeD3Derivative(xt, d));
        const vm = molarVolumeM3(v, z);
        return { x, gamma, theta, dE, dEdTheta, dEdT, vm };
      };
      // d/dV [γ ΔE / V_m] with dθ/dV = −γθ/V, dγ/dV = (dγ/dx)/V₀; V_m ∝ V.
      const slope = (p: ReturnType<typeof parts>, v: number): number => {
        const dGammadV = g.dGammaDx(p.x, p.gamma) / v0A3;
        const dEdV = p.dEdTheta * ((-p.gamma * p.theta) / v);
        return ((dGammadV * p.dE + p.gamma * dEdV) / p.vm - (p.gamma * p.dE) / (p.vm * v)) * toGPa;
      };
      return {
        referenceTemperatureK: t0, hasThermalModel: true,
        pressureGPa(v, t) {
          const p = parts(v, t);
          return ((p.gamma / p.vm) * p.dE) * toGPa;
        },
        dPdV: (v, t) => slope(parts(v, t), v),
        evaluate(v, t, out) {
          // parts() and slope() inlined: this is the inversion's hot path.
          const x = v / v0A3;
          const gamma = g.gamma(x);
          const theta = theta0 * g.thetaRatio(x, gamma);
          const xt = theta / t;
          const x0 = theta / t0;
          const d = debyeD3(xt);
          const d0 = debyeD3(x0);
          const dE = c * (t * d - t0 * d0);
          const dEdTheta = c * (debyeD3Derivative(xt, d) - debyeD3Derivative(x0, d0));
          const vm = molarVolumeM3(v, z);
          out[0] = ((gamma / vm) * dE) * toGPa;
          const dGammadV = g.dGammaDx(x, gamma) / v0A3;
          const dEdV = dEdTheta * ((-gamma * theta) / v);
          out[1] = ((dGammadV * dE + gamma * dEdV) / vm - (gamma * dE) / (vm * v)) * toGPa;
        },
        dPdT(v, t) {
          const p = parts(v, t);
          return ((p.gamma / p.vm) * p.dEdT) * toGPa;
        },
      };
    }
    case 'alpha-kt': {
      const ak = spec.alphaKtGPaPerK;
      const dk = spec.dKdTAtConstantVGPaPerK;
      return {
        referenceTemperatureK: t0, hasThermalModel: true,
        pressureGPa: (v, t) => (ak + dk * Math.log(v0A3 / v)) * (t - t0),
        dPdV: (v, t) => (-dk * (t - t0)) / v,
        dPdT: (v) => ak + dk * Math.log(v0A3 / v),
        evaluate(v, t, out) {
          out[0] = (ak + dk * Math.log(v0A3 / v)) * (t - t0);
          out[1] = (-dk * (t - t0)) / v;
        },
      };
    }
    case 'dorogokupets-oganov-2007': {
      const s = spec;
      const vm0 = molarVolumeM3(v0A3, z);
      // ΔF(x, T) = R·[F(x, T) − F(x, T₀)] in J/mol; P = −∂ΔF/∂V = −(1/V_m0)·∂ΔF/∂x.
      const dF = (x: number, t: number): number => GAS_CONSTANT * (dorogokupetsFreeEnergy(s, atoms, x, t) - dorogokupetsFreeEnergy(s, atoms, x, t0));
      const pth = (v: number, t: number): number => {
        const x = v / v0A3;
        const h = 1e-5 * x;
        return (-(dF(x + h, t) - dF(x - h, t)) / (2 * h) / vm0) * 1e-9;
      };
      const dPdV = (v: number, t: number): number => {
        const h = 1e-4 * v;
        return (pth(v + h, t) - pth(v - h, t)) / (2 * h);
      };
      return {
        referenceTemperatureK: t0, hasThermalModel: true,
        pressureGPa: pth,
        dPdV,
        evaluate(v, t, out) {
          out[0] = pth(v, t);
          out[1] = dPdV(v, t);
        },
        dPdT(v, t) {
          const h = Math.max(1e-3 * t, 0.05);
          return (pth(v, t + h) - pth(v, t - h)) / (2 * h);
        },
      };
    }
  }
}

type DoSpec = Extract<ThermalSpec, { model: 'dorogokupets-oganov-2007' }>;

/**
 * F(x, T)/R (K per mole of formula units) of Dorogokupets & Oganov 2007 without the static and zero-point parts
 * (which do not depend on T):
 *   θᵢ = θᵢ₀·x^(−γ∞)·exp[(γ₀ − γ∞)/β·(1 − x^β)]                                              (eq. 10)
 *   Bose–Einstein term  mᵢ[(dᵢ − 1)/(2dᵢ)·θᵢ − T·ln(1 + bᵢ)],  bᵢ = 1/[(1 + θᵢ/(T dᵢ))^dᵢ − 1]    (eq. 8a)
 *   Einstein term       mᵢ[θᵢ/2 + T·ln(1 − e^(−θᵢ/T))]                                          (eq. 8b)
 *   anharmonicity       (a·x^m/6)·Σ mᵢ[(θᵢ/2 + θᵢ/(ζᵢ − 1))² + 2θᵢ²ζᵢ/(ζᵢ − 1)²],  ζᵢ = e^(θᵢ/T)   (eq. 12)
 *   thermal electrons   −(3/2)·n·e·x^g·T²                                                         (eq. 13)
 *   vacancies           −(3/2)·n·T·exp(S·x^f − H·x^h/T)                                           (eq. 14)
 */
export function dorogokupetsFreeEnergy(s: DoSpec, atoms: number, x: number, t: number): number {
  const fTheta = Math.pow(x, -s.gammaInf) * Math.exp(((s.gamma0 - s.gammaInf) / s.beta) * (1 - Math.pow(x, s.beta)));
  const thB1 = s.thetaB1K * fTheta;
  const thB2 = s.thetaB2K * fTheta;
  const thE1 = s.thetaE1K * fTheta;
  const thE2 = s.thetaE2K * fTheta;
  const be = (m: number, d: number, th: number): number => {
    if (m === 0) return 0;
    const b = 1 / (Math.pow(1 + th / (t * d), d) - 1);
    return m * (((d - 1) / (2 * d)) * th - t * Math.log1p(b));
  };
  const ein = (m: number, th: number): number => (m === 0 ? 0 : m * (th / 2 + t * Math.log(-Math.expm1(-th / t))));
  const anhTerm = (m: number, th: number): number => {
    if (m === 0) return 0;
    const em1 = Math.expm1(th / t); // ζ − 1
    const zeta = em1 + 1;
    const u = th / 2 + th / em1;
    return m * (u * u + (2 * th * th * zeta) / (em1 * em1));
  };
  const fqh = be(s.mB1, s.dB1, thB1) + be(s.mB2, s.dB2, thB2) + ein(s.mE1, thE1) + ein(s.mE2, thE2);
  const fanh = ((s.anharmonicAPerK * Math.pow(x, s.anharmonicM)) / 6)
    * (anhTerm(s.mB1, thB1) + anhTerm(s.mB2, thB2) + anhTerm(s.mE1, thE1) + anhTerm(s.mE2, thE2));
  const fel = -1.5 * atoms * s.electronicEPerK * Math.pow(x, s.electronicG) * t * t;
  const fdef = s.vacancyEnthalpyK > 0
    ? -1.5 * atoms * t * Math.exp(s.vacancyEntropyR * Math.pow(x, s.vacancyEntropyExponent) - (s.vacancyEnthalpyK * Math.pow(x, s.vacancyEnthalpyExponent)) / t)
    : 0;
  return fqh + fanh + fel + fdef;
}
