import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery } from '../../../libs/http/pagination';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';

export class BudgetListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ example: 'HRO-TW' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId?: string;

  @ApiPropertyOptional({ enum: ['planned', 'open', 'closed'] })
  @IsOptional()
  @IsIn(['planned', 'open', 'closed'])
  status?: string;
}
