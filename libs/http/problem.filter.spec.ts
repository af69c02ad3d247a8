import { DomainError } from '../ddd/domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('answers a retryable domain refusal with Retry-After as well as the body', () => {
    const { body, headers } = toProblem(new DomainError('projection-behind', 'Figures not current', 'try again', 503, { retryable: true, retryAfterSeconds: 1 }));
    expect(body).toMatchObject({ type: '/problems/projection-behind', status: 503, retryable: true, retryAfterSeconds: 1 });
    expect(headers).toEqual({ 'retry-after': '1' });
  });

  it('sets no extra header for an ordinary refusal', () => {
    expect(toProblem(new DomainError('budget-frozen', 'Frozen', 'frozen', 422)).headers).toEqual({});
  });
});
