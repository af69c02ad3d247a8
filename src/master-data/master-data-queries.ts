import { Injectable } from '@nestjs/common';
import { AggregateStore } from '../../libs/ddd/aggregate-store';
import { LegalBasis } from '../shared/legal-basis';
import { streams } from '../shared/stream-ids';
import { providerDecider, ProviderFacts } from './domain/provider';
import { RateAgreement, rateAgreementOn, rateAgreementsDecider } from './domain/rate-agreements';
import { sozialraumDecider, SozialraumState, traegerverbundOn } from './domain/sozialraum';

/**
 * Master data as other capabilities need it while deciding: read from the streams, so a
 * Sozialraum registered a moment ago is known at once (no projection lag).
 */
@Injectable()
export class MasterDataQueries {
  constructor(private readonly aggregates: AggregateStore) {}

  async loadSozialraum(tenantId: string, sozialraumId: string) {
    return this.aggregates.load(streams.sozialraum(tenantId, sozialraumId), sozialraumDecider);
  }

  async getSozialraum(tenantId: string, sozialraumId: string): Promise<SozialraumState | null> {
    const { state } = await this.loadSozialraum(tenantId, sozialraumId);
    return state.sozialraumId === null ? null : state;
  }

  async getProvider(tenantId: string, providerId: string): Promise<({ providerId: string; version: number } & ProviderFacts) | null> {
    const { state, version } = await this.aggregates.load(streams.provider(tenantId, providerId), providerDecider);
    return state.providerId === null || !state.facts ? null : { providerId: state.providerId, version, ...state.facts };
  }

  async sozialraumExists(tenantId: string, sozialraumId: string): Promise<boolean> {
    return (await this.getSozialraum(tenantId, sozialraumId)) !== null;
  }

  async providerExists(tenantId: string, providerId: string): Promise<boolean> {
    return (await this.getProvider(tenantId, providerId)) !== null;
  }

  /** The provider leading the Sozialraum's Trägerverbund on a date: the Jugendamt's counterpart in shared responsibility. */
  async leadProviderOn(tenantId: string, sozialraumId: string, date: string): Promise<string | null> {
    return (await this.traegerverbundOn(tenantId, sozialraumId, date))?.leadProviderId ?? null;
  }

  async traegerverbundOn(tenantId: string, sozialraumId: string, date: string): Promise<{ leadProviderId: string; memberIds: string[] } | null> {
    const state = await this.getSozialraum(tenantId, sozialraumId);
    const verbund = state && traegerverbundOn(state, date);
    return verbund ? { leadProviderId: verbund.leadProviderId, memberIds: verbund.memberProviderIds } : null;
  }

  async rateAgreements(tenantId: string, providerId: string) {
    return this.aggregates.load(streams.rateAgreements(tenantId, providerId), rateAgreementsDecider);
  }

  /** The Entgeltvereinbarung in force for a provider and kind of help on a date. */
  async rateAgreementOn(tenantId: string, providerId: string, legalBasis: LegalBasis, date: string): Promise<RateAgreement | null> {
    const { state } = await this.rateAgreements(tenantId, providerId);
    return rateAgreementOn(state, legalBasis, date);
  }
}
