/** The face of exports: a table of typed columns, rendered as CSV for Excel or as an XLSX workbook. */
export * from './table';
export * from './csv';
export * from './xlsx';
export * from './media-types';
export { amountCell, berlinWallClock, dateCell, integerCell, monthCell, percentCell } from './cell-values';
export * from './download';
