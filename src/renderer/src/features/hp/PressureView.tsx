/**
 * 'Pressure & EDD': a pressure calculator (calibrant, scale with its citation and thermal model, cell / volume /
 * V/V0, T, σ), the user's own scales from JSON, and energy-dispersive diffraction: load spectra, calibrate 2θ on
 * a known phase at 1 bar, analyse (peaks with hkl, cell, P ± σ), P(t) for a sequence; figures and CSV export.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import type { HpCalculatorInput, HpPressureView, HpSpectrumView } from '../../../../shared/api-hp';
import { Chart } from '../../charts/Chart';
import { SCREEN_VIEW } from '../../charts/style';
import { ExportBar } from '../../export/ExportBar';
import { pressureTimeOption, spectrumOption } from './charts';
import type { HpState } from './useHp';

interface Props {
  hp: HpState;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
}

const parse = (t: string): number | undefined => {
  const s = t.trim();
  if (s === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
};

const fmt = (v: number | null | undefined, d: number): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));

/** σ(P)'s parts as the EDD table shows them: 'a 0.011, c 0.010; V 0.013; T 0.050' (GPa). */
function sigmaPartsText(p: { aGPa: number; cGPa: number | null; volumeGPa: number; temperatureGPa: number }): string {
  return [`a ${fmt(p.aGPa, 3)}${p.cGPa !== null ? `, c ${fmt(p.cGPa, 3)}` : ''}`, `V ${fmt(p.volumeGPa, 3)}`, `T ${fmt(p.temperatureGPa, 3)}`].join('; ');
}

function Field(props: { label: string; testId: string; value: string; onChange(v: string): void; unit?: string; placeholder?: string; wide?: boolean }) {
  return (
    <label className="hp-field">
      <span>{props.label}</span>
      <input className={props.wide ? 'wide' : 'num'} inputMode="decimal" data-testid={props.testId} value={props.value} placeholder={props.placeholder} onChange={(e) => props.onChange(e.target.value)} />
      {props.unit && <span className="muted">{props.unit}</span>}
    </label>
  );
}

