import { generateKeyPairSync } from 'node:crypto';
import { AppendSignatureVerifier, SignedAppendContent, appendSignatureMessage, ed25519AppendSigner } from './append-signature';

const content = (): SignedAppendContent => ({
  streamId: 'HRO-JA/case/TW-25-001',
  tenantId: 'HRO-JA',
  events: [
    {
      eventId: '00000000-0000-4000-8000-000000000001',
      type: 'InvoiceVerified',
      schemaVersion: 1,
      data: { amount: '1250.50', invoiceId: 'R-1' },
      metadata: { tenantId: 'HRO-JA', actor: { userId: 'wiju-1', role: 'wiju', organisationId: 'HRO-JA' }, correlationId: 'c-1' },
      businessDate: '2025-03-31',
    },
    {
      eventId: '00000000-0000-4000-8000-000000000002',
      type: 'PaymentOrdered',
      schemaVersion: 1,
      data: { amount: '1250.50' },
      metadata: { tenantId: 'HRO-JA', actor: { userId: 'wiju-1', role: 'wiju', organisationId: 'HRO-JA' }, correlationId: 'c-1' },
      businessDate: null,
    },
  ],
});

describe('append signatures', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signer = ed25519AppendSigner('jugendamt.example/audit', privateKey);
  const verifier = new AppendSignatureVerifier([publicKey]);

  it('verifies what the application signed, whatever the order of keys in the JSON', async () => {
    const stored = await signer.sign(content());
    expect(stored).toMatch(/^jugendamt\.example\/audit [A-Za-z0-9+/]+=* 0\/1$/);
    const reordered = content();
    reordered.events[0].data = { invoiceId: 'R-1', amount: '1250.50' };
    expect(verifier.check(stored, reordered)).toBe('valid');
  });

  it.each<[string, (c: SignedAppendContent) => void]>([
    ['an amount', (c) => ((c.events[0].data as { amount: string }).amount = '1250.51')],
    ['the actor', (c) => ((c.events[0].metadata as { actor: { userId: string } }).actor.userId = 'wiju-2')],
    ['the business date', (c) => (c.events[1].businessDate = '2025-04-01')],
    ['the type', (c) => (c.events[1].type = 'PaymentCancelled')],
    ['the schema version', (c) => (c.events[1].schemaVersion = 2)],
    ['an event id', (c) => (c.events[1].eventId = '00000000-0000-4000-8000-000000000003')],
    ['the stream', (c) => (c.streamId = 'HRO-JA/case/TW-25-002')],
    ['the tenant', (c) => (c.tenantId = 'HRO-XX')],
    ['the order of the events', (c) => c.events.reverse()],
    ['an event removed', (c) => c.events.pop()],
    ['an event added', (c) => c.events.push({ ...c.events[1], eventId: '00000000-0000-4000-8000-000000000004' })],
  ])('refuses the signature when %s changed', async (_what, change) => {
    const stored = await signer.sign(content());
    const changed = content();
    change(changed);
    expect(verifier.check(stored, changed)).toBe('invalid');
  });

  it('signs appends under way at the same time as one batch: one signature, each append with its own audit path', async () => {
    const contents = Array.from({ length: 5 }, (_, n) => {
      const c = content();
      c.streamId = `HRO-JA/case/TW-25-00${n}`;
      return c;
    });
    const stored = await Promise.all(contents.map((c) => signer.sign(c)));
    const signatures = stored.map((s) => s.split(' ')[1]);
    expect(new Set(signatures).size).toBe(1);
    expect(stored.map((s) => s.split(' ')[2])).toEqual(['0/5', '1/5', '2/5', '3/5', '4/5']);
    stored.forEach((s, i) => expect(verifier.check(s, contents[i])).toBe('valid'));
    // Each append is bound to its own place: another append's content or path does not verify.
    expect(verifier.check(stored[1], contents[2])).toBe('invalid');
    const [name, signature, , path] = stored[3].split(' ');
    expect(verifier.check(`${name} ${signature} 2/5 ${path}`, contents[3])).toBe('invalid');
    // One changed append fails alone; the others of its batch still verify.
    const changed = structuredClone(contents[4]);
    (changed.events[0].data as { amount: string }).amount = '0.01';
    expect(verifier.check(stored[4], changed)).toBe('invalid');
    expect(verifier.check(stored[0], contents[0])).toBe('valid');
  });

  it('tells a key it was not given and a malformed value apart from a wrong signature', async () => {
    const other = ed25519AppendSigner('jugendamt.example/audit', generateKeyPairSync('ed25519').privateKey);
    expect(verifier.check(await other.sign(content()), content())).toBe('unknown-key');
    const renamed = (await signer.sign(content())).replace(/^\S+/, 'other.example/audit');
    expect(verifier.check(renamed, content())).toBe('unknown-key');
    expect(verifier.check('not a signature', content())).toBe('malformed');
    expect(verifier.check('jugendamt.example/audit AAAA', content())).toBe('malformed');
  });

  it('names its format in the signed bytes, so no other signed JSON passes for an append', () => {
    expect(appendSignatureMessage(content()).toString('utf8')).toMatch(/"format":"sozialraum-budget\/append\/v1"/);
  });
});
