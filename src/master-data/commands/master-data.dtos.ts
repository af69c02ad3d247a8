import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsAmount, IsIsoDate, IsOptional } from '../../../libs/http/validators';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { LEGAL_BASIS_CODES, LegalBasis, RATE_TYPES, RateType } from '../../shared/legal-basis';
import { LEGAL_FORMS, LegalForm } from '../domain/provider';

export class RegisterSozialraumDto {
  @ApiProperty({ example: 'HRO-TW', description: 'Kürzel des Sozialraums' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId: string;

  @ApiProperty({ example: 'Toitenwinkel' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ example: 14200, description: 'Einwohner (statistics office)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  residents?: number;

  @ApiPropertyOptional({ example: 2900, description: 'Einwohner unter 21 Jahren' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  residentsUnder21?: number;

  @ApiPropertyOptional({ example: '2024-01-01', description: 'Gültig ab (Vorgabe: heute)' })
  @IsOptional()
  @IsIsoDate()
  validFrom?: string;
}

export class ChangeSozialraumDto {
  @ApiPropertyOptional({ example: 'Toitenwinkel' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: 14350 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  residents?: number;

  @ApiPropertyOptional({ example: 2950 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  residentsUnder21?: number;

  @ApiProperty({ example: '2026-01-01' })
  @IsIsoDate()
  validFrom: string;

  @ApiProperty({ example: 'Einwohnerstatistik 31.12.2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class FormTraegerverbundDto {
  @ApiProperty({ example: 'TR-E', description: 'Federführender Träger' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  leadProviderId: string;

  @ApiProperty({ example: ['TR-F', 'TR-G'], type: [String] })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(CODE_PATTERN, { each: true, message: `memberProviderIds ${CODE_MESSAGE}` })
  memberProviderIds: string[];

  @ApiProperty({ example: '2025-01-01' })
  @IsIsoDate()
  effectiveFrom: string;
}

export class RegisterProviderDto {
  @ApiProperty({ example: 'TR-E' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId: string;

  @ApiProperty({ example: 'Jugendhilfe Nordost e.V.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS, example: 'e.V.', default: 'sonstige' })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;
}

export class ChangeProviderDto {
  @ApiPropertyOptional({ example: 'Jugendhilfe Nordost gGmbH' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: LEGAL_FORMS, example: 'gGmbH' })
  @IsOptional()
  @IsIn(LEGAL_FORMS)
  legalForm?: LegalForm;

  @ApiProperty({ example: 'Umwandlung in gGmbH laut Handelsregister' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ConcludeRateAgreementDto {
  @ApiProperty({ enum: LEGAL_BASIS_CODES, example: '31', description: 'Hilfeart nach ihrer Rechtsgrundlage (§ SGB VIII)' })
  @IsIn(LEGAL_BASIS_CODES)
  legalBasis: LegalBasis;

  @ApiProperty({ enum: RATE_TYPES, example: 'hourly', description: 'monthly (Monatspauschale), hourly (Fachleistungsstunde), daily (Tagessatz)' })
  @IsIn(RATE_TYPES)
  rateType: RateType;

  @ApiProperty({ example: '62.50', description: 'Entgelt je Monat, Stunde oder Tag; positiv (ein Entgelt von 0.00 wird abgelehnt)' })
  @IsAmount({ allowZero: false })
  amount: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsIsoDate()
  validFrom: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Einschließlich; entfällt, solange kein Ende vereinbart ist' })
  @IsOptional()
  @IsIsoDate()
  validTo?: string;

  @ApiPropertyOptional({ example: 'EV 2025/31-07', description: 'Zeichen der unterschriebenen Vereinbarung' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reference?: string;
}

export class EndRateAgreementDto {
  @ApiProperty({ example: '2025-06-30' })
  @IsIsoDate()
  validTo: string;

  @ApiProperty({ example: 'Neuverhandlung zum 01.07.2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
