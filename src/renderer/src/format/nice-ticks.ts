/**
 * Axis ticks at round numbers (steps of 1, 2, 2.5 or 5 times a power of ten)
 * covering [min, max]. Recharts picks its ticks in the raw unit or splits the
 * data's span evenly, which for bytes shown in MB gives 62, 124, 186… and for
 * hours 1.11, 2.22…; these are computed in the unit the axis is read in.
 */
const STEPS = [1, 2, 2.5, 5, 10];

/** toPrecision trims binary noise (0.30000000000000004) from tick values. */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

export function niceTicksBetween(min: number, max: number, target = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || max <= min) {
    const at = Number.isFinite(min) ? min : 0;
    return [at, at + 1];
  }
  const rough = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = (STEPS.find((s) => s * magnitude >= rough) ?? 10) * magnitude;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  return Array.from({ length: last - first + 1 }, (_, i) => clean((first + i) * step));
}

/** From zero, for quantities that start there (bytes, pauses). */
export function niceTicks(max: number, target = 5): number[] {
  return niceTicksBetween(0, Number.isFinite(max) && max > 0 ? max : 0, target);
}

/**
 * A formatter showing every tick with just the decimals the set needs, so
 * 0.005 and 0.01 do not both print as "0.01" and 50 is not "50.00".
 */
export function tickFormatter(ticks: number[]): (value: number) => string {
  let decimals = 0;
  while (decimals < 6 && !ticks.every((t) => Math.abs(t * 10 ** decimals - Math.round(t * 10 ** decimals)) < 1e-6)) {
    decimals++;
  }
  const format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (value) => format.format(value);
}
