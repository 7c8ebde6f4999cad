/**
 * JVM class names in their three spellings: internal (`java/util/HashMap`,
 * what HPROF's LOAD CLASS records carry), binary (`java.util.HashMap`, what
 * class histograms print and gclens keys on) and readable (`byte[]`,
 * `java.lang.Object[]`, as Java source writes array types).
 */

/** Array element descriptors (JVMS §4.3.2) to their Java keywords. */
const PRIMITIVE_DESCRIPTORS: Readonly<Record<string, string>> = {
  Z: 'boolean',
  C: 'char',
  F: 'float',
  D: 'double',
  B: 'byte',
  S: 'short',
  I: 'int',
  J: 'long',
};

/**
 * `[B` → `byte[]`, `[[I` → `int[][]`, `[Ljava.lang.Object;` → `java.lang.Object[]`;
 * anything that is not a well-formed array descriptor comes back unchanged.
 */
export function readableClassName(binaryName: string): string {
  let dims = 0;
  while (binaryName.charCodeAt(dims) === 0x5b /* [ */) dims++;
  if (dims === 0) return binaryName;
  const element = binaryName.slice(dims);
  let base: string | undefined;
  if (element.length === 1) base = PRIMITIVE_DESCRIPTORS[element];
  else if (element.startsWith('L') && element.endsWith(';') && element.length > 2) base = element.slice(1, -1);
  return base === undefined ? binaryName : base + '[]'.repeat(dims);
}

/**
 * HotSpot's heap dumper writes internal names with `/`, and a hidden class
 * (lambda proxies, LambdaForms) as `Outer$$Lambda$2+0x00007f9e58041898`, where
 * the histogram prints `Outer$$Lambda$2/0x00007f9e58041898`. This gives the
 * histogram's spelling so a dump and a histogram share keys.
 */
export function binaryNameFromInternal(internalName: string): string {
  return internalName.replaceAll('/', '.').replace(/\+(0x[0-9a-fA-F]+)(;?)$/, '/$1$2');
}
