export function EmptyState() {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-state__title">Open a GC log (Go gctrace) — File → Open, the Open button, or drop files here</p>
      <p className="empty-state__hint">
        Capture one with <code>GODEBUG=gctrace=1 ./your-service 2&gt; gc.log</code>
      </p>
    </div>
  );
}
