/**
 * The "High pressure" workspace: sub-tabs 'Pressure & EDD' (pressure scales and energy-dispersive diffraction,
 * PressureView.tsx from the EOS branch), 'Radiography' (image stacks) and 'Maps' (2D XRD maps).
 */
import { useState } from 'react';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { MapsView } from './MapsView';
import { RadiographyView } from './RadiographyView';
import { useMaps, useRadiography } from './useImaging';

type Tab = 'pressure' | 'radiography' | 'maps';

const TABS: { id: Tab; label: string }[] = [
  { id: 'pressure', label: 'Pressure & EDD' },
  { id: 'radiography', label: 'Radiography' },
  { id: 'maps', label: 'Maps' },
];

export function HighPressureWorkspace(props: { save(request: SaveRequest): Promise<SaveResult>; notify(kind: 'error' | 'info', text: string): void; sessionRevision: number | null }) {
  const [tab, setTab] = useState<Tab>('radiography');
  const rad = useRadiography(props.notify, props.sessionRevision);
  const maps = useMaps(props.notify, props.sessionRevision);
  return (
    <div className="hp-workspace" data-testid="hp-workspace">
      <div role="tablist" aria-label="High-pressure views" className="tabs hp-tabs">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`hp-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'radiography' && <RadiographyView rad={rad} save={props.save} notify={props.notify} />}
      {tab === 'maps' && <MapsView maps={maps} save={props.save} notify={props.notify} />}
      {tab === 'pressure' && (
        <main className="body">
          <section className="panel">
            <p className="muted" data-testid="hp-pressure-pending">
              The pressure calculator and the EDD view are in PressureView.tsx, merged from their own branch. Meanwhile: <code>npx reductionlab pressure</code>,{' '}
              <code>scales</code> and <code>edd</code> on the command line.
            </p>
          </section>
        </main>
      )}
    </div>
  );
}
