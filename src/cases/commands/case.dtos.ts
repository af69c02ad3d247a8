import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IsAmount, IsIsoDate, IsIsoMonth, IsOptional } from '../../../libs/http/validators';
import { CommandBaseDto } from '../../../libs/http/command-base.dto';
import { localised } from '../../../libs/http/validation-messages';
import { CASE_REF_MESSAGE, CASE_REF_PATTERN, CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { LEGAL_BASIS_CODES, LegalBasis, RATE_TYPES, RateType, SETTINGS, Setting, defaultSetting } from '../../shared/legal-basis';
import { TERMINATION_REASONS, TerminationReason, VERIFICATION_STEPS, VerificationStep } from '../domain/case.events';

const QUANTITY = /^\d{1,4}(\.\d{1,2})?$/;
const QUANTITY_MESSAGE = localised(
  'muss eine Dezimalzahl als Text mit höchstens zwei Nachkommastellen sein, etwa "45" oder "12.5".',
  'must be a decimal string with at most 2 decimals, e.g. "45" or "12.5".',
);

const SETTING_MESSAGE = localised(
  'muss ambulant, teilstationaer oder stationaer sein; bei § 35a und § 41 ist das Setting anzugeben.',
  'must be ambulant, teilstationaer or stationaer; for § 35a and § 41 the setting must be stated.',
);

/** Deliberately no name, birth date, address or diagnosis: a case is a pseudonymous reference. */
export class OpenCaseDto {
  @ApiProperty({ example: 'TW-25-001', description: 'Pseudonymous case reference' })
  @Matches(CASE_REF_PATTERN, { message: CASE_REF_MESSAGE })
  caseRef: string;

  @ApiProperty({ example: 'HRO-TW', description: 'Sozialraum des gewöhnlichen Aufenthalts' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId: string;
}

export class GrantApprovalDto {
  @ApiProperty({ enum: LEGAL_BASIS_CODES, example: '31', description: 'Legal basis (§ SGB VIII)' })
  @IsIn(LEGAL_BASIS_CODES)
  legalBasis: LegalBasis;

  @ApiProperty({ example: 'TR-E', description: 'Any registered provider (Wunsch- und Wahlrecht)' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId: string;

  @ApiPropertyOptional({
    enum: SETTINGS,
    description:
      'Setting der Hilfe (R12). Vorgabe aus der Rechtsgrundlage: §§ 27–31, 35 ambulant, § 32 teilstationär, §§ 33, 34, 42 stationär; bei § 35a und § 41 Pflicht.',
  })
  @ValidateIf((o) => o.setting !== undefined || (LEGAL_BASIS_CODES.includes(o.legalBasis) && defaultSetting(o.legalBasis) === null))
  @IsIn(SETTINGS, { message: SETTING_MESSAGE })
  setting?: Setting;

  @ApiProperty({ example: '2025-01-01' })
  @IsIsoDate()
  start: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Entfällt bei einer unbefristeten Bewilligung' })
  @IsOptional()
  @IsIsoDate()
  end?: string;

  @ApiProperty({ example: '2024-12-15', description: 'Datum des Bescheids (Geschäftsdatum der Bindung)' })
  @IsIsoDate()
  bescheidDate: string;

  @ApiPropertyOptional({ enum: RATE_TYPES, description: 'Vorgabe: die geltende Entgeltvereinbarung' })
  @IsOptional()
  @IsIn(RATE_TYPES)
  rateType?: RateType;

  @ApiPropertyOptional({ example: '65.00', description: 'Je Monat, Fachleistungsstunde oder Tag; Vorgabe aus der Entgeltvereinbarung' })
  @IsOptional()
  @IsAmount()
  rate?: string;

  @ApiPropertyOptional({ example: '20', description: 'Fachleistungsstunden je Monat (rateType hourly)' })
  @IsOptional()
  @Matches(QUANTITY, { message: QUANTITY_MESSAGE })
  hoursPerMonth?: string;

  @ApiPropertyOptional({ example: 'Einzelvereinbarung wegen erhöhten Bedarfs', description: 'Pflicht, wenn das Entgelt von der Entgeltvereinbarung abweicht' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  rateReason?: string;
}

export class ExtendApprovalDto extends CommandBaseDto {
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-06-30', description: 'Neues Ende; null macht die Bewilligung unbefristet' })
  @ValidateIf((o) => o.newEnd !== null)
  @IsIsoDate()
  newEnd: string | null;

  @ApiProperty({ example: 'Hilfeplangespräch: Fortsetzung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  // The scope of the extended period, as a change of scope takes it: one Bescheid, one decision.
  @ApiPropertyOptional({ example: 'TR-F', description: 'Träger im verlängerten Zeitraum; Vorgabe: der Träger zum bisherigen Ende' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId?: string;

  @ApiPropertyOptional({
    example: '66.50',
    description: 'Entgelt im verlängerten Zeitraum (je Monat, Fachleistungsstunde oder Tag); Vorgabe: das Entgelt zum bisherigen Ende',
  })
  @IsOptional()
  @IsAmount()
  rate?: string;

  @ApiPropertyOptional({
    example: '16',
    description: 'Fachleistungsstunden je Monat im verlängerten Zeitraum (rateType hourly); Vorgabe: die Stunden zum bisherigen Ende',
  })
  @IsOptional()
  @Matches(QUANTITY, { message: QUANTITY_MESSAGE })
  hoursPerMonth?: string;

  @ApiPropertyOptional({
    example: 'Einzelvereinbarung',
    description: 'Pflicht, wenn das Entgelt von der Entgeltvereinbarung abweicht, die zu Beginn des verlängerten Zeitraums gilt',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  rateReason?: string;
}

export class ChangeScopeDto extends CommandBaseDto {
  @ApiProperty({ example: '2025-07-01', description: 'Erster Tag des neuen Umfangs (bei Monatspauschale und Fachleistungsstunden ein Monatserster)' })
  @IsIsoDate()
  from: string;

  @ApiPropertyOptional({ example: 'TR-F' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId?: string;

  @ApiPropertyOptional({ example: '66.50' })
  @IsOptional()
  @IsAmount()
  rate?: string;

  @ApiPropertyOptional({ example: '15' })
  @IsOptional()
  @Matches(QUANTITY, { message: QUANTITY_MESSAGE })
  hoursPerMonth?: string;

  @ApiPropertyOptional({ example: 'Einzelvereinbarung' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  rateReason?: string;

  @ApiProperty({ example: 'Hilfeplanfortschreibung: Stundenumfang reduziert' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class TerminateApprovalDto extends CommandBaseDto {
  @ApiProperty({ enum: TERMINATION_REASONS, example: 'abbruch' })
  @IsIn(TERMINATION_REASONS)
  reason: TerminationReason;

  @ApiProperty({ example: '2025-09-30', description: 'Letzter Tag der Hilfe' })
  @IsIsoDate()
  effectiveEnd: string;

  @ApiPropertyOptional({ example: 'Abbruch durch die Familie', description: 'Short note without personal data' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class SubmitInvoiceDto extends CommandBaseDto {
  @ApiProperty({ example: '2025-03', description: 'Leistungsmonat' })
  @IsIsoMonth()
  serviceMonth: string;

  @ApiPropertyOptional({ example: '45', description: 'Geleistete Fachleistungsstunden oder Tage; entfällt bei einer Monatspauschale' })
  @IsOptional()
  @Matches(QUANTITY, { message: QUANTITY_MESSAGE })
  quantity?: string;

  @ApiProperty({ example: 'RE-2025-0315' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  invoiceNumber: string;

  @ApiPropertyOptional({ example: '13003000-HRO-42', description: 'Leitweg-ID der XRechnung' })
  @IsOptional()
  @Matches(/^[0-9]{2,12}(-[0-9A-Za-z]{1,30})?-[0-9]{2}$/, {
    message: localised('muss eine Leitweg-ID wie 13003000-HRO-42 sein.', 'must be a Leitweg-ID such as 13003000-HRO-42.'),
  })
  leitwegId?: string;
}

export class VerifyInvoiceDto extends CommandBaseDto {
  @ApiProperty({ enum: VERIFICATION_STEPS, example: 'sachlich-richtig' })
  @IsIn(VERIFICATION_STEPS)
  step: VerificationStep;
}

export class ReasonedDto extends CommandBaseDto {
  @ApiProperty({ example: 'Doppelte Abrechnung' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class FixKostenbeitragDto extends CommandBaseDto {
  @ApiProperty({ example: 'TW-25-002-B1' })
  @IsString()
  @MaxLength(40)
  approvalId: string;

  @ApiProperty({ example: '180.00' })
  @IsAmount({ allowZero: false })
  monthlyAmount: string;

  @ApiProperty({ example: '2025-03-01' })
  @IsIsoDate()
  from: string;

  @ApiPropertyOptional({ example: '2025-12-31' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class ClaimKostenerstattungDto extends CommandBaseDto {
  @ApiProperty({ example: 'TW-25-002-B1' })
  @IsString()
  @MaxLength(40)
  approvalId: string;

  @ApiProperty({ example: 'LRO-JA', description: 'Das Jugendamt, gegen das der Anspruch geltend gemacht wird' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  debtorAuthority: string;

  @ApiProperty({ example: '2025-04' })
  @IsIsoMonth()
  serviceMonth: string;

  @ApiProperty({ example: '5850.00' })
  @IsAmount({ allowZero: false })
  amount: string;

  @ApiProperty({ example: 'KE-2025-17', description: 'Aktenzeichen des Erstattungsanspruchs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  reference: string;
}
