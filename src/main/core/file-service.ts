/**
 * files:open — stream each chosen log through the engine and hand the UI what
 * it charts (a summary and series no longer than MAX_CHART_POINTS) and what
 * the analysis makes of it (verdict, metrics, findings with their evidence).
 */
import { randomUUID } from 'node:crypto';
import { MAX_CHART_POINTS, type HeapSample, type OpenedFile, type PauseSample, type UnknownLine } from '../../shared/contract';
import { lttbIndices, mergeIndices, minMaxIndices } from '../analysis/downsample';
import { GcSeries, type SeriesColumn } from '../analysis/gc-series';
import { PhaseCollector } from '../analysis/phase-spans';
import { AnalysisSampler, analyseSampled } from './analysis-sampler';
import type { ReadProgress } from './gc-log-reader';
import { readLogSet } from './rotation-set';

export interface NamedInput {
  path: string;
  name: string;
}

/** How many not-understood lines the UI gets to show. */
const UNKNOWN_SAMPLES = 50;

/** Several files are taken as one rotated log: read in the order their contents say. */
export async function openFiles(inputs: NamedInput[], onProgress: (progress: ReadProgress) => void): Promise<OpenedFile> {
  const series = new GcSeries();
  const phases = new PhaseCollector();
  const sampler = new AnalysisSampler();
  const unknownSamples: UnknownLine[] = [];
  let unknownLines = 0;

  const outcome = await readLogSet(inputs, {
    onProgress,
    onRecord: (record) => {
      sampler.add(record);
      if (record.type === 'gc') return series.add(record);
      if (record.type === 'phase') return phases.add(record);
      if (record.type !== 'unknown') return;
      unknownLines++;
      if (unknownSamples.length < UNKNOWN_SAMPLES) unknownSamples.push({ ...record.source, text: record.text });
    },
  });

  // One parser read the whole set: its counts belong to the set, cited by its first file.
  const recognised = { [outcome.files[0]!.name]: outcome.recognised };
  return {
    fileId: randomUUID(),
    names: outcome.files.map((input) => input.name),
    totalBytes: outcome.bytes,
    summary: {
      cycles: series.length,
      totalPauseMs: series.totalPauseMs,
      maxPauseMs: series.maxPauseMs,
      gcCpuPercent: series.lastGcCpuPercent,
      unknownLines,
      spanSec: series.spanSec,
      xAxis: series.hasClock ? 'uptime-seconds' : 'cycle-index',
      format: outcome.format,
    },
    heap: heapSamples(series),
    pauses: pauseSamples(series),
    phases: phases.spans(),
    unknownSamples,
    analysis: analyseSampled(sampler, recognised),
  };
}

function xs(series: GcSeries): Float64Array {
  const x = new Float64Array(series.length);
  for (let i = 0; i < series.length; i++) x[i] = series.x(i);
  return x;
}

function nullable(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/** LTTB on the heap before and after collections, drawn at the union of both picks. */
export function heapSamples(series: GcSeries): HeapSample[] {
  const x = xs(series);
  const before = series.column('heapBeforeBytes');
  const after = series.column('heapAfterBytes');
  const column = (name: SeriesColumn) => series.column(name);
  const half = Math.floor(MAX_CHART_POINTS / 2);
  const indices = mergeIndices(lttbIndices(x, before, half), lttbIndices(x, after, half));
  const at = (name: SeriesColumn, i: number) => nullable(column(name)[i]!);
  return indices.map((i) => ({
    startSec: x[i]!,
    heapBeforeBytes: at('heapBeforeBytes', i),
    heapAfterBytes: at('heapAfterBytes', i),
    heapCommittedBytes: at('heapCommittedBytes', i),
    liveBytes: at('liveBytes', i),
    goalBytes: at('goalBytes', i),
    youngAfterBytes: at('youngAfterBytes', i),
    oldAfterBytes: at('oldAfterBytes', i),
    humongousAfterBytes: at('humongousAfterBytes', i),
    metaspaceAfterBytes: at('metaspaceAfterBytes', i),
  }));
}

export function pauseSamples(series: GcSeries): PauseSample[] {
  const pause = series.column('pauseMs');
  const id = series.column('id');
  return minMaxIndices(pause, MAX_CHART_POINTS).map((i) => ({
    startSec: series.x(i),
    pauseMs: pause[i]!,
    kind: series.kind(i),
    id: nullable(id[i]!),
  }));
}
