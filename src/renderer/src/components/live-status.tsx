import { LOCAL_HOST_ID, type AttachEndReason } from '../../../shared/contract';
import type { LiveTab } from '../state/use-live-attaches';

export type LiveStatusName = 'connecting' | 'live' | 'ended' | 'failed';

const END_REASONS: Record<AttachEndReason, string> = {
  detached: 'detached',
  'target-exited': 'the process exited',
  duration: 'its duration ran out',
  failed: 'it failed',
  shutdown: 'gclens shut down',
};

export function liveStatusOf(tab: LiveTab): LiveStatusName {
  if (tab.attach) return tab.attach.status === 'ended' ? 'ended' : 'live';
  return tab.error ? 'failed' : 'connecting';
}

/** Connecting, live, or ended and why; with Detach while live and the session folder once there is one. */
export function LiveStatus({ tab, onDetach, onClose }: { tab: LiveTab; onDetach: () => void; onClose: () => void }) {
  const status = liveStatusOf(tab);
  const attach = tab.attach;
  let text: string;
  if (status === 'connecting') text = 'Connecting…';
  else if (status === 'failed') text = `Attach failed: ${tab.error?.message ?? 'unknown error'}`;
  else if (status === 'live') text = 'Live';
  else {
    const reason = attach?.endReason ? END_REASONS[attach.endReason] : 'ended';
    text = `Ended: ${reason}${attach?.endMessage ? ` (${attach.endMessage})` : ''}`;
  }
  return (
    <header className="live-status">
      <div className="live-status__line">
        <span className={`live-status__badge live-status__badge--${status}`} data-testid="attach-status" data-status={status} data-reason={attach?.endReason ?? ''}>
          {text}
        </span>
        <span className="live-status__target" title={tab.command}>
          <span data-testid="attach-host">{tab.host.hostId === LOCAL_HOST_ID ? 'this machine' : tab.host.label}</span> · pid {tab.pid} ·{' '}
          {tab.runtime === 'go' ? 'Go' : 'JVM'} {attach?.target.version?.replace(/^go/, '') ?? ''} · {tab.command}
        </span>
        <span className="live-status__spacer" />
        {status === 'live' && (
          <button type="button" className="button" data-testid="detach-button" disabled={tab.detaching} onClick={onDetach}>
            {tab.detaching ? 'Detaching…' : 'Detach'}
          </button>
        )}
        {(status === 'ended' || status === 'failed') && (
          <button type="button" className="button button--quiet" data-testid="close-attach-tab" onClick={onClose}>
            Close tab
          </button>
        )}
      </div>
      {attach && (
        <div className="live-status__session">
          Session folder: <code data-testid="session-dir">{attach.sessionDir}</code>
          {tab.error && status !== 'failed' && <span className="live-status__error"> · {tab.error.message}</span>}
        </div>
      )}
    </header>
  );
}
