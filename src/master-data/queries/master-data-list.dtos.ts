import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery } from '../../../libs/http/pagination';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';

export class SozialraumListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'TR-E', description: 'Only Sozialräume whose Trägerverbund this provider leads' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  leadProviderId?: string;
}

export class ProviderListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Nordost', description: 'Part of the name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}
