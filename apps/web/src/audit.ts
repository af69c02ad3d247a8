import { roleName } from './session';

/**
 * The pieces of the event log the Rechnungsprüfung pages show, computed from the API's values:
 * shortened hashes, who booked an event, its content as readable JSON. Pure, without React.
 */

const ELLIPSIS = '…';

/** "3f7a9c01d2…" → the first `head` and last `tail` characters around an ellipsis; short ones whole. */
export function shortenHash(hash: string, head = 10, tail = 4): string {
  if (hash.length <= head + tail + 1) return hash;
  return `${hash.slice(0, head)}${ELLIPSIS}${hash.slice(hash.length - tail)}`;
}

/** "Rechnungsprüfung (HRO-JA)": the role in German and the organisation that booked the event. */
export function describeActor(actor: { role: string; organisationId: string }): string {
  const role = actor.role ? roleName(actor.role) : 'unbekannte Rolle';
  return actor.organisationId ? `${role} (${actor.organisationId})` : role;
}

/** The link of the audit chain, or that the chain has not taken the event in yet. */
export function chainLabel(chainIndex: string | null): string {
  return chainIndex ?? 'noch nicht verkettet';
}

/** An event's content as indented JSON for a <pre>; what cannot be written as JSON, as text. */
export function formatEventData(data: unknown): string {
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}

/** "1 Ereignis angezeigt", "120 Ereignisse angezeigt, weitere vorhanden". */
export function describeShown(count: number, more: boolean): string {
  const shown = count === 1 ? '1 Ereignis angezeigt' : `${count} Ereignisse angezeigt`;
  return more ? `${shown}, weitere vorhanden` : shown;
}

/** The name of the export file: "ereignisse-HRO-JA.ndjson". */
/** The file names the offline verification takes: checkpoints and the public key of a key id. */
export function checkpointFileName(tenant: string): string {
  return `pruefpunkte-${tenant.replace(/[^A-Za-z0-9._-]/g, '_') || 'mandant'}.json`;
}

export function publicKeyFileName(keyId: string): string {
  return `pruefschluessel-${keyId.replace(/[^0-9a-f]/g, '')}.pem`;
}

/** The command the Rechnungsprüfung runs on its own machine over the three files. */
export function verifyOfflineCommand(tenant: string, keyId: string | null): string {
  return `npm run audit -- verify-offline --export ${auditExportFileName(tenant)} --checkpoints ${checkpointFileName(tenant)} --public-key ${publicKeyFileName(keyId ?? 'schluessel')}`;
}

export function auditExportFileName(tenant: string): string {
  const safe = tenant.replace(/[^A-Za-z0-9._-]/g, '_');
  return `ereignisse-${safe || 'mandant'}.ndjson`;
}
