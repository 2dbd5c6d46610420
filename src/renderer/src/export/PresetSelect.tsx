import { FIGURE_PRESETS } from './figure';

/** The figure width preset (89 mm single column, 183 mm double…): one control for the export bar, the figure
 *  dialog and the composer. */
export function PresetSelect(props: { value: string; onChange: (id: string) => void; testId: string; ariaLabel?: string }) {
  return (
    <select aria-label={props.ariaLabel} data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
      {FIGURE_PRESETS.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </select>
  );
}
