import { useEffect, useRef, type ReactNode } from 'react';
import { hasNavigated } from '../router';
import { sessionChanged } from '../session';

/**
 * The h1 of a page. It names the page in the document title and, when the page was opened from
 * another one (not on the first load), takes the focus so that screen readers start there.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Sozialraumbudget`;
  }, [title]);
  useEffect(() => {
    if (hasNavigated() || sessionChanged()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="kern-heading-large app-page-heading">
      {children ?? title}
    </h1>
  );
}
