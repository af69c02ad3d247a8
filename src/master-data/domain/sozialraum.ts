import { Decider, DomainEvent } from '../../../libs/ddd/decider';
import { DomainError, refuse, NotFound } from '../../../libs/ddd/domain-error';
import { text } from '../../../libs/text/text';
import { SHARED_PROBLEMS } from '../../shared/shared-problems';
import { MASTER_DATA_PROBLEMS } from '../master-data.problems';
import { by, compareText } from '../../../libs/order';

/** Figures of a Sozialraum that change over time (Einwohner from the statistics office). */
export interface SozialraumFacts {
  name: string;
  residents: number | null;
  residentsUnder21: number | null;
}

export interface SozialraumVersion extends SozialraumFacts {
  validFrom: string;
  reason: string | null;
}

export interface TraegerverbundVersion {
  effectiveFrom: string;
  leadProviderId: string;
  memberProviderIds: string[];
}

export type SozialraumEvent =
  | DomainEvent<'SozialraumRegistered', { sozialraumId: string; validFrom: string } & SozialraumFacts>
  | DomainEvent<'SozialraumChanged', { sozialraumId: string; validFrom: string; reason: string } & SozialraumFacts>
  | DomainEvent<'TraegerverbundFormed', { sozialraumId: string } & TraegerverbundVersion>;

export interface SozialraumState {
  sozialraumId: string | null;
  /** Sorted by validFrom; a change with the date of an existing version corrects that version. */
  versions: SozialraumVersion[];
  verbund: TraegerverbundVersion[];
}

function upsert<T>(list: T[], item: T, key: (t: T) => string): T[] {
  return [...list.filter((x) => key(x) !== key(item)), item].sort(by(key, compareText));
}

export const sozialraumDecider: Decider<SozialraumState, SozialraumEvent> = {
  initialState: { sozialraumId: null, versions: [], verbund: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'SozialraumRegistered':
      case 'SozialraumChanged': {
        const d = event.data;
        const version: SozialraumVersion = {
          validFrom: d.validFrom,
          name: d.name,
          residents: d.residents,
          residentsUnder21: d.residentsUnder21,
          reason: event.type === 'SozialraumChanged' ? event.data.reason : null,
        };
        return { ...state, sozialraumId: d.sozialraumId, versions: upsert(state.versions, version, (v) => v.validFrom) };
      }
      case 'TraegerverbundFormed': {
        const { sozialraumId: _ignored, ...version } = event.data;
        return { ...state, verbund: upsert(state.verbund, version, (v) => v.effectiveFrom) };
      }
    }
  },
};

/** The latest entry whose start date is on or before `date`. */
export function inForceOn<T>(list: T[], date: string, start: (t: T) => string): T | null {
  let found: T | null = null;
  for (const item of list) if (start(item) <= date) found = item;
  return found;
}

export function sozialraumOn(state: SozialraumState, date: string): SozialraumVersion | null {
  return inForceOn(state.versions, date, (v) => v.validFrom);
}

export function traegerverbundOn(state: SozialraumState, date: string): TraegerverbundVersion | null {
  return inForceOn(state.verbund, date, (v) => v.effectiveFrom);
}

function checkResidents(facts: SozialraumFacts): void {
  if (facts.residents !== null && facts.residentsUnder21 !== null && facts.residentsUnder21 > facts.residents) {
    refuse(
      MASTER_DATA_PROBLEMS['residents-inconsistent'],
      text(
        `residentsUnder21 (${facts.residentsUnder21}) kann nicht größer sein als residents (${facts.residents}).`,
        `residentsUnder21 (${facts.residentsUnder21}) cannot exceed residents (${facts.residents}).`,
      ),
    );
  }
}

export function decideRegisterSozialraum(cmd: { sozialraumId: string; validFrom: string } & SozialraumFacts, state: SozialraumState): SozialraumEvent[] {
  if (state.sozialraumId !== null) {
    throw new DomainError(
      MASTER_DATA_PROBLEMS['sozialraum-exists'],
      text(`Der Sozialraum ${cmd.sozialraumId} ist bereits registriert.`, `Sozialraum ${cmd.sozialraumId} is already registered.`),
    );
  }
  checkResidents(cmd);
  return [{ type: 'SozialraumRegistered', data: { ...cmd }, businessDate: cmd.validFrom }];
}

export function decideChangeSozialraum(cmd: { validFrom: string; reason: string } & Partial<SozialraumFacts>, state: SozialraumState): SozialraumEvent[] {
  if (state.sozialraumId === null)
    throw new NotFound(SHARED_PROBLEMS['sozialraum-not-found'], text('Der Sozialraum ist nicht registriert.', 'The Sozialraum is not registered.'));
  const first = state.versions[0];
  if (cmd.validFrom < first.validFrom) {
    refuse(
      MASTER_DATA_PROBLEMS['before-registration'],
      text(
        `Eine Änderung kann nicht gelten, bevor es den Sozialraum gibt (${first.validFrom}).`,
        `A change cannot take effect before the Sozialraum exists (${first.validFrom}).`,
      ),
    );
  }
  const base = sozialraumOn(state, cmd.validFrom)!;
  const facts: SozialraumFacts = {
    name: cmd.name ?? base.name,
    residents: cmd.residents === undefined ? base.residents : cmd.residents,
    residentsUnder21: cmd.residentsUnder21 === undefined ? base.residentsUnder21 : cmd.residentsUnder21,
  };
  checkResidents(facts);
  return [
    {
      type: 'SozialraumChanged',
      data: { sozialraumId: state.sozialraumId, validFrom: cmd.validFrom, reason: cmd.reason, ...facts },
      businessDate: cmd.validFrom,
    },
  ];
}

export interface TraegerverbundFacts {
  /** The providers named (lead first, then members) that the master data does not know. */
  unregisteredProviderIds: string[];
}

export function decideFormTraegerverbund(cmd: TraegerverbundVersion, state: SozialraumState, facts: TraegerverbundFacts): SozialraumEvent[] {
  const [unregistered] = facts.unregisteredProviderIds;
  if (unregistered !== undefined) {
    throw new DomainError(
      SHARED_PROBLEMS['provider-not-registered'],
      text(`Der Träger ${unregistered} ist nicht registriert.`, `Provider ${unregistered} is not registered.`),
      {
        providerId: unregistered,
      },
    );
  }
  if (state.sozialraumId === null)
    throw new NotFound(SHARED_PROBLEMS['sozialraum-not-found'], text('Der Sozialraum ist nicht registriert.', 'The Sozialraum is not registered.'));
  if (cmd.memberProviderIds.includes(cmd.leadProviderId)) {
    refuse(
      MASTER_DATA_PROBLEMS['lead-among-members'],
      text(
        `${cmd.leadProviderId} ist der federführende Träger und kann nicht zugleich unter den Mitgliedern stehen.`,
        `${cmd.leadProviderId} is the lead provider and cannot also be listed among the members.`,
      ),
    );
  }
  if (new Set(cmd.memberProviderIds).size !== cmd.memberProviderIds.length) {
    refuse(
      MASTER_DATA_PROBLEMS['duplicate-member'],
      text('Ein Träger ist unter den Mitgliedern zweimal genannt.', 'A provider is listed twice among the members.'),
    );
  }
  return [{ type: 'TraegerverbundFormed', data: { sozialraumId: state.sozialraumId, ...cmd }, businessDate: cmd.effectiveFrom }];
}
