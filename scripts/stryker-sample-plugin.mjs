// The ignorer of a sampled mutation run (stryker.config.mjs loads it when MUTATION_SAMPLE names a sample.json):
// only the drawn mutants' nodes, and the nodes enclosing them, keep their mutants. See scripts/mutation-sample.mjs.
import { readFileSync } from 'node:fs';
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';
import { sampleIgnorer } from './mutation-sample.mjs';

const sample = process.env.MUTATION_SAMPLE ? JSON.parse(readFileSync(process.env.MUTATION_SAMPLE, 'utf8')) : { mutate: [] };

export const strykerPlugins = [declareValuePlugin(PluginKind.Ignore, 'drawn-only', sampleIgnorer(sample.mutate))];
