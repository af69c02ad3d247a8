import { ChangeProviderHandler, ConcludeRateAgreementHandler, EndRateAgreementHandler, RegisterProviderHandler } from './provider.handlers';
import { ChangeSozialraumHandler, FormTraegerverbundHandler, RegisterSozialraumHandler } from './sozialraum.handlers';

export const masterDataCommandHandlers = [
  RegisterSozialraumHandler,
  ChangeSozialraumHandler,
  FormTraegerverbundHandler,
  RegisterProviderHandler,
  ChangeProviderHandler,
  ConcludeRateAgreementHandler,
  EndRateAgreementHandler,
];
