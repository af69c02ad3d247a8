import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, Matches } from 'class-validator';
import { IsIsoDate, IsOptional } from '../../../libs/http/validators';
import { localised } from '../../../libs/http/validation-messages';

/** The two time axes of every steering query. */
export class BookViewQuery {
  @ApiPropertyOptional({ description: 'Stichtag (Geschäftsdatum): der Stand an diesem Tag, mit allen heute bekannten Korrekturen', example: '2025-08-20' })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'Erfassungszeitpunkt: nur, was bis dahin gebucht war (was das System damals zeigte)',
    example: '2025-08-20T18:00:00+02:00',
  })
  @IsOptional()
  @IsDateString({ strict: true }, { message: localised('muss ein Zeitpunkt nach ISO 8601 sein.', 'must be an ISO 8601 timestamp.') })
  knownAt?: string;

  @ApiPropertyOptional({ description: 'Position im Ereignisprotokoll: nur Ereignisse bis zu dieser Position', example: '1234' })
  @IsOptional()
  @Matches(/^\d{1,18}$/, { message: localised('muss eine Position im Ereignisprotokoll sein (ganze Zahl).', 'must be a global log position (integer).') })
  knownAtPosition?: string;
}

export class CsvQuery extends BookViewQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Dezimalkomma und Semikolon als Trennzeichen (für Excel); false: Dezimalpunkt und Komma',
    default: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  decimalComma?: string;
}
