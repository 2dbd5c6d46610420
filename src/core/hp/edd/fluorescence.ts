/**
 * K-shell fluorescence lines that appear in EDD spectra taken with a white beam: the calibrant's own element,
 * and W and Pb from anvils, collimators and shielding. Energies (keV) from the X-ray Data Booklet (LBNL, 2009),
 * Table 1-2 (Bearden 1967). A calibrant reflection this close to a line is not used for the cell unless asked for.
 */

export interface FluorescenceLine {
  element: string;
  line: string;
  energyKeV: number;
}

const TABLE: Record<string, [number, number, number]> = {
  // Kα1, Kα2, Kβ1
  Cu: [8.04778, 8.02783, 8.90529],
  Mo: [17.47934, 17.3743, 19.6083],
  W: [59.31824, 57.9817, 67.2443],
  Re: [61.1406, 59.7179, 69.3095],
  Pt: [66.832, 65.1222, 75.7494],
  Au: [68.8037, 66.9895, 77.9819],
  Pb: [74.9694, 72.8042, 84.936],
};

export const FLUORESCENCE_ELEMENTS = Object.keys(TABLE);

/** Lines of the given elements (unknown elements are skipped). */
export function fluorescenceLines(elements: readonly string[]): FluorescenceLine[] {
  const out: FluorescenceLine[] = [];
  for (const el of elements) {
    const t = TABLE[el];
    if (!t) continue;
    out.push({ element: el, line: 'Kα1', energyKeV: t[0] }, { element: el, line: 'Kα2', energyKeV: t[1] }, { element: el, line: 'Kβ1', energyKeV: t[2] });
  }
  return out;
}

/** Heavy elements of a calibrant name ('Au', 'NaCl-B2' → none, 'Re'…) that fluoresce in the EDD range. */
export function calibrantElements(calibrant: string): string[] {
  return FLUORESCENCE_ELEMENTS.filter((el) => new RegExp(`(^|[^a-z])${el}([^a-z]|$)`).test(calibrant));
}
