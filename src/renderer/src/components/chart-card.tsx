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
  children,
}: {
  title: string;
  testId: string;
  points: number;
  children: ReactNode;
}) {
  if (import.meta.env.DEV && points > MAX_CHART_POINTS) {
    console.warn(`gclens: ${title} got ${points} points, more than MAX_CHART_POINTS (${MAX_CHART_POINTS})`);
  }
  return (
    <section className="chart-card" data-testid={testId} data-points={points}>
      <h2 className="chart-card__title">{title}</h2>
      {points === 0 ? <p className="chart-card__empty">No data in this log.</p> : children}
    </section>
  );
}
