import { describeError, isApiError } from '../api/client';
import { Alert } from './alert';

/**
 * A failed read in German. A route the role may not call (403) or data it may not see (404) is
 * a hint, not a fault; everything else is an error with a way to try again.
 */
export function ErrorNotice({ error, context, onRetry }: { error: unknown; context?: string; onRetry?: () => void }) {
  const { title, detail } = describeError(error);
  const expected = isApiError(error, 403, 404);
  return (
    <Alert kind={expected ? 'info' : 'danger'} title={context ? `${context}: ${title}` : title}>
      {detail ? <p className="kern-body">{detail}</p> : null}
      {!expected && onRetry ? (
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onRetry}>
          <span className="kern-label">Erneut versuchen</span>
        </button>
      ) : null}
    </Alert>
  );
}
