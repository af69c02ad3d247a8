import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert } from './alert';

/** Keeps a fault in one page from leaving a blank screen: the page says so and offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean; resetKey?: string }> {
  override state: { failed: boolean; resetKey?: string } = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(): Partial<{ failed: boolean }> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { resetKey?: string }, state: { failed: boolean; resetKey?: string }) {
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Alert kind="danger" title="Diese Seite konnte nicht angezeigt werden.">
        <p className="kern-body">Ein unerwarteter Fehler ist aufgetreten. Laden Sie die Seite neu oder kehren Sie zur Übersicht zurück.</p>
        <div className="app-actions">
          <button type="button" className="kern-btn kern-btn--secondary" onClick={() => window.location.reload()}>
            <span className="kern-label">Seite neu laden</span>
          </button>
          <a className="kern-link" href="#/">
            Zur Übersicht
          </a>
        </div>
      </Alert>
    );
  }
}
