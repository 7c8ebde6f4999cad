/**
 * `gclens`: the headless face of the same core the app uses. Never loads
 * Electron. bin/gclens.js calls main() and exits with what it returns.
 */
import { GclensError } from '../../shared/result';
import { runServe } from '../serve/serve-command';
import { APP_VERSION } from '../core/version';
import { ATTACH_USAGE, runAttach } from './attach-command';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './cli-io';
import { ANALYZE_USAGE, runAnalyze } from './analyze-command';
import { DIFF_USAGE, runDiff } from './diff-command';
import { PARSE_USAGE, runParse } from './parse-command';
import { PS_USAGE, runPs } from './ps-command';
import { REPORT_USAGE, runReport } from './report-command';
import { SNAPSHOT_USAGE, runSnapshot } from './snapshot-command';
import { VERIFY_USAGE, runVerify } from './verify-command';

const USAGE = `Usage:
  gclens serve [--port N] [--host H]   run the app in a browser (loopback, with a token)
  ${PARSE_USAGE}
                                       print each GC event (NDJSON with --json)
  ${ANALYZE_USAGE}
                                       verdict, findings and metrics for GC logs and snapshots
  ${PS_USAGE}
                                       the Go and JVM processes on this machine, or over SSH on DEST
  ${ATTACH_USAGE}
                                       record a live process (here or over SSH) into a session folder
  ${DIFF_USAGE}
                                       what grew between two snapshots of one kind
  ${SNAPSHOT_USAGE}
                                       one snapshot summarised
  ${REPORT_USAGE}
                                       a self-contained HTML report, and an evidence bundle
  ${VERIFY_USAGE}
                                       re-hash a bundle's artifacts and re-derive its report
  gclens --help | --version
`;

/** Resolves to an exit code, or to 'running' when a server keeps the process alive. */
export async function main(argv: string[], io: CliIo = process): Promise<number | 'running'> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        io.stdout.write(USAGE);
        return EXIT_OK;
      case '--version':
      case '-v':
        io.stdout.write(`gclens ${APP_VERSION}\n`);
        return EXIT_OK;
      case 'parse':
        return await runParse(rest, io);
      case 'analyze':
        return await runAnalyze(rest, io);
      case 'ps':
        return await runPs(rest, io);
      case 'attach':
        return await runAttach(rest, io);
      case 'diff':
        return await runDiff(rest, io);
      case 'snapshot':
        return await runSnapshot(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'verify':
        return await runVerify(rest, io);
      case 'serve':
        return await runServe(rest, io);
      default:
        throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`gclens: ${err.message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    const message = err instanceof GclensError || err instanceof Error ? err.message : String(err);
    io.stderr.write(`gclens: ${message}\n`);
    return EXIT_FAILURE;
  }
}
