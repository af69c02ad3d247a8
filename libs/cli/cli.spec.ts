import { failureLine } from './cli';

describe('failureLine', () => {
  it('gives a reason for a rejection without one (the embedded server exiting during start-up)', () => {
    expect(failureLine(undefined)).toBe('failed without a reason');
    expect(failureLine(null)).toBe('failed without a reason');
  });

  it('names every address of a refused connection (AggregateError has no message of its own)', () => {
    const refused = new AggregateError([
      Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
      new Error('connect ECONNREFUSED 127.0.0.1:5432'),
    ]);
    expect(failureLine(refused)).toBe('connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('keeps the first line of a message, never a stack', () => {
    const error = new Error('Postgres init script failed (code: 1)\nERROR OUTPUT: initdb: error: directory exists');
    expect(failureLine(error)).toBe('Postgres init script failed (code: 1)');
    expect(failureLine(Object.assign(new Error(''), { code: 'EACCES' }))).toBe('EACCES');
    expect(failureLine('plain text')).toBe('plain text');
  });
});
