import type { ReactNode } from 'react';

/** A KERN accordion (native details): a form or detail that stays folded until asked for. */
export function Disclosure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="kern-accordion">
      <summary className="kern-accordion__header">
        <span className="kern-title">{summary}</span>
      </summary>
      <div className="kern-accordion__body">{children}</div>
    </details>
  );
}
