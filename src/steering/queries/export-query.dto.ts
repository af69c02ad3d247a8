import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';

/** The CSV switch of a view that has no time axes (the provider's figures come from the read model). */
export class DecimalCommaQuery {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Dezimalkomma und Semikolon als Trennzeichen (für Excel); false: Dezimalpunkt und Komma',
    default: 'true',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  decimalComma?: string;
}
