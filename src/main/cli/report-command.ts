/**
 * `gclens report INPUT... -o report.html [--bundle out.tar.gz] [--redact
 * [--dry-run]] [--limit SIZE] [--pause-target MS]`: the report that stands
 * as evidence (docs/report-format.md). INPUT is a session folder or files
 * the engines read. `--dry-run` with `--redact` writes nothing and prints
 * what redaction would replace.
 */
import { writeFile } from 'node:fs/promises';
import { buildReport } from '../report/build-report';
import { writeBundle } from '../report/bundle';
import { formatRedactionPreview, redactSources } from '../report/redact-sources';
import { resolveSources } from '../report/report-sources';
import { parseSize } from './analyze-command';
import { EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';

export const REPORT_USAGE = 'gclens report INPUT... -o FILE.html [--bundle FILE.tar.gz] [--redact [--dry-run]] [--limit SIZE] [--pause-target MS]';

export async function runReport(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length === 0) throw new UsageError('report needs a session folder or at least one file');
  if (values['dry-run'] && !values.redact) throw new UsageError('--dry-run previews a redaction: give --redact too');
  if (values['dry-run']) {
    const redacted = await redactSources(await resolveSources(positionals));
    try {
      io.stdout.write(formatRedactionPreview(redacted));
    } finally {
      await redacted.cleanup();
    }
    return EXIT_OK;
  }
  if (values.output === undefined && values.bundle === undefined) throw new UsageError('say where the report goes: -o FILE.html, --bundle FILE.tar.gz, or both');
  const pauseTarget = values['pause-target'];
  const pauseTargetMs = pauseTarget === undefined ? null : Number(pauseTarget);
  if (pauseTargetMs !== null && !(pauseTargetMs > 0)) throw new UsageError(`--pause-target wants milliseconds, not "${pauseTarget}"`);

  const built = await buildReport(positionals, {
    limitBytes: values.limit === undefined ? null : parseSize(values.limit),
    pauseTargetMs,
    redact: values.redact === true,
  });
  try {
    const a = built.model.data.analysis;
    if (values.output !== undefined) await writeFile(values.output, built.html);
    if (values.bundle !== undefined) await writeBundle(values.bundle, built);
    const where = [values.output, values.bundle].filter((p) => p !== undefined).join(' and ');
    io.stdout.write(`Wrote ${where}: verdict ${a.verdict}, ${a.findings.length} finding(s), ${built.manifest.artifacts.length} artifact(s).\n`);
    const replaced = built.hits.filter((h) => h.places.size > 0).length;
    if (values.redact) io.stdout.write(`Redacted ${replaced} value(s); --dry-run lists them.\n`);
  } finally {
    await built.cleanup();
  }
  return EXIT_OK;
}

function parseOptions(argv: string[]) {
  return parseCliArgs(argv, {
    output: { type: 'string', short: 'o' },
    bundle: { type: 'string' },
    redact: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    limit: { type: 'string' },
    'pause-target': { type: 'string' },
  });
}
