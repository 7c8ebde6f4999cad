/** A row's change as a bar: its length relative to the largest change in the table, red for growth, green for shrinking. */
export function GrowthBar({ delta, largest }: { delta: number; largest: number }) {
  const fraction = largest > 0 ? Math.min(1, Math.abs(delta) / largest) : 0;
  const direction = delta > 0 ? 'grew' : delta < 0 ? 'shrank' : 'same';
  return (
    <span className="growth-bar" aria-hidden="true">
      {/* At least a sliver for any change, so a small one is not mistaken for none. */}
      <span
        className={`growth-bar__fill growth-bar__fill--${direction}`}
        style={{ width: fraction === 0 ? 0 : `max(2px, ${(fraction * 100).toFixed(2)}%)` }}
      />
    </span>
  );
}
