import type { RedactionPreview as Preview } from '../../../shared/contract';

/** What redaction will replace, value by value, and where: the redactor's dry run. Every value is shown as text. */
export function RedactionPreview({ preview }: { preview: Preview }) {
  return (
    <div className="redaction-preview" data-testid="redaction-preview">
      {preview.items.length === 0 ? (
        <p>Nothing to redact was found.</p>
      ) : (
        <table className="redaction-preview__table">
          <thead>
            <tr>
              <th>kind</th>
              <th>value</th>
              <th>becomes</th>
              <th>found in</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((item) => (
              <tr key={`${item.category}:${item.value}`} data-testid="redaction-item">
                <td>{item.category}</td>
                <td>
                  <code>{item.value}</code>
                </td>
                <td>
                  <code>{item.replacement}</code>
                </td>
                <td>{item.places.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.keptBinary.length > 0 && (
        <p className="redaction-preview__kept">Kept as they are (binary, cannot be rewritten safely): {preview.keptBinary.join(', ')}</p>
      )}
    </div>
  );
}
