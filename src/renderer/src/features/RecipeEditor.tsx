import { useState } from 'react';
import type { RecipeInput } from '../../../shared/analysis';
import type { RunView } from '../../../shared/api';

interface Row {
  formula: string;
  wt: string;
}

function rowsOf(recipe: RecipeInput | null): Row[] {
  if (!recipe || recipe.precursors.length === 0) return [{ formula: '', wt: '' }];
  return recipe.precursors.map((p) => ({ formula: p.formula, wt: p.wtPercent === undefined ? '' : String(p.wtPercent) }));
}

/** Precursors with optional wt.%, or precursors plus a target alloy; the theoretical loss and its derivation below. */
export function RecipeEditor({ run, onApply }: { run: RunView; onApply(recipe: RecipeInput | null): void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(run.settings.recipe));
  const [target, setTarget] = useState(run.settings.recipe?.target ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const recipe = run.analysis?.recipe ?? null;

  const apply = () => {
    const filled = rows.filter((r) => r.formula.trim() !== '');
    if (filled.length === 0) {
      setProblem('Give at least one precursor formula, e.g. Fe2O3.');
      return;
    }
    const precursors = [];
    for (const r of filled) {
      const wt = r.wt.trim() === '' ? undefined : Number(r.wt.replace(',', '.'));
      if (wt !== undefined && !(wt >= 0 && wt <= 100)) {
        setProblem(`wt.% of ${r.formula} must be a number from 0 to 100.`);
        return;
      }
      precursors.push(wt === undefined ? { formula: r.formula.trim() } : { formula: r.formula.trim(), wtPercent: wt });
    }
    setProblem(null);
    onApply(target.trim() === '' ? { precursors } : { precursors, target: target.trim() });
  };

  return (
    <fieldset className="recipe" data-testid="recipe-editor">
      <legend>Recipe</legend>
      <p className="hint">Precursors as weighed in: give wt.% of the powder, or leave wt.% empty and give the target alloy (e.g. Fe-36Ni).</p>
      <table className="recipe-rows">
        <thead>
          <tr>
            <th scope="col">Precursor</th>
            <th scope="col">wt.%</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`Precursor ${i + 1} formula`}
                  data-testid={`recipe-formula-${i}`}
                  value={row.formula}
                  placeholder="Fe2O3"
                  spellCheck={false}
                  onChange={(e) => setRows(rows.map((r, k) => (k === i ? { ...r, formula: e.target.value } : r)))}
                />
              </td>
              <td>
                <input
                  aria-label={`Precursor ${i + 1} wt.%`}
                  data-testid={`recipe-wt-${i}`}
                  value={row.wt}
                  inputMode="decimal"
                  placeholder="—"
                  className="num"
                  onChange={(e) => setRows(rows.map((r, k) => (k === i ? { ...r, wt: e.target.value } : r)))}
                />
              </td>
              <td>
                <button type="button" className="icon" aria-label={`Remove precursor ${i + 1}`} disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, k) => k !== i))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="link" data-testid="recipe-add" onClick={() => setRows([...rows, { formula: '', wt: '' }])}>
          + Add precursor
        </button>
      </div>
      <label className="field">
        <span>Target alloy (wt.%)</span>
        <input data-testid="recipe-target" value={target} placeholder="e.g. Fe-36Ni" spellCheck={false} onChange={(e) => setTarget(e.target.value)} />
      </label>
      <div className="row">
        <button type="button" className="primary" data-testid="recipe-apply" onClick={apply}>
          Apply recipe
        </button>
        {run.settings.recipe && (
          <button type="button" onClick={() => onApply(null)}>
            Clear
          </button>
        )}
      </div>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {recipe && run.settings.recipe && (
        <div className="derivation" data-testid="recipe-result">
          <p>
            Theoretical mass loss <strong data-testid="theoretical-loss">{(recipe.theoreticalLossFraction * 100).toFixed(2)} %</strong> of the powder
            {run.analysis && <> ({run.analysis.reduction.theoreticalLossMg.toFixed(3)} mg)</>}
          </p>
          <ol>
            {recipe.derivation.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ol>
        </div>
      )}
    </fieldset>
  );
}
