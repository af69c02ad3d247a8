import { scrubSecrets } from './scrub-secrets';

describe('scrubSecrets', () => {
  it('hides the password of a connection string and keeps where it points', () => {
    expect(scrubSecrets('connect to postgres://app:s3cr3t@db.intern:5432/budget failed')).toBe(
      'connect to postgres://app:[redacted]@db.intern:5432/budget failed',
    );
    expect(scrubSecrets('postgresql://app@127.0.0.1/budget')).toBe('postgresql://app@127.0.0.1/budget');
  });

  it('hides bearer tokens and JWTs wherever they appear', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb250cm9sbGVyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';
    expect(scrubSecrets(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [redacted]');
    expect(scrubSecrets(`token ${jwt} refused`)).toBe('token [redacted-jwt] refused');
  });

  it('leaves ordinary text alone', () => {
    expect(scrubSecrets('API listening on http://localhost:3000 (OpenAPI: http://localhost:3000/docs)')).toBe(
      'API listening on http://localhost:3000 (OpenAPI: http://localhost:3000/docs)',
    );
  });
});
