import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsAmount, IsIsoDate, IsOptional } from '../../../../libs/http/validators';
import { CommandBaseDto } from '../../../../libs/http/command-base.dto';
import { FLEXIBLE_CATEGORY_CODES, FlexibleCategory } from '../../domain/flexible.events';

export class ReportActivityDto extends CommandBaseDto {
  @ApiProperty({ enum: FLEXIBLE_CATEGORY_CODES, example: 'FU' })
  @IsIn(FLEXIBLE_CATEGORY_CODES)
  category: FlexibleCategory;

  @ApiProperty({ example: '2025-06-14', description: 'Tag der Aktivität; sein Monat ist der Monat der Bindung und Ausgabe (R3)' })
  @IsIsoDate()
  activityDate: string;

  @ApiProperty({ example: '2800.00', description: 'Planned cost' })
  @IsAmount({ allowZero: false })
  amount: string;

  @ApiProperty({ example: 'Stadtteilfest Toitenwinkel', description: 'Short description (no personal data)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  description: string;

  @ApiPropertyOptional({ example: 'Angebot TR-E 2025/17', description: 'Zeichen eines Angebots oder anderen Belegs' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  evidenceReference?: string;
}

export class ApproveActivityDto extends CommandBaseDto {
  @ApiPropertyOptional({ example: '2800.00', description: 'Bewilligter Betrag; Vorgabe: der gemeldete Betrag, nie mehr' })
  @IsOptional()
  @IsAmount({ allowZero: false })
  amount?: string;
}

export class RejectActivityDto extends CommandBaseDto {
  @ApiProperty({ example: 'Angebot liegt außerhalb des Sozialraums' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class ActualReportDto extends CommandBaseDto {
  @ApiProperty({ example: '2800.00', description: 'Was die Aktivität gekostet hat; höchstens der bewilligte Betrag' })
  @IsAmount()
  amount: string;
}
