import './view-tabs.css';

export type ViewName = 'gc-log' | 'snapshots' | 'processes' | 'sessions';

const TABS: readonly { view: ViewName; label: string }[] = [
  { view: 'gc-log', label: 'GC log' },
  { view: 'snapshots', label: 'Compare snapshots' },
  { view: 'processes', label: 'Processes' },
  { view: 'sessions', label: 'Sessions' },
];

/** The app's views: a GC log's charts, the diff of two snapshots, the processes to attach to, the recorded sessions. None is active while an attach's tab is. */
export function ViewTabs({ view, onChange }: { view: ViewName | null; onChange: (view: ViewName) => void }) {
  return (
    <nav className="view-tabs" role="tablist" aria-label="View">
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          role="tab"
          className={tab.view === view ? 'view-tabs__tab view-tabs__tab--active' : 'view-tabs__tab'}
          aria-selected={tab.view === view}
          data-testid={`tab-${tab.view}`}
          onClick={() => onChange(tab.view)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
