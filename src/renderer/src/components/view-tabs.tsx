import './view-tabs.css';

export type ViewName = 'gc-log' | 'snapshots';

const TABS: readonly { view: ViewName; label: string }[] = [
  { view: 'gc-log', label: 'GC log' },
  { view: 'snapshots', label: 'Compare snapshots' },
];

/** The app's two views: a GC log's charts, and the diff of two snapshots. */
export function ViewTabs({ view, onChange }: { view: ViewName; onChange: (view: ViewName) => void }) {
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
