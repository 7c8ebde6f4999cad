/** What the bundled parse run loads: the reader as it ships, and the same baseline. */
export { readGcLog } from '../src/main/core/gc-log-reader';
export { bareLineSplit } from './bare-line-split';
