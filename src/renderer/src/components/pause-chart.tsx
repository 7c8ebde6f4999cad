import {
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  type ScatterPointItem,
  type TooltipContentProps,
} from 'recharts';
import type { PauseSample, PhaseSpan } from '../../../shared/contract';
import type { GcKind } from '../../../shared/gc-event';
import { niceTicks, tickFormatter } from '../format/nice-ticks';
import { formatMs } from '../format/units';
import { AXIS_TICK, CHART_MARGIN, xAxisFor, xAxisProps, type XKind } from './chart-axes';
import { highlightAttr, type Highlight } from '../state/evidence-view';
import { CHART_HEIGHT, ChartCard } from './chart-card';
import { EvidenceKey, evidenceArea } from './evidence-area';
import { phaseAreas } from './phase-areas';

const KIND_COLORS: Partial<Record<GcKind, string>> = {
  cycle: '#c53030',
  young: '#2b6cb0',
  minor: '#2b6cb0',
  mixed: '#805ad5',
  full: '#c53030',
  major: '#c53030',
  remark: '#d9822b',
  cleanup: '#2f855a',
  'initial-mark': '#b7791f',
  degenerated: '#822727',
};

const KIND_NAMES: Partial<Record<GcKind, string>> = { cycle: 'GC cycle' };

/** One series per kind, so a JVM log's full GCs stand apart from its young ones. */
function byKind(samples: PauseSample[]): [GcKind, PauseSample[]][] {
  const groups = new Map<GcKind, PauseSample[]>();
  for (const sample of samples) {
    let group = groups.get(sample.kind);
    if (!group) groups.set(sample.kind, (group = []));
    group.push(sample);
  }
  return [...groups];
}

function PauseTooltip({ active, payload, at }: TooltipContentProps & { at: (x: number) => string }) {
  const sample = payload[0]?.payload as PauseSample | undefined;
  if (!active || !sample) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">
        {sample.id === null ? 'GC' : `GC #${sample.id}`} · {KIND_NAMES[sample.kind] ?? sample.kind}
      </div>
      <div>{at(sample.startSec)}</div>
      <div>pause {formatMs(sample.pauseMs)}</div>
    </div>
  );
}

/** A small dot: thousands of default-sized symbols would merge into a blob. */
function dotOf(color: string) {
  return function Dot({ cx, cy }: ScatterPointItem) {
    return cx == null || cy == null ? null : <circle cx={cx} cy={cy} r={2.5} fill={color} />;
  };
}

export function PauseChart({
  samples,
  phases,
  xKind,
  highlight = null,
}: {
  samples: PauseSample[];
  phases: PhaseSpan[];
  xKind: XKind;
  /** The evidence range to mark, in the samples' x units. */
  highlight?: Highlight | null;
}) {
  const time = xAxisFor(
    samples.map((s) => s.startSec),
    xKind,
  );
  const ticks = niceTicks(samples.reduce((max, s) => Math.max(max, s.pauseMs), 0));
  return (
    <ChartCard title="Stop-the-world pause per cycle" testId="pause-chart" points={samples.length} highlight={highlightAttr(highlight)}>
      <EvidenceKey highlight={highlight} />
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <ScatterChart margin={CHART_MARGIN}>
          <CartesianGrid stroke="#e6e8ec" />
          <XAxis {...xAxisProps('startSec', time)} name="time" />
          <YAxis
            dataKey="pauseMs"
            type="number"
            name="pause"
            domain={[0, ticks[ticks.length - 1] ?? 'auto']}
            ticks={ticks}
            tick={AXIS_TICK}
            tickFormatter={tickFormatter(ticks)}
            label={{ value: 'pause (ms)', angle: -90, position: 'insideLeft', fontSize: 12 }}
          />
          <Tooltip content={(props) => <PauseTooltip {...props} at={time.tooltip} />} isAnimationActive={false} />
          <Legend verticalAlign="top" height={28} />
          {phaseAreas(phases)}
          {evidenceArea(highlight, time.domain)}
          {byKind(samples).map(([kind, group]) => {
            const color = KIND_COLORS[kind] ?? '#4a5161';
            return (
              <Scatter
                key={kind}
                name={KIND_NAMES[kind] ?? kind}
                data={group}
                fill={color}
                shape={dotOf(color)}
                isAnimationActive={false}
              />
            );
          })}
        </ScatterChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
