import type { UnknownLine } from '../../../shared/contract';
import { baseName, formatCount } from '../format/units';

/** The lines the parser did not understand, shown verbatim (as text, never as markup). */
export function UnknownLines({ samples, total }: { samples: UnknownLine[]; total: number }) {
  return (
    <div className="unknown-lines" id="unknown-lines" data-testid="unknown-lines">
      {samples.length < total && (
        <p className="unknown-lines__note">
          The first {formatCount(samples.length)} of {formatCount(total)}:
        </p>
      )}
      <ol className="unknown-lines__list">
        {samples.map((sample, index) => (
          <li key={`${index}:${sample.file}:${sample.line}`} className="unknown-lines__item" data-testid="unknown-line">
            <span className="unknown-lines__where" title={`${sample.file}:${sample.line}`}>
              {baseName(sample.file)}:{sample.line}
            </span>
            <code className="unknown-lines__text">{sample.text}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
