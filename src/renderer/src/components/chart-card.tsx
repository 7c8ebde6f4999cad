import type { ReactNode } from 'react';
import { MAX_CHART_POINTS } from '../../../shared/contract';

export const CHART_HEIGHT = 300;

/**
 * A titled chart. The backend has already downsampled every series; in
 * development, say so loudly if it did not, rather than thinning again here.
 */
export function ChartCard({
  title,
  testId,
  points,
  highlight,
  children,
}: {
  title: string;
  testId: string;
  points: number;
  /** The marked evidence range as "from-to" seconds, for tests and styling. */
  highlight?: string;
  children: ReactNode;
}) {
  if (import.meta.env.DEV && points > MAX_CHART_POINTS) {
    console.warn(`gclens: ${title} got ${points} points, more than MAX_CHART_POINTS (${MAX_CHART_POINTS})`);
  }
  return (
    <section className="chart-card" data-testid={testId} data-points={points} data-highlight={highlight}>
      <h2 className="chart-card__title">{title}</h2>
      {points === 0 ? <p className="chart-card__empty">No data in this log.</p> : children}
    </section>
  );
}
