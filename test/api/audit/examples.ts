import { CheckpointSigner } from '../../../src/audit';
import { ExampleApi, registerExamples } from '../support/endpoint-examples';
import { freshBudget } from '../support/example-setup';

/** A budget's events in HRO-JA's tree, and a checkpoint signed over them. */
async function signedTree(api: ExampleApi): Promise<{ treeSize: number; firstPosition: string }> {
  await freshBudget(api);
  await api.t.settle();
  const checkpoint = await api.t.app.get(CheckpointSigner).sign('HRO-JA');
  if (!checkpoint) throw new Error('setup: nothing to sign in HRO-JA');
  const first = await api.call('auditor', 'GET', '/audit/events?limit=1');
  return { treeSize: checkpoint.treeSize, firstPosition: first.items[0].position };
}

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
  'GET /audit/checkpoints': async (api) => {
    await signedTree(api);
    return { path: '/audit/checkpoints?limit=5' };
  },
  'GET /audit/checkpoints/file': async (api) => {
    await signedTree(api);
    return { path: '/audit/checkpoints/file' };
  },
  'GET /audit/public-keys': async (api) => {
    await signedTree(api);
    return { path: '/audit/public-keys' };
  },
  'GET /audit/proofs/inclusion': async (api) => {
    const { treeSize, firstPosition } = await signedTree(api);
    return { path: `/audit/proofs/inclusion?position=${firstPosition}&treeSize=${treeSize}` };
  },
  'GET /audit/proofs/consistency': async (api) => {
    const { treeSize } = await signedTree(api);
    return { path: `/audit/proofs/consistency?from=1&to=${treeSize}` };
  },
});
