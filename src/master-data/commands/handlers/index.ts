import { ChangeProviderHandler } from './change-provider.handler';
import { ChangeSozialraumHandler } from './change-sozialraum.handler';
import { ConcludeRateAgreementHandler } from './conclude-rate-agreement.handler';
import { EndRateAgreementHandler } from './end-rate-agreement.handler';
import { FormTraegerverbundHandler } from './form-traegerverbund.handler';
import { RegisterProviderHandler } from './register-provider.handler';
import { RegisterSozialraumHandler } from './register-sozialraum.handler';

export const masterDataCommandHandlers = [
  RegisterSozialraumHandler,
  ChangeSozialraumHandler,
  FormTraegerverbundHandler,
  RegisterProviderHandler,
  ChangeProviderHandler,
  ConcludeRateAgreementHandler,
  EndRateAgreementHandler,
];
