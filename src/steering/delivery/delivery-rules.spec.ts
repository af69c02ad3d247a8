import { createHmac } from 'node:crypto';
import { backoffMs, MAX_ATTEMPTS, notificationId, signature } from './delivery-rules';

describe('delivery rules', () => {
  const event = '5f0c2a8e-1b7d-4c3e-9a6f-0d2e4b8c1a37';
  const subscription = '0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b10';

  it('derives the notification id from event and subscription alone, shaped as a UUID', () => {
    const id = notificationId(event, subscription);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(notificationId(event, subscription)).toBe(id);
    expect(notificationId(event, '0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b11')).not.toBe(id);
  });

  it('waits twice as long after each failure, at most six hours', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(6 * 3600_000);
    expect(MAX_ATTEMPTS).toBeGreaterThan(1);
  });

  it('signs the exact body with HMAC-SHA256', () => {
    const body = '{"notificationId":"x"}';
    expect(signature('geheim', body)).toBe(`sha256=${createHmac('sha256', 'geheim').update(body).digest('hex')}`);
  });
});
