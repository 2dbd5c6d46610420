/** The analysis the dev harness runs on the simulated Fe2O3+NiO sequence (the phases its truth.json names). */
import type { XrdAnalysisOptions } from '../../src/shared/xrd-results';

export const DEV_ANALYSIS_OPTIONS: XrdAnalysisOptions = {
  phases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi'],
  detectPhases: ['magnetite', 'wustite', 'NiO', 'fcc-FeNi', 'bcc-Fe', 'hematite'],
  peaks: ['fcc-FeNi:111', 'fcc-FeNi:200', 'wustite:200', 'NiO:200'],
};
