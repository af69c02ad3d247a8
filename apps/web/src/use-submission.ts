import { useCallback, useRef, useState } from 'react';
import { isApiError } from './api/client';
import { newIdempotencyKey } from './api/idempotency-key';

/**
 * Submissions of user intents (e.g. "sachlich richtig for invoice R1"). An intent keeps its
 * Idempotency-Key across repeated clicks and across a retry after a lost answer, so it books once;
 * a second click while it runs sends nothing. After a refusal the key is dropped: the server has
 * recorded nothing, and the next attempt is a new decision.
 */
export function useSubmission() {
  const keys = useRef(new Map<string, string>());
  const running = useRef(new Set<string>());
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<ReadonlyMap<string, unknown>>(new Map());

  const submit = useCallback(async <T>(intent: string, run: (idempotencyKey: string) => Promise<T>): Promise<T | undefined> => {
    if (running.current.has(intent)) return undefined;
    running.current.add(intent);
    setPending(new Set(running.current));
    const key = keys.current.get(intent) ?? newIdempotencyKey();
    keys.current.set(intent, key);
    try {
      const result = await run(key);
      keys.current.delete(intent);
      setErrors((previous) => new Map([...previous].filter(([name]) => name !== intent)));
      return result;
    } catch (error) {
      // Refused (4xx): nothing was written. A lost answer or a server fault keeps the key for the retry.
      if (isApiError(error) && error.status >= 400 && error.status < 500) keys.current.delete(intent);
      setErrors((previous) => new Map([...previous, [intent, error]]));
      return undefined;
    } finally {
      running.current.delete(intent);
      setPending(new Set(running.current));
    }
  }, []);

  const dismiss = useCallback((intent: string) => {
    setErrors((previous) => new Map([...previous].filter(([name]) => name !== intent)));
  }, []);

  return {
    submit,
    dismiss,
    isPending: (intent: string) => pending.has(intent),
    errorOf: (intent: string): unknown => errors.get(intent),
  };
}
