/**
 * files:lines — the raw lines a finding's evidence points at, read back from
 * a file the backend opened (never from a path the UI names).
 */

/** No files:lines answer holds more lines than this. */
export const MAX_LINES_PER_REQUEST = 200;

export interface FileLinesRequest {
  /** The OpenedFile whose inputs to read. */
  fileId: string;
  /** One of its inputs, by the name records and evidence cite (`Evidence.artifact`). */
  file: string;
  /** 1-based, inclusive; at most MAX_LINES_PER_REQUEST lines. */
  fromLine: number;
  toLine: number;
}

export interface FileLine {
  line: number;
  text: string;
}

export interface FileLines {
  file: string;
  /** The lines of the range the file has; fewer when it ends sooner. */
  lines: FileLine[];
}
