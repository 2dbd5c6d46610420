/**
 * The "High pressure" workspace: a sub-tab bar over its views. This build has 'Pressure & EDD' (PressureView);
 * the radiography and map views join the list when their modules are merged (SUBTABS below).
 */
import { useState } from 'react';
import type { SaveRequest, SaveResult } from '../../../../shared/api';
import { PressureView } from './PressureView';
import type { HpState } from './useHp';
import './hp.css';

export interface HighPressureProps {
  hp: HpState;
  save(request: SaveRequest): Promise<SaveResult>;
  notify(kind: 'error' | 'info', text: string): void;
}

type SubTab = 'pressure';

const SUBTABS: { id: SubTab; label: string }[] = [{ id: 'pressure', label: 'Pressure & EDD' }];

export function HighPressureWorkspace(props: HighPressureProps) {
  const [tab, setTab] = useState<SubTab>('pressure');
  return (
    <div className="hp">
      <div role="tablist" aria-label="High-pressure views" className="tabs hp-subtabs">
        {SUBTABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`hp-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {tab === 'pressure' && <PressureView hp={props.hp} save={props.save} notify={props.notify} />}
    </div>
  );
}
