/**
 * `gclens verify BUNDLE`: OK (exit 0) when every artifact hashes as its
 * manifest says and the report re-derives from them number for number;
 * otherwise exactly what differs (exit 1). See src/main/report/verify.ts.
 */
import { verifyBundle } from '../report/verify';
import { EXIT_FAILURE, EXIT_OK, parseCliArgs, UsageError, type CliIo } from './cli-io';

export const VERIFY_USAGE = 'gclens verify BUNDLE.tar.gz';

export async function runVerify(argv: string[], io: CliIo): Promise<number> {
  const { positionals } = parseCliArgs(argv, {});
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one bundle');
  const outcome = await verifyBundle(positionals[0]!);
  if (outcome.ok) {
    io.stdout.write(
      `OK: ${outcome.artifacts} artifact(s) match their SHA-256, and the verdict, ${outcome.findings} finding(s) and ${outcome.values} values on the page re-derive from them.\n`,
    );
    return EXIT_OK;
  }
  io.stdout.write(`DIFFERS:\n${outcome.problems.map((p) => `  ${p}\n`).join('')}`);
  return EXIT_FAILURE;
}
