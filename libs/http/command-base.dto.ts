import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIsoDate, IsOptional } from './validators';

/** What every command body may carry: the business date it is decided on. */
export class CommandBaseDto {
  @ApiPropertyOptional({ description: 'Geschäftsdatum (Datum des Bescheids oder der Entscheidung); Vorgabe: heute (Europe/Berlin)', example: '2025-01-10' })
  @IsOptional()
  @IsIsoDate()
  businessDate?: string;
}
