import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, Matches } from 'class-validator';
import { IsIsoDate, IsOptional } from '../../../libs/http/validators';

/** The two time axes of every steering query. */
export class BookViewQuery {
  @ApiPropertyOptional({ description: 'Business date: the state on that day, with all corrections known now', example: '2025-08-20' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Recorded time: only what had been recorded by then (what the system showed)', example: '2025-08-20T18:00:00+02:00' })
  @IsOptional()
  @IsDateString({ strict: true }, { message: 'must be an ISO 8601 timestamp' })
  knownAt?: string;

  @ApiPropertyOptional({ description: 'Log position: only events up to this global position', example: '1234' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: 'must be a global log position (integer)' })
  knownAtPosition?: string;
}

export class CsvQuery extends BookViewQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Decimal comma and semicolon separator (German Excel)', default: 'true' })
  @IsOptional()
  @IsIn(['true', 'false'])
  decimalComma?: string;
}
