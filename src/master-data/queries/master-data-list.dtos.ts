import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { PageQuery } from '../../../libs/http/pagination';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';

export class SozialraumListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'TR-E', description: 'Nur Sozialräume, deren Trägerverbund dieser Träger federführend leitet' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  leadProviderId?: string;
}

export class ProviderListQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'Nordost', description: 'Teil des Namens (ohne Unterscheidung von Groß- und Kleinschreibung)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContains?: string;
}
