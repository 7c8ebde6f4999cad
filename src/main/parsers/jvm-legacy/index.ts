/** The JDK ≤ 8 GC log: -verbose:gc, PrintGC, PrintGCDetails and friends. */
export { JvmLegacyParser } from './jvm-legacy-parser';
export { looksLikeJvmLegacy } from './legacy-detect';
