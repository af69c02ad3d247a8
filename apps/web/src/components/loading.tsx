/** A KERN loader with its text for screen readers (and as visible text beside it). */
export function Loading({ label }: { label: string }) {
  return (
    <div className="app-loading" role="status">
      <span className="kern-loader kern-loader--visible app-loading__spinner" aria-hidden="true"></span>
      <span className="kern-body">{label}</span>
    </div>
  );
}
