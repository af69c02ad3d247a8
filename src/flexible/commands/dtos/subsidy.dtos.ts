import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsAmount, IsIsoDate } from '../../../../libs/http/validators';
import { localisedText } from '../../../../libs/http/validation-messages';
import { text } from '../../../../libs/text/text';
import { CommandBaseDto } from '../../../../libs/http/command-base.dto';
import { CODE_MESSAGE, CODE_PATTERN } from '../../../shared/identifiers';
import { FLEXIBLE_CATEGORY_CODES, FlexibleCategory } from '../../domain/flexible.events';

export const INSTALMENT_ID_PATTERN = /^R\d{1,2}$/;
export const INSTALMENT_ID_TEXT = text('muss die Kennung einer Rate wie R1 sein.', 'must be an instalment id such as R1.');
const INSTALMENT_ID_MESSAGE = localisedText(INSTALMENT_ID_TEXT);
/** At most weekly instalments over one fiscal year. */
const MAX_INSTALMENTS = 53;

export class InstalmentDto {
  @ApiProperty({ example: '2025-02-03', description: 'Fälligkeit; ihr Monat ist der Zahlungsmonat (R3)' })
  @IsIsoDate()
  dueDate: string;

  @ApiProperty({ example: '6000.00' })
  @IsAmount({ allowZero: false })
  amount: string;
}

export class GrantSubsidyDto extends CommandBaseDto {
  @ApiProperty({ example: 'TR-E' })
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId: string;

  @ApiProperty({ enum: FLEXIBLE_CATEGORY_CODES, example: 'FUE', description: 'fallübergreifend (FUE) oder fallunspezifisch (FU)' })
  @IsIn(FLEXIBLE_CATEGORY_CODES)
  category: FlexibleCategory;

  @ApiProperty({ example: 'Elternkurse', description: 'Zweck der Zuwendung (keine personenbezogenen Daten)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  purpose: string;

  @ApiProperty({ example: '24000.00' })
  @IsAmount({ allowZero: false })
  total: string;

  @ApiProperty({ type: [InstalmentDto], description: 'Ratenplan: Fälligkeiten im Haushaltsjahr, Beträge, die zusammen die Summe ergeben' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INSTALMENTS)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments: InstalmentDto[];
}

export class PaymentOrderDto extends CommandBaseDto {}

export class UsageReportLineDto {
  @ApiProperty({ example: 'R1' })
  @Matches(INSTALMENT_ID_PATTERN, { message: INSTALMENT_ID_MESSAGE })
  instalmentId: string;

  @ApiProperty({ example: '5750.00', description: 'Für den Zweck verwendetes Geld der Rate' })
  @IsAmount()
  spent: string;

  @ApiProperty({ example: 'Zwei Kursreihen mit je 8 Abenden', description: 'Kurze Beschreibung der Verwendung (keine personenbezogenen Daten)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description: string;
}

export class UsageReportDto extends CommandBaseDto {
  @ApiProperty({ type: [UsageReportLineDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_INSTALMENTS)
  @ValidateNested({ each: true })
  @Type(() => UsageReportLineDto)
  lines: UsageReportLineDto[];
}

export class ReclaimDto extends CommandBaseDto {
  @ApiProperty({ example: 'Verwendungsnachweis: 1,249.50 nicht verwendet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ReclaimReceiptDto extends CommandBaseDto {
  @ApiProperty({ example: '1249.50' })
  @IsAmount({ allowZero: false })
  amount: string;
}
