import { LIVE_SNAPSHOT_COSTS, type AttachSnapshot, type LiveSnapshotKind } from '../../../shared/contract';
import type { ProcessInfo } from '../../../shared/process-info';
import type { ErrorInfo } from '../../../shared/result';
import { formatValue } from '../format/diff-values';

const KIND_NAMES: Record<LiveSnapshotKind, string> = {
  heap: 'Heap profile',
  goroutine: 'Goroutines',
  'class-histogram': 'Class histogram',
  nmt: 'Native memory (NMT)',
  'heap-dump': 'Heap dump',
};

/** Kinds that stop the target or cost it much: their price is shown next to the button, not only in its tooltip. */
const COSTLY: ReadonlySet<LiveSnapshotKind> = new Set(['goroutine', 'class-histogram', 'heap-dump']);

interface KindChoice {
  kind: LiveSnapshotKind;
  /** Why it cannot be taken from this process, or null. */
  unavailable: string | null;
}

function kindsFor(target: ProcessInfo): KindChoice[] {
  if (target.runtime === 'go') {
    const why = target.offers.pprof ? null : 'needs net/http/pprof, which this process does not serve';
    return [
      { kind: 'heap', unavailable: why },
      { kind: 'goroutine', unavailable: why },
    ];
  }
  return [
    { kind: 'class-histogram', unavailable: null },
    { kind: 'nmt', unavailable: target.offers.nmt === 'off' ? 'the JVM runs without -XX:NativeMemoryTracking' : null },
    { kind: 'heap-dump', unavailable: null },
  ];
}

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-GB');
}

/** Buttons to take each snapshot the target offers, and the snapshots taken, any two of which can be compared. */
export function LiveSnapshots({
  target,
  snapshots,
  selected,
  taking,
  error,
  canTake,
  onTake,
  onToggle,
}: {
  target: ProcessInfo;
  snapshots: AttachSnapshot[];
  selected: string[];
  /** The kind being taken now. */
  taking: LiveSnapshotKind | null;
  error: ErrorInfo | null;
  canTake: boolean;
  onTake: (kind: LiveSnapshotKind) => void;
  onToggle: (snapshotId: string) => void;
}) {
  return (
    <section className="live-snapshots">
      <h2 className="live-snapshots__title">Snapshots</h2>
      <div className="live-snapshots__take">
        {kindsFor(target).map(({ kind, unavailable }) => (
          <div key={kind} className="live-snapshots__choice">
            <button
              type="button"
              className="button"
              data-testid={`take-snapshot-${kind}`}
              title={unavailable ?? LIVE_SNAPSHOT_COSTS[kind]}
              disabled={!canTake || taking !== null || unavailable !== null}
              onClick={() => onTake(kind)}
            >
              {taking === kind ? `Taking ${KIND_NAMES[kind].toLowerCase()}…` : `Take ${KIND_NAMES[kind].toLowerCase()}`}
            </button>
            {unavailable ? (
              <span className="live-snapshots__cost">{unavailable}</span>
            ) : (
              COSTLY.has(kind) && (
                <span className="live-snapshots__cost live-snapshots__cost--warn" data-testid={`snapshot-cost-${kind}`}>
                  {LIVE_SNAPSHOT_COSTS[kind]}
                </span>
              )
            )}
          </div>
        ))}
      </div>
      {error && (
        <p className="live-snapshots__error" role="alert" data-testid="snapshot-error">
          {error.message}
        </p>
      )}
      {snapshots.length === 0 ? (
        <p className="live-snapshots__empty" data-testid="snapshot-list" data-count={0}>
          No snapshot yet. Take two of one kind a while apart, then tick both to see what grew.
        </p>
      ) : (
        <ol className="live-snapshots__list" data-testid="snapshot-list" data-count={snapshots.length}>
          {snapshots.map((snapshot) => {
            const checked = selected.includes(snapshot.snapshotId);
            const top = snapshot.summary.top[0];
            const sample = snapshot.summary.defaultSample;
            return (
              <li
                key={snapshot.snapshotId}
                className={checked ? 'live-snapshots__item live-snapshots__item--selected' : 'live-snapshots__item'}
                data-testid="snapshot-item"
                data-snapshot-id={snapshot.snapshotId}
                data-kind={snapshot.kind}
                data-selected={checked}
              >
                <label className="live-snapshots__pick">
                  <input type="checkbox" data-testid="snapshot-select" checked={checked} onChange={() => onToggle(snapshot.snapshotId)} />
                  <span className="live-snapshots__kind">{KIND_NAMES[snapshot.kind]}</span>
                  <span className="live-snapshots__time">{timeOf(snapshot.takenAt)}</span>
                </label>
                <span className="live-snapshots__total">
                  {sample}: {formatValue(snapshot.summary.totals[sample] ?? 0, snapshot.summary.units[sample] ?? '')}
                </span>
                {top && (
                  <span className="live-snapshots__top" title={top.key}>
                    top: {top.key}
                  </span>
                )}
                <code className="live-snapshots__path" title={snapshot.artifactPath}>
                  {snapshot.artifactPath}
                </code>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
