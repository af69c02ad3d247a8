import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsAmount, IsIsoDate, IsOptional } from '../../../libs/http/validators';
import { BUDGET_CATEGORIES, BudgetCategory } from '../../shared/budget-category';
import { CommandBaseDto } from '../../../libs/http/command-base.dto';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { LEGAL_BASIS_CODES, LegalBasis } from '../../shared/legal-basis';

export class PlannedAmountsDto {
  @ApiProperty({ example: '130000.00', description: 'fallspezifisch' })
  @IsAmount()
  FS: string;

  @ApiProperty({ example: '30000.00', description: 'fallübergreifend' })
  @IsAmount()
  FUE: string;

  @ApiProperty({ example: '40000.00', description: 'fallunspezifisch' })
  @IsAmount()
  FU: string;
}

export class AllocateBudgetDto extends CommandBaseDto {
  @ApiProperty({ example: 'HRO-TW' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @ApiProperty({ type: PlannedAmountsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PlannedAmountsDto)
  planned: PlannedAmountsDto;

  @ApiPropertyOptional({ example: 'BV 2024/BV/5123', description: 'Beschluss der Haushaltssatzung' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionReference?: string;

  @ApiProperty({ example: 'Haushaltssatzung 2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ReasonDto extends CommandBaseDto {
  @ApiProperty({ example: 'Haushaltssatzung rechtskräftig' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class AmendBudgetDto extends CommandBaseDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'FUE' })
  @IsIn(BUDGET_CATEGORIES)
  category: BudgetCategory;

  @ApiProperty({ example: '35000.00', description: 'Neuer geplanter Betrag der Kategorie' })
  @IsAmount()
  amount: string;

  @ApiProperty({ example: 'Nachtragshaushalt: zusätzliche Gruppenangebote' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ example: 'BV 2025/BV/0815', description: 'Beschluss der Vertretung zum Nachtrag' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionReference: string;
}

export class ProposeReallocationDto extends CommandBaseDto {
  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'FUE' })
  @IsIn(BUDGET_CATEGORIES)
  from: BudgetCategory;

  @ApiProperty({ enum: BUDGET_CATEGORIES, example: 'FU' })
  @IsIn(BUDGET_CATEGORIES)
  to: BudgetCategory;

  @ApiProperty({ example: '5000.00' })
  @IsAmount({ allowZero: false })
  amount: string;

  @ApiProperty({ example: 'Mehr offene Jugendarbeit im Jugendtreff' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class FreezeDto extends CommandBaseDto {
  @ApiProperty({ enum: ['FUE', 'FU'], isArray: true, example: ['FUE', 'FU'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @ArrayUnique()
  @IsIn(BUDGET_CATEGORIES, { each: true })
  categories: BudgetCategory[];

  @ApiProperty({ example: 'Haushaltssperre nach § 29 GemHVO-Doppik' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ApprovalLimitDto {
  @ApiProperty({ example: 'Oberbürgermeister' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  body: string;

  @ApiProperty({ type: String, example: '50000.00', nullable: true, description: 'null beim Gremium, das über alles darüber entscheidet' })
  @IsOptional({ nullable: true })
  @IsAmount()
  upTo: string | null;
}

export class ContractTermsDto {
  @ApiPropertyOptional({ example: '5' }) @IsOptional() @IsString() @MaxLength(6) corridorPct?: string;
  @ApiPropertyOptional({ example: '100' }) @IsOptional() @IsString() @MaxLength(6) warningThresholdPct?: string;
  @ApiPropertyOptional({ example: '105' }) @IsOptional() @IsString() @MaxLength(6) procedureThresholdPct?: string;
  @ApiPropertyOptional({ example: '110' }) @IsOptional() @IsString() @MaxLength(6) renegotiationThresholdPct?: string;
  @ApiPropertyOptional({ example: '50' }) @IsOptional() @IsString() @MaxLength(6) providerSharePct?: string;
  @ApiPropertyOptional({ enum: ['flexible-budget', 'total-budget'] }) @IsOptional() @IsIn(['flexible-budget', 'total-budget']) malusCapBasis?:
    'flexible-budget' | 'total-budget';
  @ApiPropertyOptional({ example: '10' }) @IsOptional() @IsString() @MaxLength(6) malusCapPct?: string;
  @ApiPropertyOptional({ example: '50' }) @IsOptional() @IsString() @MaxLength(6) carryForwardSharePct?: string;
  @ApiPropertyOptional({ example: '10' }) @IsOptional() @IsString() @MaxLength(6) carryForwardCapPct?: string;
  @ApiPropertyOptional({ example: '300.00' }) @IsOptional() @IsAmount({ allowZero: false }) highCostDailyRateThreshold?: string;
  @ApiPropertyOptional({ example: ['42'], enum: LEGAL_BASIS_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsIn(LEGAL_BASIS_CODES, { each: true })
  excludedLegalBases?: LegalBasis[];
  @ApiPropertyOptional({ example: 9 }) @IsOptional() @IsInt() @Min(1) @Max(12) underrunReviewMonth?: number;
  @ApiPropertyOptional({ type: [ApprovalLimitDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ApprovalLimitDto)
  supplementaryApprovalLimits?: ApprovalLimitDto[];
}

export class ConcludeContractVersionDto {
  @ApiProperty({ example: '2025-01-01' })
  @IsIsoDate()
  effectiveFrom: string;

  @ApiProperty({ type: ContractTermsDto, description: 'Parameter, die von den Vorgaben des Regelwerks abweichen; nicht genannte erhalten die Vorgabe' })
  @IsObject()
  @ValidateNested()
  @Type(() => ContractTermsDto)
  terms: ContractTermsDto;

  @ApiPropertyOptional({ example: 'Kooperationsvertrag Sozialraum Toitenwinkel, § 7' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  decisionReference?: string;

  @ApiProperty({ example: 'Sozialraumbudgetvertrag 2025–2027' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
