import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CommandBaseDto } from '../../libs/http/command-base.dto';
import { localised } from '../../libs/http/validation-messages';
import { IsIsoDate, IsOptional } from '../../libs/http/validators';
import { BUDGET_CATEGORIES } from '../shared/budget-category';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { LEGAL_BASIS_CODES } from '../shared/legal-basis';

const ACCOUNT = /^[0-9A-Z.-]{1,20}$/;
const ACCOUNT_MESSAGE = localised(
  'muss eine Kontonummer aus Ziffern, Großbuchstaben, Punkt oder Bindestrich sein, etwa "533100".',
  'must be an account number, e.g. "533100".',
);

export class AccountRuleDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'FS' })
  @IsIn(BUDGET_CATEGORIES)
  category: 'FS' | 'FUE' | 'FU';

  @ApiPropertyOptional({ enum: LEGAL_BASIS_CODES, example: '34', description: 'Nur für diese Rechtsgrundlage; ohne: für die ganze Kategorie' })
  @IsOptional()
  @IsIn(LEGAL_BASIS_CODES)
  legalBasis?: string;

  @ApiProperty({ example: '533100', description: 'Sachkonto im Finanzverfahren' })
  @Matches(ACCOUNT, { message: ACCOUNT_MESSAGE })
  sachkonto: string;
}

export class CreditorDto {
  @ApiProperty({ example: 'TR-E' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId: string;

  @ApiProperty({ example: '700123', description: 'Kreditorennummer des Trägers im Finanzverfahren' })
  @Matches(ACCOUNT, { message: ACCOUNT_MESSAGE })
  creditorNumber: string;
}

export class ConfigureFinanzverfahrenDto extends CommandBaseDto {
  @ApiProperty({ example: '2025-01-01', description: 'Ab wann diese Zuordnung gilt (für Anordnungen ab diesem Tag)' })
  @IsIsoDate()
  effectiveFrom: string;

  @ApiProperty({ example: '363', description: 'Produkt des Haushalts (363: Kinder- und Jugendhilfe)' })
  @Matches(/^\d{3,8}$/, { message: localised('muss eine Produktnummer aus Ziffern sein, etwa "363".', 'must be a product number, e.g. "363".') })
  produkt: string;

  @ApiProperty({ type: [AccountRuleDto], description: 'Sachkonten je Kategorie, genauer je Rechtsgrundlage' })
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AccountRuleDto)
  accounts: AccountRuleDto[];

  @ApiProperty({ type: [CreditorDto] })
  @IsArray()
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => CreditorDto)
  creditors: CreditorDto[];

  @ApiProperty({ example: 'Kontenrahmen 2025 laut Kämmerei' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ExportBatchDto extends CommandBaseDto {}

export class ImportFeedbackDto extends CommandBaseDto {
  @ApiProperty({
    example: 'Anordnungsnummer;Bezahlt am;Belegnummer;Betrag\nAO-2025-000001;10.02.2025;FV-2025-88121;1.300,00\n',
    description: 'Der Inhalt der Rückmeldedatei des Finanzverfahrens: Anordnungsnummer, Bezahlt am, Belegnummer, Betrag; „;“ getrennt, Dezimalkomma',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5_000_000)
  csv: string;
}
