import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CommandBaseDto } from '../../libs/http/command-base.dto';
import { localised } from '../../libs/http/validation-messages';
import { IsAmount, IsIsoDate, IsOptional } from '../../libs/http/validators';
import { AGGREGATIONS, Aggregation, DIRECTIONS, Direction, INDICATOR_UNITS, IndicatorUnit, REPORTERS, Reporter } from './domain/indicator-catalogue';
import { REPORT_PERIOD } from './domain/reported-values';

const INDICATOR_KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const INDICATOR_KEY_MESSAGE = localised(
  'muss ein Schlüssel aus Kleinbuchstaben, Ziffern und Bindestrichen sein, etwa "teilnehmende-fu".',
  'must be a key of lower-case letters, digits and hyphens, e.g. "teilnehmende-fu".',
);
/** Indicator values: non-negative decimals with at most 2 places, as every figure is shown (rates, counts, euros, months). */
const VALUE = /^\d{1,9}(\.\d{1,2})?$/;
const VALUE_MESSAGE = localised(
  'muss eine nicht negative Dezimalzahl als Text mit höchstens zwei Nachkommastellen sein, etwa "60.00" oder "1200".',
  'must be a non-negative decimal string with at most 2 decimals, e.g. "60.00" or "1200".',
);
const WEIGHT = /^(?!0+(\.0+)?$)\d{1,4}(\.\d{1,2})?$/;
const WEIGHT_MESSAGE = localised('muss eine positive Dezimalzahl als Text sein, etwa "40".', 'must be a positive decimal string, e.g. "40".');
const PERCENT = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
const PERCENT_MESSAGE = localised('muss ein Prozentsatz von 0 bis 100 als Text sein, etwa "50".', 'must be a percentage from 0 to 100 as a string, e.g. "50".');

export class DefineIndicatorDto extends CommandBaseDto {
  @ApiProperty({ example: 'teilnehmende-fu' })
  @Matches(INDICATOR_KEY, { message: INDICATOR_KEY_MESSAGE })
  @MaxLength(60)
  key: string;

