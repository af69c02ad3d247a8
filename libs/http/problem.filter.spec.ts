import { DomainError } from '../ddd/domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('answers a retryable domain refusal with Retry-After as well as the body', () => {
    const { body, headers } = toProblem(
      new DomainError('projection-behind', 'Figures not current', 'try again', 503, { retryable: true, retryAfterSeconds: 1 }),
    );
    expect(body).toMatchObject({ type: '/problems/projection-behind', status: 503, retryable: true, retryAfterSeconds: 1 });
    expect(headers).toEqual({ 'retry-after': '1' });
  });

  it('sets no extra header for an ordinary refusal', () => {
    expect(toProblem(new DomainError('budget-frozen', 'Frozen', 'frozen', 422)).headers).toEqual({});
  });

  it('answers a lost database connection with a retryable 503, however the driver or TypeORM reports it', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const lost = [
      terminated,
      Object.assign(new Error('query failed'), { driverError: terminated }),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ];
    for (const error of lost) {
      const { body, headers } = toProblem(error);
      expect(body).toMatchObject({ type: '/problems/database-unavailable', status: 503, retryable: true });
      expect(headers).toEqual({ 'retry-after': String(body.retryAfterSeconds) });
    }
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505' })).body.status).toBe(500);
  });
});
