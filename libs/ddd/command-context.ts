/** What a client's If-Match asks for: one stream version, or any version of an existing stream. */
export type ExpectedVersion = number | 'exists';

/** Whether a stream at `version` (0: it does not exist) satisfies the client's If-Match. */
export function satisfiesIfMatch(expected: ExpectedVersion, version: number): boolean {
  return expected === 'exists' ? version > 0 : expected === version;
}

/** Who acts, for which tenant, and on which business date: recorded in every event's metadata. */
export interface Actor {
  userId: string;
  role: string;
  /** The Jugendamt's tenant id for its staff, the provider id for provider users. */
  organisationId: string;
  name?: string;
}

export interface CommandContext {
  tenantId: string;
  actor: Actor;
  /** All roles of the user (authorisation); actor.role is the one the command is done in. */
  roles: string[];
  /** Set for provider users: the only provider whose data they may touch. */
  providerId?: string;
  correlationId: string;
  causationId: string | null;
  requestId: string;
  /** Business date of the command (default: today in Europe/Berlin). */
  businessDate: string;
  /**
   * If-Match supplied by the client, if any: the stream version it names, or `'exists'` for
   * `If-Match: *` (RFC 9110: any current version; the resource must exist).
   */
  expectedVersion?: ExpectedVersion;
  /**
   * Id of this execution of a request sent with an Idempotency-Key, recorded in the metadata of
   * every event it writes: after a crash the idempotency layer can tell whether it was applied.
   */
  commandId?: string;
}

/** The command's business date: given in the body, else the context's (today, Europe/Berlin). */
export function onBusinessDate(ctx: CommandContext, businessDate?: string): CommandContext {
  return businessDate ? { ...ctx, businessDate } : ctx;
}
