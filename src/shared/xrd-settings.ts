/**
 * Where each analysis setting lives on each surface. The core writes its messages once, naming a setting by a token
 * ⟨key⟩ (e.g. 'set the run temperature ⟨temperature⟩'); the command line shows the flag, the app the control
 * (renderSettingRefs), so that a warning in the app never tells a technician to pass a flag.
 */

export const XRD_SETTING_REFS = {
  wavelength: { cli: '--wavelength', app: 'Analysis → Wavelength λ (Å)' },
  temperature: { cli: '--temperature, or --temperature-log FILE', app: 'Analysis → Temperature (°C), or Sequence → Temperature log…' },
  cif: { cli: '--cif FILE, then its id cif-<data block>', app: 'Phases from CIF → Add phase from CIF…, then tick Refine under Analysis' },
  instrument: { cli: '--radiation / --instprm', app: 'Analysis → Instrument (Radiation, GSAS-II .instprm)' },
  profile: { cli: '--geometry, --profile, --instrument-profile', app: 'Analysis → Instrument (Geometry, Profile, instrument U, V, W, X, Y)' },
} as const;

export type XrdSettingRef = keyof typeof XRD_SETTING_REFS;

/** A message with its ⟨key⟩ tokens replaced by the setting's name on `surface` (unknown tokens are left alone). */
export function renderSettingRefs(text: string, surface: 'cli' | 'app'): string {
  return text.replace(/⟨([a-z]+)⟩/g, (whole, key: string) => (key in XRD_SETTING_REFS ? XRD_SETTING_REFS[key as XrdSettingRef][surface] : whole));
}

/** A token naming a setting in a core message. */
export function settingRef(key: XrdSettingRef): string {
  return `⟨${key}⟩`;
}

/** The analysis with the setting tokens of its warnings and fit-quality verdict rendered for `surface`. */
export function renderAnalysisRefs<T extends { warnings: string[]; fitQuality?: { message: string } }>(result: T, surface: 'cli' | 'app'): T {
  return {
    ...result,
    warnings: result.warnings.map((w) => renderSettingRefs(w, surface)),
    ...(result.fitQuality ? { fitQuality: { ...result.fitQuality, message: renderSettingRefs(result.fitQuality.message, surface) } } : {}),
  };
}
