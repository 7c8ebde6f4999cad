/**
 * files:lines — reads a few raw lines of a file the backend opened, so the
 * UI can show the exact lines a finding rests on. The UI names the file by
 * the OpenedFile it came with and the name evidence cites; the path is looked
 * up here, never taken from the request. Files are streamed (gunzipped when
 * they start with the gzip magic) and the read stops past the last line asked.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { MAX_LINES_PER_REQUEST, type FileLine, type FileLines, type FileLinesRequest } from '../../shared/file-lines';
import { GclensError } from '../../shared/result';
import { LineSplitter } from '../parsers/line-splitter';
import type { NamedInput } from './file-service';
import { startsWithGzipMagic } from './gc-log-reader';

/** How many opened files keep their inputs listed: the UI shows one at a time. */
export const KEPT_OPENED_FILES = 10;

/** The inputs of the last few opened files, by fileId; the oldest is forgotten first. */
export class OpenedInputs {
  private readonly byId = new Map<string, Map<string, string>>();

  constructor(private readonly capacity = KEPT_OPENED_FILES) {}

  remember(fileId: string, inputs: NamedInput[]): void {
    this.byId.delete(fileId);
    this.byId.set(fileId, new Map(inputs.map((input) => [input.name, input.path])));
    while (this.byId.size > this.capacity) this.byId.delete(this.byId.keys().next().value!);
  }

  /** The inputs the file was read from, in the order given. */
  inputsOf(fileId: string): NamedInput[] {
    const inputs = this.byId.get(fileId);
    if (!inputs) throw new GclensError('not-found', `no opened file with id ${fileId} (only the last ${this.capacity} opened are kept)`);
    return [...inputs].map(([name, path]) => ({ name, path }));
  }

  pathOf(fileId: string, name: string): string {
    const inputs = this.byId.get(fileId);
    if (!inputs) throw new GclensError('not-found', `no opened file with id ${fileId} (only the last ${this.capacity} opened are kept)`);
    const path = inputs.get(name);
    if (path === undefined) throw new GclensError('not-found', `${name} is not one of the files opened as ${fileId}`);
    return path;
  }

  async readLines({ fileId, file, fromLine, toLine }: FileLinesRequest): Promise<FileLines> {
    return { file, lines: await readLineRange(this.pathOf(fileId, file), fromLine, toLine, file) };
  }
}

/** Lines fromLine..toLine (1-based, inclusive) of a plain or gzipped file; fewer when it ends sooner. `name` is what errors call it. */
export async function readLineRange(path: string, fromLine: number, toLine: number, name = path): Promise<FileLine[]> {
  if (toLine < fromLine || toLine - fromLine >= MAX_LINES_PER_REQUEST) {
    throw new GclensError('invalid-argument', `lines ${fromLine}–${toLine}: at most ${MAX_LINES_PER_REQUEST} lines at a time`);
  }
  const gzipped = await startsWithGzipMagic(path);
  const lines: FileLine[] = [];
  let done = false;
  const splitter = new LineSplitter((text, line) => {
    if (line > toLine) done = true;
    else if (line >= fromLine) lines.push({ line, text });
  });
  const raw = createReadStream(path, { highWaterMark: 256 * 1024 });
  const stream = gzipped ? raw.pipe(createGunzip()) : raw;
  raw.on('error', (err) => stream.destroy(err));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      splitter.push(chunk);
      if (done) break;
    }
    if (!done) splitter.end();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (gzipped && code?.startsWith('Z_')) throw new GclensError('unsupported-format', `${name}: corrupt gzip data (${(err as Error).message})`);
    throw err;
  } finally {
    raw.destroy();
  }
  return lines;
}
