import { Suspense, useId, useState, type ReactNode } from 'react';
import { ErrorBoundary } from './error-boundary';
import { Loading } from './loading';

/**
 * A chart loaded on first use, with its "Daten als Tabelle" alternative behind a button: the
 * table is rendered only when it is asked for.
 */
export function ChartWithTable({ chart, table, tableClassName }: { chart: ReactNode; table: () => ReactNode; tableClassName?: string }) {
  const [showTable, setShowTable] = useState(false);
  const tableId = useId();
  return (
    <>
      <div className="app-chart-layout">
        <ErrorBoundary>
          <Suspense fallback={<Loading label="Diagramm wird geladen …" />}>{chart}</Suspense>
        </ErrorBoundary>
        <div className="app-chart-layout__aside">
          <button
            type="button"
            className="kern-btn kern-btn--secondary"
            aria-expanded={showTable}
            aria-controls={tableId}
            onClick={() => setShowTable(!showTable)}
          >
            <span className={`kern-icon kern-icon--${showTable ? 'arrow-up' : 'arrow-down'}`} aria-hidden="true"></span>
            <span className="kern-label">Daten als Tabelle</span>
          </button>
        </div>
      </div>
      <div id={tableId} hidden={!showTable} className={tableClassName}>
        {showTable ? table() : null}
      </div>
    </>
  );
}
