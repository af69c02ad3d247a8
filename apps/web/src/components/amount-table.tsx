import { useId, type ReactNode } from 'react';
import { formatAmount } from '../format';

export interface AmountRow {
  key: string;
  /** The row's header cell (a category, a Träger, a reason). */
  header: ReactNode;
  /** Further text cells before the amounts, as many as `textColumns`. */
  texts?: ReactNode[];
  /** The API's decimal strings, formatted here, one per `amountColumns`. */
  amounts: string[];
}

interface Props {
  caption: ReactNode;
  /** The heading of the row-header column. */
  rowHeader: string;
  textColumns?: string[];
  amountColumns: string[];
  rows: AmountRow[];
  /** A sum row ("Gesamt", "Summe") with one amount per amount column. */
  footer?: { header: string; amounts: string[] };
}

/** A table of amounts in euros: a scrollable, labelled region, row headers, numbers right-aligned. */
export function AmountTable({ caption, rowHeader, textColumns = [], amountColumns, rows, footer }: Props) {
  const captionId = useId();
  const amountCells = (amounts: string[]) =>
    amounts.map((amount, index) => (
      <td key={amountColumns[index]} className="kern-table__cell kern-table__cell--numeric">
        {formatAmount(amount)}
      </td>
    ));
  return (
    <div className="kern-table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="kern-table kern-table--striped">
        <caption id={captionId} className="kern-title">
          {caption}
        </caption>
        <thead className="kern-table__head">
          <tr className="kern-table__row">
            {[rowHeader, ...textColumns].map((label) => (
              <th key={label} scope="col" className="kern-table__header">
                {label}
              </th>
            ))}
            {amountColumns.map((label) => (
              <th key={label} scope="col" className="kern-table__header kern-table__header--numeric">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {row.header}
              </th>
              {(row.texts ?? []).map((text, index) => (
                <td key={textColumns[index]} className="kern-table__cell">
                  {text}
                </td>
              ))}
              {amountCells(row.amounts)}
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot className="kern-table__footer">
            <tr className="kern-table__row">
              <th scope="row" className="kern-table__header">
                {footer.header}
              </th>
              {amountCells(footer.amounts)}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
