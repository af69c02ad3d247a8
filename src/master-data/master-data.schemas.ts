import { named } from '../../libs/http/contract/named-schemas';
import { Amount, IsoDate, Nullable, OneOf, PageOf, Shape, Type } from '../../libs/http/contract/schema-types';
import { LegalBasisCode, RateTypeCode } from '../shared/shared-schemas';
import { LEGAL_FORMS } from './domain/provider';

const SozialraumVersion = Shape({
  name: Type.String(),
  residents: Nullable(Type.Integer({ description: 'Einwohner' })),
  residentsUnder21: Nullable(Type.Integer({ description: 'Einwohner unter 21 Jahren' })),
  validFrom: IsoDate,
  reason: Nullable(Type.String()),
});

const TraegerverbundVersion = Shape({
  effectiveFrom: IsoDate,
  leadProviderId: Type.String({ description: 'Federführender Träger' }),
  memberProviderIds: Type.Array(Type.String()),
});

export const SozialraumView = named(
  'SozialraumView',
  Shape({
    sozialraumId: Type.String(),
    version: Type.Integer(),
    asOf: IsoDate,
    current: Nullable(SozialraumVersion),
    traegerverbund: Nullable(TraegerverbundVersion),
    history: Type.Array(SozialraumVersion),
    traegerverbundHistory: Type.Array(TraegerverbundVersion),
  }),
  'Ein Sozialraum mit den Angaben und dem Trägerverbund zum Stichtag asOf und ihrer ganzen Geschichte',
);

export const SozialraumPage = named(
  'SozialraumPage',
  PageOf(
    Shape({
      sozialraumId: Type.String(),
      name: Type.String(),
      residents: Nullable(Type.Integer()),
      residentsUnder21: Nullable(Type.Integer()),
      validFrom: IsoDate,
      leadProviderId: Nullable(Type.String()),
      memberProviderIds: Type.Array(Type.String()),
      version: Type.Integer(),
    }),
  ),
);

const providerFields = {
  providerId: Type.String(),
  version: Type.Integer(),
  name: Type.String(),
  legalForm: OneOf(LEGAL_FORMS, { description: 'Rechtsform' }),
};

export const ProviderView = named('ProviderView', Shape(providerFields), 'Ein freier Träger');

export const ProviderPage = named('ProviderPage', PageOf(Shape(providerFields)));

const RateAgreement = Shape({
  agreementId: Type.String(),
  providerId: Type.String(),
  legalBasis: LegalBasisCode,
  rateType: RateTypeCode,
  amount: Amount,
  validFrom: IsoDate,
  validTo: Nullable(IsoDate),
  reference: Nullable(Type.String()),
});

export const RateAgreementAnswer = named(
  'RateAgreementAnswer',
  Shape({ providerId: Type.String(), agreementId: Type.String(), version: Type.Integer(), agreement: RateAgreement }),
  'Eine Entgeltvereinbarung nach der Buchung; version ist die Fassung der Vereinbarungen des Trägers',
);

export const RateAgreementList = named(
  'RateAgreementList',
  Shape({ providerId: Type.String(), version: Type.Integer(), items: Type.Array(RateAgreement) }),
  'Die Entgeltvereinbarungen eines Trägers, in der Reihenfolge ihres Abschlusses',
);
