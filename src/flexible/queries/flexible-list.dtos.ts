import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery } from '../../../libs/http/pagination';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { FLEXIBLE_CATEGORY_CODES, FlexibleCategory } from '../domain/flexible.events';

class FlexibleListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'HRO-TW' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId?: string;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ example: 'TR-E', description: 'Nutzer eines Trägers sehen immer nur den eigenen Träger' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  providerId?: string;

  @ApiPropertyOptional({ enum: FLEXIBLE_CATEGORY_CODES })
  @IsOptional()
  @IsIn(FLEXIBLE_CATEGORY_CODES)
  category?: FlexibleCategory;
}

export const SUBSIDY_STATUSES = ['granted', 'reclaimed'] as const;
export const ACTIVITY_STATUSES = ['reported', 'approved', 'rejected', 'settled'] as const;

export class SubsidyListQuery extends FlexibleListQuery {
  @ApiPropertyOptional({ enum: SUBSIDY_STATUSES })
  @IsOptional()
  @IsIn(SUBSIDY_STATUSES)
  status?: string;
}

export class ActivityListQuery extends FlexibleListQuery {
  @ApiPropertyOptional({ enum: ACTIVITY_STATUSES })
  @IsOptional()
  @IsIn(ACTIVITY_STATUSES)
  status?: string;
}
