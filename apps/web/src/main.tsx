import '@kern-ux/native/dist/kern.min.css';
import '@kern-ux/native/dist/fonts/fira-sans.css';
import './styles.css';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client';
import { App } from './app';
import { getSession, identityOf, subscribeSession } from './session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal (400–499) stays a refusal; a busy or unreachable server is asked again.
      retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429),
    },
  },
});

// Nothing one user has read stays in the cache for the next one; a renewed token of the same user
// keeps the cache.
const KEPT_ACROSS_USERS = new Set(['sign-in-method', 'dev-users']);
let identity = identityOf(getSession());
subscribeSession(() => {
  const next = identityOf(getSession());
  if (next === identity) return;
  identity = next;
  queryClient.removeQueries({ predicate: (query) => !KEPT_ACROSS_USERS.has(String(query.queryKey[0])) });
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
