import { registerExamples } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

registerExamples({
  'GET /audit/events': async (api) => {
    await freshBudget(api);
    return { path: '/audit/events?limit=5' };
  },
  'GET /audit/export': async (api) => {
    await freshBudget(api);
    return { path: '/audit/export' };
  },
  'GET /audit/verification': async (api) => {
    await freshBudget(api);
    await api.t.settle();
    return { path: '/audit/verification' };
  },
});
