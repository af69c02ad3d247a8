export * from './german-csv';
