import { DomainError } from '../ddd/domain-error';
import { defineProblems } from '../ddd/problem-kind';
import { text } from '../text/text';
import { renderProblem } from './problem';

const KINDS = defineProblems({
  'projection-behind': { status: 503, de: 'Zahlen nicht aktuell', en: 'Figures not current' },
  'budget-frozen': { status: 422, de: 'Gesperrt', en: 'Frozen' },
});
import { toProblem } from './problem.filter';
import { ProjectionBehind } from '../event-store/consumer/checkpointed-consumer';

describe('toProblem', () => {
  it('answers a retryable domain refusal with Retry-After as well as the body', () => {
    const { problem, headers } = toProblem(
      new DomainError(KINDS['projection-behind'], text('bitte erneut', 'try again'), { retryable: true, retryAfterSeconds: 1 }),
    );
    const body = renderProblem(problem, 'de');
    expect(body).toMatchObject({ type: '/problems/projection-behind', status: 503, retryable: true, retryAfterSeconds: 1 });
    expect(headers).toEqual({ 'retry-after': '1' });
  });

  it('sets no extra header for an ordinary refusal', () => {
    expect(toProblem(new DomainError(KINDS['budget-frozen'], text('gesperrt', 'frozen'))).headers).toEqual({});
  });

  it('speaks German by default and English when asked, with the same type', () => {
    const { problem } = toProblem(new DomainError(KINDS['budget-frozen'], text('Das Budget ist gesperrt.', 'The budget is frozen.')));
    expect(renderProblem(problem, 'de')).toMatchObject({ type: '/problems/budget-frozen', title: 'Gesperrt', detail: 'Das Budget ist gesperrt.' });
    expect(renderProblem(problem, 'en')).toMatchObject({ type: '/problems/budget-frozen', title: 'Frozen', detail: 'The budget is frozen.' });
  });

  it('answers a projection that did not catch up in time with a retryable 503, never a 500', () => {
    const { problem, headers, log } = toProblem(new ProjectionBehind('utilisation', 10_000, 'consumer utilisation did not catch up within 10000 ms'));
    expect(renderProblem(problem, 'de')).toMatchObject({ type: '/problems/projection-behind', status: 503, title: 'Zahlen nicht aktuell', retryable: true });
    expect(headers).toEqual({ 'retry-after': '1' });
    expect(log).toBe(true);
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
      const { problem, headers } = toProblem(error);
      const body = renderProblem(problem, 'en');
      expect(body).toMatchObject({ type: '/problems/database-unavailable', status: 503, retryable: true });
      expect(headers).toEqual({ 'retry-after': String(body.retryAfterSeconds) });
    }
    expect(toProblem(Object.assign(new Error('duplicate key'), { code: '23505' })).problem.kind.status).toBe(500);
  });
});