  @ApiProperty({ example: 'Teilnehmende an fallunspezifischen Angeboten' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Summe der Teilnahmen an fallunspezifischen Angeboten des Trägerverbunds im Zeitraum, gemeldet je Quartal.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  definition: string;

  @ApiProperty({ enum: INDICATOR_UNITS, example: 'count' })
  @IsIn(INDICATOR_UNITS)
  unit: IndicatorUnit;

  @ApiProperty({ enum: DIRECTIONS, example: 'higher-is-better' })
  @IsIn(DIRECTIONS)
  direction: Direction;

  @ApiProperty({ enum: AGGREGATIONS, example: 'sum', description: 'Wie die gemeldeten Werte der Zeiträume zum Jahreswert werden' })
  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  @ApiProperty({ enum: REPORTERS, isArray: true, example: ['provider'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(REPORTERS, { each: true })
  reportedBy: Reporter[];

  @ApiProperty({
    example: true,
    description: 'R8: false, wenn eine Verbesserung weniger oder billigere Rechtsansprüche bedeutet; dann nur beobachtet, nie gewichtet',
  })
  @IsIn([true, false])
  incentivisable: boolean;

  @ApiProperty({ example: '2025-01-01', description: 'Ab wann diese Fassung gilt' })
  @IsIsoDate()
  effectiveFrom: string;
}

export class ReportValueDto extends CommandBaseDto {
  @ApiProperty({ example: 'teilnehmende-fu' })
  @Matches(INDICATOR_KEY, { message: INDICATOR_KEY_MESSAGE })
  indicatorKey: string;

  @ApiProperty({ example: '2025-Q1', description: 'Quartal (JJJJ-Q1 … Q4) oder Monat (JJJJ-MM)' })
  @Matches(REPORT_PERIOD, {
    message: localised('muss ein Quartal wie "2025-Q1" oder ein Monat wie "2025-03" sein.', 'must be a quarter like "2025-Q1" or a month like "2025-03".'),
  })
  period: string;

  @ApiProperty({ example: '410' })
  @Matches(VALUE, { message: VALUE_MESSAGE })
  value: string;

  @ApiProperty({ example: 'Jugendtreff, Elternkurse, Stadtteilfest', description: 'Ohne personenbezogene Angaben' })
  @IsString()
  @MaxLength(1000)
  note: string;

  @ApiPropertyOptional({ example: 'MW-2025-1', description: 'Bei einer Berichtigung: die ersetzte Meldung' })
  @IsOptional()
  @Matches(/^MW-\d{4}-\d{1,6}$/, { message: localised('muss eine Meldung wie "MW-2025-1" nennen.', 'must name a report like "MW-2025-1".') })
  corrects?: string;

  @ApiPropertyOptional({ example: 'Nachmeldung des Jugendtreffs', description: 'Pflicht bei einer Berichtigung' })
  @ValidateIf((o) => o.corrects !== undefined || o.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class WeightedIndicatorDto {
  @ApiProperty({ example: 'planmaessig-beendet' })
  @Matches(INDICATOR_KEY, { message: INDICATOR_KEY_MESSAGE })
  indicatorKey: string;

  @ApiProperty({ example: '60.00' })
  @Matches(VALUE, { message: VALUE_MESSAGE })
  baseline: string;

  @ApiProperty({ example: '70.00' })
  @Matches(VALUE, { message: VALUE_MESSAGE })
  target: string;

  @ApiProperty({ example: '40' })
  @Matches(WEIGHT, { message: WEIGHT_MESSAGE })
  weight: string;
}

export class BonusRuleDto {
  @ApiPropertyOptional({ example: '5', description: 'Topf als % des flexiblen Budgets (FÜ + FU nach Umschichtungen); entweder dies oder poolAmount' })
  @ValidateIf((o) => o.poolAmount === undefined)
  @Matches(PERCENT, { message: PERCENT_MESSAGE })
  poolPercentOfFlexibleBudget?: string;

  @ApiPropertyOptional({ example: '3500.00', description: 'Topf als fester Betrag' })
  @ValidateIf((o) => o.poolPercentOfFlexibleBudget === undefined)
  @IsAmount({ allowZero: true })
  poolAmount?: string;

  @ApiPropertyOptional({ example: '50', description: 'Mindestpunktzahl in % für jede Prämie (Vorgabe 50)' })
  @IsOptional()
  @Matches(PERCENT, { message: PERCENT_MESSAGE })
  minimumScorePct?: string;
}

export class ProposeTargetAgreementDto extends CommandBaseDto {
  @ApiProperty({ type: [WeightedIndicatorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => WeightedIndicatorDto)
  indicators: WeightedIndicatorDto[];

  @ApiProperty({ type: BonusRuleDto })
  @IsObject()
  @ValidateNested()
  @Type(() => BonusRuleDto)
  bonus: BonusRuleDto;

  @ApiProperty({ example: 'Zielvereinbarung 2025 nach Steuerungsrunde' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class AnswerTargetAgreementDto extends CommandBaseDto {
  @ApiPropertyOptional({ example: 'einverstanden' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class ImportStatisticsDto extends CommandBaseDto {
  @ApiProperty({
    example: 'Sozialraum;Stichtag;Einwohner;Einwohner unter 21;SGB-II-Quote\nHRO-TW;01.01.2025;14.200;2.600;12,4\n',
    description:
      'Der Inhalt der CSV-Datei des Statistikamts: Trennzeichen „;“, deutsche Spaltenköpfe (Sozialraum, Stichtag, Einwohner, Einwohner unter 21, weitere Kennzahlen), Dezimalkomma, eine Zeile je Sozialraum und Stichtag',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2_000_000)
  csv: string;
}
