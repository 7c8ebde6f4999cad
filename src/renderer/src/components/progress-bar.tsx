import { formatBytes } from '../format/units';
import type { Activity } from '../state/read-progress';

function describe({ phase, name, done, total }: Activity): string {
  const verb = phase === 'uploading' ? 'Uploading' : 'Reading';
  const what = name ? `${verb} ${name}` : phase === 'uploading' ? 'Uploading' : 'Opening';
  if (total <= 0) return `${what}…`;
  const percent = Math.floor((done / total) * 100);
  return `${what}… ${formatBytes(done)} of ${formatBytes(total)} (${percent} %)`;
}

export function ProgressBar({ activity }: { activity: Activity }) {
  const known = activity.total > 0;
  return (
    <div className="progress" data-testid="progress" data-phase={activity.phase} role="status">
      <div className="progress__label">{describe(activity)}</div>
      {known ? (
        <progress className="progress__bar" value={activity.done} max={activity.total} />
      ) : (
        <progress className="progress__bar" />
      )}
    </div>
  );
}
