import { LOCAL_HOST_ID } from '../../../shared/contract';
import { programName } from '../format/program-name';
import type { LiveTab } from '../state/use-live-attaches';
import { liveStatusOf } from './live-status';
import './live-tabs.css';

/** One tab per attach, after the app's views: its pid and program, the host when not this machine, and a dot for its status. */
export function LiveTabs({ tabs, active, onSelect }: { tabs: LiveTab[]; active: string | null; onSelect: (tabId: string) => void }) {
  if (tabs.length === 0) return null;
  return (
    <nav className="live-tabs" role="tablist" aria-label="Attaches">
      {tabs.map((tab) => {
        const status = liveStatusOf(tab);
        const program = programName(tab.command, tab.runtime);
        return (
          <button
            key={tab.tabId}
            type="button"
            role="tab"
            className={tab.tabId === active ? 'live-tabs__tab live-tabs__tab--active' : 'live-tabs__tab'}
            aria-selected={tab.tabId === active}
            data-testid="attach-tab"
            data-attach-id={tab.attach?.attachId ?? ''}
            data-pid={tab.pid}
            data-host-id={tab.host.hostId}
            data-status={status}
            title={`${tab.command} (on ${tab.host.label})`}
            onClick={() => onSelect(tab.tabId)}
          >
            <span className={`live-tabs__dot live-tabs__dot--${status}`} aria-hidden="true" />
            {program} · {tab.pid}
            {tab.host.hostId !== LOCAL_HOST_ID && <span className="live-tabs__host">@ {tab.host.label}</span>}
          </button>
        );
      })}
    </nav>
  );
}
