import { CommandContext } from '../../../libs/ddd/command-context';
import {
  ChangeProviderDto,
  ChangeSozialraumDto,
  ConcludeRateAgreementDto,
  EndRateAgreementDto,
  FormTraegerverbundDto,
  RegisterProviderDto,
  RegisterSozialraumDto,
} from './master-data.dtos';

export class RegisterSozialraumCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly dto: RegisterSozialraumDto,
  ) {}
}

export class ChangeSozialraumCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly dto: ChangeSozialraumDto,
  ) {}
}

export class FormTraegerverbundCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly sozialraumId: string,
    readonly dto: FormTraegerverbundDto,
  ) {}
}

export class RegisterProviderCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly dto: RegisterProviderDto,
  ) {}
}

export class ChangeProviderCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly providerId: string,
    readonly dto: ChangeProviderDto,
  ) {}
}

export class ConcludeRateAgreementCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly providerId: string,
    readonly dto: ConcludeRateAgreementDto,
  ) {}
}

export class EndRateAgreementCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly providerId: string,
    readonly agreementId: string,
    readonly dto: EndRateAgreementDto,
  ) {}
}
