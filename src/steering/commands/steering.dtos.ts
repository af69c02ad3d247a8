import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { localisedText } from '../../../libs/http/validation-messages';
import { text } from '../../../libs/text/text';
import { IsAmount, IsIsoDate, IsIsoMonth, IsOptional } from '../../../libs/http/validators';

export class MonthCloseDto {
  @ApiProperty({ example: '2025-09' })
  @IsIsoMonth()
  month: string;

  @ApiPropertyOptional({ description: 'Tag des Abschlusses (Vorgabe: heute); ein Monat wird nach seinem letzten Tag abgeschlossen', example: '2025-10-09' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class YearCloseDto {
  @ApiProperty({ example: 'Jahresabschluss 2025' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ example: '2026-01-20' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class BusinessDateDto {
  @ApiPropertyOptional({ example: '2026-01-25' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class ParticipantDto {
  @ApiProperty({ example: 'HRO-JA' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  organisationId: string;

  @ApiProperty({ example: 'Amtsleitung Jugend' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  role: string;
}

export class SteeringMeetingDto {
  @ApiProperty({ example: '2025-10-10' })
  @IsIsoDate()
  heldOn: string;

  @ApiProperty({ type: [ParticipantDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  participants: ParticipantDto[];

  @ApiProperty({ example: ['Fallkonferenz zu stationären Hilfen', 'Prüfung ambulanter Alternativen'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  measures: string[];
}

export class SupplementaryRequestDto {
  @ApiProperty({ enum: ['ueberplanmaessig', 'ausserplanmaessig'] })
  @IsIn(['ueberplanmaessig', 'ausserplanmaessig'])
  kind: 'ueberplanmaessig' | 'ausserplanmaessig';

  @ApiProperty({ example: '42000.00' })
  @IsAmount({ allowZero: false })
  amount: string;

  @ApiProperty({ example: 'Unvorhergesehen: drei stationäre Unterbringungen nach § 34; unabweisbar: Rechtsanspruch' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  justification: string;

  @ApiProperty({ example: 'Mehrerträge Gewerbesteuer (Deckungsring HzE)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  coverSource: string;

  @ApiPropertyOptional({ example: '2025-10-15' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class SupplementaryDecisionDto {
  @ApiProperty({ example: 'Oberbürgermeister' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  body: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  approved: boolean;

  @ApiProperty({ example: 'OB-Entscheidung 2025/117' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionReference: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ example: '2025-10-20' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class CloseProcedureDto {
  @ApiProperty({ example: 'Überplanmäßige Mittel bewilligt; Maßnahmen vereinbart' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  outcome: string;

  @ApiPropertyOptional({ example: '2025-11-30' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}

export class KaemmereiReportDto {
  @ApiProperty({ description: 'Zeichen des gesendeten Berichts (Vorlage, Schreiben)', example: 'Vorlage 2025/KÄ-017' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reference: string;

  @ApiPropertyOptional({ description: 'Tag der Sendung (Vorgabe: heute)', example: '2025-06-05' })
  @IsOptional()
  @IsIsoDate()
  reportedOn?: string;
}

/** Up to which log position the caller has read the notifications (PUT /notifications/read-mark). */
export class NotificationReadMarkDto {
  @ApiProperty({ description: 'Protokollposition (position) der neuesten gelesenen Meldung', example: '4711' })
  @IsString()
  @Matches(/^[1-9]\d{0,17}$/, {
    message: localisedText(
      text(
        'muss eine Protokollposition sein (eine positive ganze Zahl, wie position einer Meldung).',
        'must be a log position (a positive integer, as the position of a notification).',
      ),
    ),
  })
  readUpTo: string;
}
