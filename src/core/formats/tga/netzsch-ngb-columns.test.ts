import { describe, expect, it } from 'vitest';
import { missingShared, readShared, readSharedText } from '../../../../test/fixtures/shared-fixtures';
import { netzschNgb } from './netzsch-ngb';

const FOLDER = 'tga/GraysonBellamy-pyngb';
const SAMPLE = 'Douglas_Fir_STA_10K_250730_R13.ngb-ss3';

describe.skipIf(missingShared(FOLDER))('netzschNgb: the roles of the stored channels', () => {
  it('has one time, one temperature and one mass among the channels pyngb lists; the rest are signals', () => {
    const parity = JSON.parse(readSharedText(`${FOLDER}/${SAMPLE}.parity.json`)) as { columns: string[] };
    const run = netzschNgb.parse({ fileName: SAMPLE, bytes: readShared(`${FOLDER}/${SAMPLE}`) });
    const roles = run.source.columns.map((c) => c.role);
    expect(roles).toHaveLength(parity.columns.length);
    expect(roles.filter((r) => r === 'time')).toHaveLength(1);
    expect(roles.filter((r) => r === 'temperature')).toHaveLength(1);
    expect(roles.filter((r) => r === 'mass')).toHaveLength(1);
    // pyngb: time, sample_temperature and mass, and seven other signals (DSC, flows, furnace, power, …)
    expect(roles.filter((r) => r === 'channel' || r === 'ignored')).toHaveLength(parity.columns.length - 3);
  });
});
