import { useMutation } from '@tanstack/react-query';
import { describeError } from '../api/client';

/**
 * A button that fetches a file with the user's token and hands it to the browser; while it loads
 * it says so and takes no second click, and a failure is announced beside it (`failure` begins
 * the sentence, e.g. "Der Export konnte nicht geladen werden").
 */
export function DownloadButton({ label, failure, download }: { label: string; failure: string; download: () => Promise<void> }) {
  const mutation = useMutation({ mutationFn: download });
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary"
        aria-disabled={mutation.isPending}
        onClick={() => {
          if (!mutation.isPending) mutation.mutate();
        }}
      >
        <span className="kern-icon kern-icon--download" aria-hidden="true"></span>
        <span className="kern-label">
          {label}
          {mutation.isPending ? ' – wird geladen …' : ''}
        </span>
      </button>
      {mutation.isError ? (
        <p className="kern-body app-download-error" role="alert">
          {failure}: {describeError(mutation.error).title}
        </p>
      ) : null}
    </>
  );
}
