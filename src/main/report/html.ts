/**
 * The report's one way to make markup. Everything the target controls
 * (class and function names, command lines, log lines, file names) reaches
 * the page through `escapeHtml`, and the `html` template applies it to every
 * value it is given unless that value is already markup built by `html`
 * itself. So no call site has to remember to escape: forgetting is not
 * possible, only deliberately wrapping a string with `trustedHtml`, which
 * only the report's own constant stylesheet does.
 */

/** Markup that is safe to put on the page as it is. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML text or a double- or single-quoted attribute value: the five
 * characters that can end either are replaced. NUL and other C0 controls
 * (bar tab, newline and carriage return) are shown as U+FFFD: a browser
 * would drop or mangle them, and a log line holding one should say so.
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

/** The inverse of escapeHtml for what it produced (verify reads the embedded data back). */
export function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** A template whose every interpolated value is escaped, unless it is SafeHtml; arrays are joined. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** For the report's own constant markup (its stylesheet, which escaping would break); never for text from the target. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
