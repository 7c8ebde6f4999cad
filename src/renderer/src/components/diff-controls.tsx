import type { DiffBy, SnapshotDiff, SnapshotSummary } from '../../../shared/snapshot';
import { choicesFor, shownChoice, type DiffSettings } from '../diff/diff-request';

const BY_NAMES: Record<DiffBy, string> = {
  function: 'function',
  stack: 'stack',
  goroutine: 'goroutine (stack + state)',
  class: 'class',
  category: 'category',
};

/** How to group, what to compare, which rows to keep: the settings of the diff of `next` against its base. */
export function DiffControls({
  next,
  diff,
  settings,
  filterError,
  busy,
  onChange,
}: {
  /** The new snapshot's summary: the backend reads the choices off it. */
  next: SnapshotSummary;
  /** The last answer, for what the backend picked where the user did not. */
  diff: SnapshotDiff | null;
  settings: DiffSettings;
  filterError: string | null;
  busy: boolean;
  onChange: (settings: Partial<DiffSettings>) => void;
}) {
  const choices = choicesFor(next);
  const { by, sample } = shownChoice(next, settings, diff);
  // Class histograms carry bytes and counts together: no choice, but say what is compared.
  const samples = choices.samples.length > 0 ? choices.samples : [sample];
  return (
    <div className="diff-controls">
      <label className="diff-controls__field">
        <span className="diff-controls__label">Group by</span>
        <select
          className="diff-controls__select"
          data-testid="diff-by"
          value={by}
          disabled={choices.by.length < 2}
          onChange={(event) => onChange({ by: event.target.value as DiffBy })}
        >
          {choices.by.map((value) => (
            <option key={value} value={value}>
              {BY_NAMES[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="diff-controls__field">
        <span className="diff-controls__label">Sample</span>
        <select
          className="diff-controls__select"
          data-testid="diff-sample"
          value={sample}
          disabled={samples.length < 2}
          onChange={(event) => onChange({ sample: event.target.value })}
        >
          {samples.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label className="diff-controls__field diff-controls__field--grow">
        <span className="diff-controls__label">Filter (regular expression, any case)</span>
        <input
          type="search"
          className={filterError ? 'diff-controls__filter diff-controls__filter--invalid' : 'diff-controls__filter'}
          data-testid="diff-filter"
          placeholder="e.g. ^main\.|HashMap"
          spellCheck={false}
          value={settings.filter}
          aria-invalid={filterError ? true : undefined}
          aria-describedby={filterError ? 'diff-filter-error' : undefined}
          onChange={(event) => onChange({ filter: event.target.value })}
        />
        {filterError && (
          <span className="diff-controls__filter-error" id="diff-filter-error" data-testid="diff-filter-error" role="alert">
            {filterError}
          </span>
        )}
      </label>
      {choices.foldRuntime && (
        <label className="diff-controls__check" title="Leave runtime.* and internal/ frames out of stacks before grouping">
          <input
            type="checkbox"
            data-testid="diff-fold-runtime"
            checked={settings.foldRuntime}
            onChange={(event) => onChange({ foldRuntime: event.target.checked })}
          />
          Fold runtime frames
        </label>
      )}
      {busy && (
        <span className="diff-controls__busy" data-testid="diff-busy" role="status">
          Comparing…
        </span>
      )}
    </div>
  );
}
