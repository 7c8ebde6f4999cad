import type { SnapshotKind, SnapshotSummary } from '../../../shared/snapshot';
import { formatValue } from '../format/diff-values';
import { baseName } from '../format/units';

const KIND_NAMES: Record<SnapshotKind, string> = {
  pprof: 'Go pprof profile',
  'goroutine-text': 'Go goroutine dump',
  'heap-text': 'Go heap profile (text)',
  'class-histogram': 'JVM class histogram',
  nmt: 'JVM native memory (NMT)',
  hprof: 'JVM heap dump',
};

/** What one loaded snapshot is: its kind, file, when it was taken, and its totals per sample type. */
export function SnapshotSummaryCard({ summary, testId }: { summary: SnapshotSummary; testId: string }) {
  return (
    <div
      className="snapshot-summary"
      data-testid={testId}
      data-kind={summary.kind}
      data-profile={summary.profile}
      data-file={baseName(summary.file)}
    >
      <div className="snapshot-summary__file" title={summary.file}>
        {baseName(summary.file)}
      </div>
      <div className="snapshot-summary__kind">
        {KIND_NAMES[summary.kind]} · {summary.profile}
        {summary.capturedAt && <> · taken {summary.capturedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</>}
      </div>
      <dl className="snapshot-summary__totals">
        {summary.samples.map((sample) => (
          <div
            key={sample}
            className={sample === summary.defaultSample ? 'snapshot-summary__total snapshot-summary__total--default' : 'snapshot-summary__total'}
            data-sample={sample}
            data-value={summary.totals[sample] ?? ''}
          >
            <dt>{sample}</dt>
            <dd>{formatValue(summary.totals[sample], summary.units[sample] ?? 'count')}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