function Calculator(props: { hp: HpState; notify: Props['notify'] }) {
  const st = props.hp.state!;
  const last = st.calculator;
  const [calibrant, setCalibrant] = useState(last?.calibrant ?? 'Re');
  const scales = st.scales.filter((s) => s.calibrant === calibrant);
  const [scale, setScale] = useState(last?.scale ?? 'anzellini2014');
  const scaleInfo = scales.find((s) => s.id === scale || s.aliases.includes(scale)) ?? scales[0];
  const hexagonal = scaleInfo?.lattice === 'hcp';
  const [kind, setKind] = useState<HpCalculatorInput['input']>(last?.input ?? 'cell');
  const [a, setA] = useState(last?.aA?.toString() ?? '');
  const [c, setC] = useState(last?.cA?.toString() ?? '');
  const [sa, setSa] = useState(last?.sigmaAA?.toString() ?? '');
  const [sc, setSc] = useState(last?.sigmaCA?.toString() ?? '');
  const [vol, setVol] = useState(last?.volumeA3?.toString() ?? '');
  const [svol, setSvol] = useState(last?.sigmaVolumeA3?.toString() ?? '');
  const [x, setX] = useState(last?.vOverV0?.toString() ?? '');
  const [t, setT] = useState(last?.temperatureK?.toString() ?? '');
  const [st0, setSt] = useState(last?.sigmaTemperatureK?.toString() ?? '');
  const [v0, setV0] = useState(last?.v0A3?.toString() ?? '');
  const [result, setResult] = useState<HpPressureView | null>(null);

  const compute = async () => {
    const input: HpCalculatorInput = { calibrant, scale: scaleInfo?.id ?? scale, input: kind };
    const set = (k: keyof HpCalculatorInput, text: string, label: string): boolean => {
      const v = parse(text);
      if (v === undefined) return true;
      if (Number.isNaN(v)) {
        props.notify('error', `${label}: "${text}" is not a number`);
        return false;
      }
      (input as unknown as Record<string, number>)[k] = v;
      return true;
    };
    const fields: [keyof HpCalculatorInput, string, string][] = [
      ...(kind === 'cell' ? ([['aA', a, 'a'], ['sigmaAA', sa, 'σ(a)']] as [keyof HpCalculatorInput, string, string][]) : []),
      ...(kind === 'cell' && hexagonal ? ([['cA', c, 'c'], ['sigmaCA', sc, 'σ(c)']] as [keyof HpCalculatorInput, string, string][]) : []),
      ...(kind === 'volume' ? ([['volumeA3', vol, 'V'], ['sigmaVolumeA3', svol, 'σ(V)']] as [keyof HpCalculatorInput, string, string][]) : []),
      ...(kind === 'vOverV0' ? ([['vOverV0', x, 'V/V0']] as [keyof HpCalculatorInput, string, string][]) : []),
      ['temperatureK', t, 'T'],
      ['sigmaTemperatureK', st0, 'σ(T)'],
      ['v0A3', v0, 'V0'],
    ];
    for (const [k, text, label] of fields) if (!set(k, text, label)) return;
    setResult(await props.hp.compute(input));
  };

  return (
    <section className="panel" aria-label="Pressure calculator">
      <div className="panel-head">
        <h2>Pressure calculator</h2>
      </div>
      <div className="hp-form">
        <label className="hp-field">
          <span>Calibrant</span>
          <select data-testid="hp-calc-calibrant" value={calibrant} onChange={(e) => {
            const next = e.target.value;
            setCalibrant(next);
            setScale(st.scales.find((s) => s.calibrant === next)?.id ?? '');
          }}>
            {st.calibrants.map((cal) => (
              <option key={cal}>{cal}</option>
            ))}
          </select>
        </label>
        <label className="hp-field">
          <span>Scale</span>
          <select data-testid="hp-calc-scale" value={scaleInfo?.id ?? ''} onChange={(e) => setScale(e.target.value)}>
            {scales.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
                {s.custom ? ' (yours)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      {scaleInfo && (
        <div className="hp-scale-info" data-testid="hp-calc-scale-info">
          <div>{scaleInfo.name}</div>
          <div className="muted">Thermal: {scaleInfo.thermalModel}. Range: {scaleInfo.validity}.</div>
          <div className="muted citation">
            {scaleInfo.citation}
            {scaleInfo.doi && <> — doi:{scaleInfo.doi}</>}
          </div>
        </div>
      )}
      <div className="hp-kind" role="radiogroup" aria-label="Input">
        {(['cell', 'volume', 'vOverV0'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="hp-kind" data-testid={`hp-calc-kind-${k}`} checked={kind === k} onChange={() => setKind(k)} /> {k === 'cell' ? (hexagonal ? 'a, c' : 'a') : k === 'volume' ? 'V' : 'V/V₀'}
          </label>
        ))}
      </div>
      <div className="hp-form">
        {kind === 'cell' && (
          <>
            <Field label="a" unit="Å" testId="hp-calc-a" value={a} onChange={setA} />
            <Field label="σ(a)" unit="Å" testId="hp-calc-sigma-a" value={sa} onChange={setSa} />
            {hexagonal && <Field label="c" unit="Å" testId="hp-calc-c" value={c} onChange={setC} />}
            {hexagonal && <Field label="σ(c)" unit="Å" testId="hp-calc-sigma-c" value={sc} onChange={setSc} />}
          </>
        )}
        {kind === 'volume' && (
          <>
            <Field label="V" unit="Å³" testId="hp-calc-volume" value={vol} onChange={setVol} />
            <Field label="σ(V)" unit="Å³" testId="hp-calc-sigma-volume" value={svol} onChange={setSvol} />
          </>
        )}
        {kind === 'vOverV0' && <Field label="V/V₀" testId="hp-calc-vv0" value={x} onChange={setX} />}
        <Field label="T" unit="K" testId="hp-calc-t" value={t} onChange={setT} placeholder="300" />
        <Field label="σ(T)" unit="K" testId="hp-calc-sigma-t" value={st0} onChange={setSt} />
        <Field label="V₀" unit="Å³" testId="hp-calc-v0" value={v0} onChange={setV0} placeholder={scaleInfo ? String(Number(scaleInfo.v0A3.toFixed(4))) : ''} />
      </div>
      <button type="button" className="primary" data-testid="hp-calc-compute" onClick={() => void compute()} disabled={props.hp.busy}>
        Compute P
      </button>
      {result && (
        <div className="hp-result" data-testid="hp-calc-result" data-value={result.pressureGPa}>
          <div className="big">
            <i>P</i> = {fmt(result.pressureGPa, 2)} ± {fmt(result.sigmaGPa, 2)} GPa <span className="muted">at {result.temperatureK} K</span>
          </div>
          <div className="muted">
            V = {fmt(result.volumeA3, 4)} ± {fmt(result.sigmaVolumeA3, 4)} Å³, V/V₀ = {fmt(result.vOverV0, 5)}, K<sub>T</sub> = {fmt(result.bulkModulusGPa, 1)} GPa
          </div>
          {result.warnings.length > 0 && (
            <ul className="warnings" data-testid="hp-calc-warnings">
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function ScaleFiles(props: { hp: HpState }) {
  const input = useRef<HTMLInputElement | null>(null);
  const st = props.hp.state!;
  return (
    <section className="panel" aria-label="Your pressure scales">
      <div className="panel-head">
        <h2>Your scales</h2>
        <span className="spacer" />
        <button type="button" data-testid="hp-scale-import" onClick={() => input.current?.click()}>
          Import JSON…
        </button>
        <input ref={input} type="file" accept=".json,application/json" multiple hidden data-testid="hp-scale-input" onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void props.hp.importScales(files);
        }} />
      </div>
      {st.scaleFiles.length === 0 ? (
        <p className="empty">A scale of your own: a JSON file with its isotherm, thermal model and citation (docs/high-pressure.md). Nothing falls back to a default.</p>
      ) : (
        <ul className="hp-files" data-testid="hp-scale-files">
          {st.scaleFiles.map((n) => (
            <li key={n}>
              {n}{' '}
              <button type="button" className="icon" aria-label={`Remove ${n}`} onClick={() => void props.hp.removeScaleFile(n)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function EddPanel(props: { hp: HpState; notify: Props['notify'] }) {
  const st = props.hp.state!;
  const o = st.edd.options;
  const files = useRef<HTMLInputElement | null>(null);
  const tlog = useRef<HTMLInputElement | null>(null);
  const [calSpectrum, setCalSpectrum] = useState(0);
  const [calA0, setCalA0] = useState('');
  const [calHkl, setCalHkl] = useState('111,200');
  // 2θ shows the session's value until edited (a calibration changes it from outside).
  const [ttEdit, setTt] = useState<string | null>(null);
  const [sttEdit, setStt] = useState<string | null>(null);
  const tt = ttEdit ?? o.twoThetaDeg?.toString() ?? '';
  const stt = sttEdit ?? (o.sigmaTwoThetaDeg ? String(o.sigmaTwoThetaDeg) : '');
  const [temp, setTemp] = useState(o.temperatureK?.toString() ?? '');
  const [hkl, setHkl] = useState(o.hkl?.join(',') ?? '');
  const [v0, setV0] = useState(o.v0A3?.toString() ?? '');
  const [ecal, setEcal] = useState(o.energyCalibration ? `${o.energyCalibration.a},${o.energyCalibration.b},${o.energyCalibration.c}` : '');
  const scales = st.scales.filter((s) => s.calibrant === o.calibrant);

  const apply = async () => {
    const two = parse(tt);
    const s2 = parse(stt);
    const t = parse(temp);
    const v0n = parse(v0);
    if ([two, s2, t, v0n].some((v) => Number.isNaN(v))) {
      props.notify('error', '2θ, σ(2θ), T and V₀ must be numbers');
      return;
    }
    let energyCalibration: { a: number; b: number; c: number } | null = null;
    if (ecal.trim()) {
      const v = ecal.split(',').map((p) => Number(p.trim()));
      if (v.length < 2 || v.length > 3 || v.some((x) => !Number.isFinite(x))) {
        props.notify('error', 'Energy calibration: give a,b[,c] in keV, keV/channel, keV/channel²');
        return;
      }
      energyCalibration = { a: v[0], b: v[1], c: v[2] ?? 0 };
    }
    setTt(null);
    setStt(null);
    await props.hp.setOptions({
      twoThetaDeg: two ?? null, sigmaTwoThetaDeg: s2 ?? 0, temperatureK: t ?? null, v0A3: v0n ?? null,
      hkl: hkl.trim() ? hkl.split(',').map((s) => s.trim()).filter(Boolean) : null, energyCalibration,
    });
  };

  const calibrate = async () => {
    setTt(null);
    setStt(null);
    const a0 = parse(calA0);
    if (Number.isNaN(a0)) {
      props.notify('error', `a0: "${calA0}" is not a number`);
      return;
    }
    await props.hp.calibrate({
      spectrum: calSpectrum, calibrant: o.calibrant, ...(a0 !== undefined ? { a0A: a0 } : { scale: o.scale }),
      ...(calHkl.trim() ? { hkl: calHkl.split(',').map((s) => s.trim()).filter(Boolean) } : {}), apply: true,
    });
  };

  const spectrumNames = st.edd.files.flatMap((f) => f.labels.map((l) => (l ? `${f.name} ${l}` : f.name)));
  const cal = st.edd.calibration;
  return (
    <section className="panel" aria-label="Energy-dispersive diffraction">
      <div className="panel-head">
        <h2>EDD spectra</h2>
        <span className="spacer" />
        <button type="button" className="primary" data-testid="hp-edd-open" onClick={() => files.current?.click()}>
          Load spectra…
        </button>
        <input ref={files} type="file" multiple hidden data-testid="hp-edd-input" onChange={(e) => {
          const f = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (f.length) void props.hp.importEdd(f);
        }} />
      </div>
      {st.edd.files.length === 0 ? (
        <p className="empty">Amptek .mca, SPEC files with @A spectra, or columns of energy (keV) / channel and counts.</p>
      ) : (
        <ul className="hp-files" data-testid="hp-edd-files">
          {st.edd.files.map((f) => (
            <li key={f.name} title={f.warnings.join('\n')}>
              {f.name} <span className="muted">{f.format}{f.labels.length > 1 ? `, ${f.labels.length} spectra` : ''}{f.hasEnergy ? '' : ', no energy scale'}</span>{' '}
              <button type="button" className="icon" aria-label={`Remove ${f.name}`} onClick={() => void props.hp.removeEdd(f.name)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <fieldset className="hp-box">
        <legend>Calibrate 2θ on a phase at 1 bar</legend>
        <div className="hp-form">
          <label className="hp-field">
            <span>Spectrum</span>
            <select data-testid="hp-cal-spectrum" value={calSpectrum} onChange={(e) => setCalSpectrum(Number(e.target.value))}>
              {spectrumNames.map((n, i) => (
                <option key={`${n}-${i}`} value={i}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <Field label={`a₀ (${o.calibrant})`} unit="Å" testId="hp-cal-a0" value={calA0} onChange={setCalA0} placeholder="from V₀" />
          <Field label="hkl" testId="hp-cal-hkl" value={calHkl} onChange={setCalHkl} placeholder="all" />
        </div>
        <button type="button" data-testid="hp-cal-run" disabled={st.edd.spectra === 0 || props.hp.busy} onClick={() => void calibrate()}>
          Calibrate and use
        </button>
        {cal && (
          <p data-testid="hp-cal-result" data-value={cal.twoThetaDeg}>
            2θ = {fmt(cal.twoThetaDeg, 4)} ± {fmt(cal.sigmaTwoThetaDeg, 4)}° from {cal.peaks.filter((p) => p.used).map((p) => p.hkl).join(', ')} ({cal.calibrant}, a₀ = {fmt(cal.a0A, 5)} Å)
          </p>
        )}
      </fieldset>
      <fieldset className="hp-box">
        <legend>Pressure from the spectra</legend>
        <div className="hp-form">
          <label className="hp-field">
            <span>Calibrant</span>
            <select data-testid="hp-edd-calibrant" value={o.calibrant} onChange={(e) => {
              const cal2 = e.target.value;
              const first = st.scales.find((s) => s.calibrant === cal2);
              void props.hp.setOptions({ calibrant: cal2, scale: first?.id ?? o.scale });
            }}>
              {st.calibrants.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <label className="hp-field">
            <span>Scale</span>
            <select data-testid="hp-edd-scale" value={scales.find((s) => s.id === o.scale || s.aliases.includes(o.scale))?.id ?? o.scale} onChange={(e) => void props.hp.setOptions({ scale: e.target.value })}>
              {scales.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id}
                </option>
              ))}
            </select>
          </label>
          <Field label="2θ" unit="°" testId="hp-edd-two-theta" value={tt} onChange={setTt} />
          <Field label="σ(2θ)" unit="°" testId="hp-edd-sigma-two-theta" value={stt} onChange={setStt} />
          <Field label="T" unit="K" testId="hp-edd-t" value={temp} onChange={setTemp} placeholder="300" />
          <Field label="hkl" testId="hp-edd-hkl" value={hkl} onChange={setHkl} placeholder="all" />
          <Field label="V₀" unit="Å³" testId="hp-edd-v0" value={v0} onChange={setV0} placeholder="the scale's" />
          <Field label="E = a + b·ch + c·ch²" testId="hp-edd-ecal" value={ecal} onChange={setEcal} placeholder="from the files" wide />
        </div>
        <div className="hp-actions">
          <button type="button" data-testid="hp-edd-apply" onClick={() => void apply()}>
            Apply
          </button>
          <button type="button" data-testid="hp-edd-templog" onClick={() => tlog.current?.click()}>
            Thermocouple log…
          </button>
          <input ref={tlog} type="file" hidden data-testid="hp-edd-templog-input" onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void props.hp.setTemperatureLog(f);
          }} />
          {st.edd.temperatureLog && (
            <span className="muted">
              T from {st.edd.temperatureLog}{' '}
              <button type="button" className="link" onClick={() => void props.hp.setTemperatureLog(null)}>
                remove
              </button>
            </span>
          )}
          <span className="spacer" />
          <button type="button" className="primary" data-testid="hp-edd-analyse" disabled={st.edd.spectra === 0 || o.twoThetaDeg === null || props.hp.busy} onClick={() => void props.hp.analyse()}>
            Analyse
          </button>
        </div>
      </fieldset>
    </section>
  );
}

function spectrumCsv(s: HpSpectrumView): string {
  const lines = ['energy_keV,counts', ...Array.from(s.energyKeV, (e, i) => `${e},${s.counts[i]}`)];
  const peaks = s.peaks.filter((p) => p.present).map((p) => `# ${p.hkl}: E = ${p.energyKeV} ± ${p.sigmaEnergyKeV} keV, d = ${p.dA} Å${p.used ? '' : ` (not used: ${p.note})`}`);
  return [`# ${s.fileName}${s.label ? ` ${s.label}` : ''}`, ...peaks, ...lines].join('\n') + '\n';
}

export function PressureView(props: Props) {
  const { hp } = props;
  const st = hp.state;
  const [shown, setShown] = useState(0);
  const [spectrum, setSpectrum] = useState<HpSpectrumView | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const revision = st?.revision ?? -1;
  const frames = st?.edd.frames ?? null;
  const spectra = st?.edd.spectra ?? 0;
  const spectrumFn = hp.spectrum;
  const csvFn = hp.resultsCsv;

  useEffect(() => {
    if (!spectra) {
      setSpectrum(null);
      return;
    }
    const i = Math.min(shown, spectra - 1);
    let live = true;
    void spectrumFn(i).then((s) => live && setSpectrum(s));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, shown, spectra]);

  useEffect(() => {
    let live = true;
    if (frames) void csvFn().then((c) => live && setCsv(c));
    else setCsv(null);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, frames === null]);

  const scaleLabel = st ? `${st.edd.options.calibrant} ${st.edd.options.scale}` : '';
  const specOption = useMemo(() => (spectrum ? spectrumOption(spectrum, SCREEN_VIEW) : null), [spectrum]);
  const ptOption = useMemo(() => (frames && frames.length > 1 ? pressureTimeOption({ frames, scaleLabel }, SCREEN_VIEW) : null), [frames, scaleLabel]);

  if (!st) return <main className="loading">Loading…</main>;
  return (
    <main className="body">
      <aside className="side">
        <Calculator hp={hp} notify={props.notify} />
        <ScaleFiles hp={hp} />
        <EddPanel hp={hp} notify={props.notify} />
      </aside>
      <div className="content">
        <section className="panel" aria-label="EDD spectrum">
          <div className="panel-head">
            <h2>Spectrum</h2>
            <span className="spacer" />
            {spectra > 1 && (
              <select aria-label="Spectrum shown" data-testid="hp-spectrum-select" value={Math.min(shown, spectra - 1)} onChange={(e) => setShown(Number(e.target.value))}>
                {st.edd.files.flatMap((f) => f.labels.map((l) => (l ? `${f.name} ${l}` : f.name))).map((n, i) => (
                  <option key={`${n}-${i}`} value={i}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </div>
          {spectrum && specOption ? (
            <>
              <p className="muted" data-testid="hp-spectrum-info">
                {spectrum.fileName}
                {spectrum.label ? ` ${spectrum.label}` : ''}
                {spectrum.pressureGPa !== null && (
                  <>
                    {' '}— <b data-testid="hp-spectrum-pressure" data-value={spectrum.pressureGPa}>P = {fmt(spectrum.pressureGPa, 3)} ± {fmt(spectrum.sigmaGPa, 3)} GPa</b>
                  </>
                )}
                {spectrum.source === 'calibration' && ' — calibration fit'}
              </p>
              <div className="chart-box">
                <Chart option={specOption} label="EDD spectrum with fitted calibrant peaks" testId="hp-spectrum-chart" />
              </div>
              <ExportBar view="spectrum" testIdPrefix="hp" chartId="hp-spectrum-chart" title="EDD · spectrum" baseName={`edd-${spectrum.fileName}`} build={(view) => spectrumOption(spectrum, view)} csv={() => spectrumCsv(spectrum)} save={props.save} notify={props.notify} />
            </>
          ) : (
            <p className="empty">Load EDD spectra to see them here.</p>
          )}
        </section>
        {frames && (
          <section className="panel" aria-label="EDD results">
            <div className="panel-head">
              <h2>Pressure</h2>
            </div>
            <table className="hp-frames" data-testid="hp-edd-frames">
              <thead>
                <tr>
                  <th>Spectrum</th>
                  <th>t (s)</th>
                  <th>T (K)</th>
                  <th>a (Å)</th>
                  {frames.some((f) => f.latticeCA !== null) && <th>c (Å)</th>}
                  <th>P (GPa)</th>
                  <th title="σ(P)'s parts (GPa) from σ(a), σ(c), σ(V) and σ(T); with a and c correlated, the a and c parts need not add in quadrature to the V part">σ(P) from</th>
                  <th>reflections</th>
                </tr>
              </thead>
              <tbody>
                {frames.map((f) => (
                  <tr key={f.index} data-testid="hp-edd-frame" data-value={f.pressureGPa ?? ''} className={f.index === shown ? 'selected' : ''} onClick={() => setShown(f.index)}>
                    <td>{f.fileName}{f.label ? ` ${f.label}` : ''}</td>
                    <td className="num">{fmt(f.timeS, 0)}</td>
                    <td className="num">{fmt(f.temperatureK, 0)}</td>
                    <td className="num">{f.latticeA !== null ? `${fmt(f.latticeA, 5)} ± ${fmt(f.sigmaLatticeA, 5)}` : '—'}</td>
                    {frames.some((x) => x.latticeCA !== null) && <td className="num">{f.latticeCA !== null ? `${fmt(f.latticeCA, 5)} ± ${fmt(f.sigmaLatticeCA, 5)}` : '—'}</td>}
                    <td className="num">{f.error ? <span className="error-text" title={f.error}>failed</span> : `${fmt(f.pressureGPa, 3)} ± ${fmt(f.sigmaGPa, 3)}`}</td>
                    <td className="num muted" data-testid="hp-edd-sigma-parts">{f.sigmaParts ? sigmaPartsText(f.sigmaParts) : ''}</td>
                    <td className="num">{f.peaksUsed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {ptOption && (
              <>
                <div className="chart-box">
                  <Chart option={ptOption} label="Pressure against time" testId="hp-pt-chart" />
                </div>
                <ExportBar view="pt" testIdPrefix="hp" chartId="hp-pt-chart" title="EDD · P(t)" baseName="edd-pressure-time" build={(view) => pressureTimeOption({ frames, scaleLabel }, view)} csv={csv ? () => csv : null} save={props.save} notify={props.notify} />
              </>
            )}
            {!ptOption && (
              <ExportBar view="pt" testIdPrefix="hp" baseName="edd-pressure" build={null} csv={csv ? () => csv : null} save={props.save} notify={props.notify} />
            )}
          </section>
        )}
      </div>
    </main>
  );
}
