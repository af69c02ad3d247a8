import type { ReactNode } from 'react';

type Kind = 'info' | 'success' | 'warning' | 'danger';

const ICON_LABEL: Record<Kind, string> = { info: 'Hinweis', success: 'Erfolg', warning: 'Warnung', danger: 'Fehler' };

/** A KERN alert. Errors are announced at once (role alert), everything else politely (status). */
export function Alert({ kind, title, children }: { kind: Kind; title: string; children?: ReactNode }) {
  return (
    <div className={`kern-alert kern-alert--${kind}`} role={kind === 'danger' ? 'alert' : 'status'}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true"></span>
        <span className="kern-title">
          <span className="kern-sr-only">{ICON_LABEL[kind]}: </span>
          {title}
        </span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
