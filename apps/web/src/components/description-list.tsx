/**
 * A KERN description list of figures: [term, value] pairs, values named in `code` set in the code
 * font (hashes, key ids). With a label it is a landmark of its own for screen readers and tests.
 */
export function DescriptionList({ items, className, label, code = [] }: { items: [string, string][]; className?: string; label?: string; code?: string[] }) {
  return (
    <dl className={`kern-description-list${className ? ` ${className}` : ''}`} aria-label={label}>
      {items.map(([key, value]) => (
        <div key={key} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{key}</dt>
          <dd className={`kern-description-list-item__value${code.includes(key) ? ' app-code' : ''}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A small heading with its count and a bullet list of texts under it (problems, findings). */
export function CountedList({ title, items, label }: { title: string; items: string[]; label?: string }) {
  return (
    <>
      <h3 className="kern-heading-small">
        {title} ({items.length})
      </h3>
      <ul className="kern-list kern-list--bullet" aria-label={label}>
        {items.map((item, index) => (
          <li key={`${index}-${item}`} className="kern-body">
            {item}
          </li>
        ))}
      </ul>
    </>
  );
}
