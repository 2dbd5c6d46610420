/**
 * The "High pressure" workspace: sub-tabs 'Pressure & EDD' (pressure scales and energy-dispersive diffraction,
 * PressureView), 'Radiography' (image stacks, RadiographyView) and 'Maps' (2D XRD maps, MapsView).
 */
import { useEffect, useState, type MutableRefObject } from 'react';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { MapsView } from './MapsView';
import { PressureView } from './PressureView';
import { RadiographyView } from './RadiographyView';
import { useMaps, useRadiography } from './useImaging';
import type { HpState } from './useHp';
import './hp.css';

export interface HighPressureProps {
  hp: HpState;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
  /** The session's revision: a new session or an opened study reloads the radiography and map views. */
  sessionRevision: number | null;
  /** Files dropped on the window while this workspace shows go to the visible view (set here, called by App). */
  dropTargetRef: MutableRefObject<((files: File[]) => void) | null>;
}

type SubTab = 'pressure' | 'radiography' | 'maps';

const SUBTABS: { id: SubTab; label: string }[] = [
  { id: 'pressure', label: 'Pressure & EDD' },
  { id: 'radiography', label: 'Radiography' },
  { id: 'maps', label: 'Maps' },
];

export function HighPressureWorkspace(props: HighPressureProps) {
  const [tab, setTab] = useState<SubTab>('pressure');
  const rad = useRadiography(props.notify, props.sessionRevision);
  const maps = useMaps(props.notify, props.sessionRevision);
  const { hp, notify, dropTargetRef } = props;
  useEffect(() => {
    dropTargetRef.current = (files) => {
      if (tab === 'pressure') {
        // Scale files (JSON) go to the scales, the rest are EDD spectra.
        const json = files.filter((f) => /\.json$/i.test(f.name));
        const rest = files.filter((f) => !/\.json$/i.test(f.name));
        if (json.length) void hp.importScales(json);
        if (rest.length) void hp.importEdd(rest);
      } else if (tab === 'radiography') {
        void rad.importFiles(files);
      } else {
        notify('info', 'Open the patterns of a map with “Open map…”: the grid has to be given first.');
      }
    };
    return () => {
      dropTargetRef.current = null;
    };
  }, [tab, hp, rad, notify, dropTargetRef]);
  return (
    <div className="hp hp-workspace" data-testid="hp-workspace">
      <div role="tablist" aria-label="High-pressure views" className="tabs hp-subtabs hp-tabs">
        {SUBTABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`hp-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'pressure' && <PressureView hp={props.hp} save={props.save} notify={props.notify} />}
      {tab === 'radiography' && <RadiographyView rad={rad} save={props.save} notify={props.notify} />}
      {tab === 'maps' && <MapsView maps={maps} save={props.save} notify={props.notify} />}
    </div>
  );
}
