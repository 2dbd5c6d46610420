import { dashArray, runStyle } from '../charts/style';

/** A run's key as in the plots: a short line in its colour and pattern, with its marker (runs beyond the eighth). */
export function RunSwatch({ index, blank = false }: { index: number; blank?: boolean }) {
  const st = runStyle(index);
  const dash = dashArray(st.dash, 2);
  const marker = st.symbol;
  const filled = marker !== null && !marker.startsWith('empty');
  const shape = marker?.replace(/^empty/, '').toLowerCase();
  return (
    <svg className="run-swatch" width="22" height="12" viewBox="0 0 22 12" aria-hidden data-testid="run-swatch" data-color={st.color} data-dash={dash} data-marker={marker ?? ''}>
      <line x1="1" y1="6" x2="21" y2="6" stroke={st.color} strokeWidth={blank ? 1.5 : 2.5} strokeDasharray={blank ? '2 2' : dash || undefined} />
      {shape === 'circle' && <circle cx="11" cy="6" r="3.2" fill={filled ? st.color : '#fff'} stroke={st.color} strokeWidth="1.3" />}
      {shape === 'triangle' && <polygon points="11,2.4 14.4,8.8 7.6,8.8" fill={filled ? st.color : '#fff'} stroke={st.color} strokeWidth="1.3" />}
      {shape === 'rect' && <rect x="8" y="3" width="6" height="6" fill={filled ? st.color : '#fff'} stroke={st.color} strokeWidth="1.3" />}
      {shape === 'diamond' && <polygon points="11,2 15,6 11,10 7,6" fill={filled ? st.color : '#fff'} stroke={st.color} strokeWidth="1.3" />}
    </svg>
  );
}
