import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptional } from '../../../libs/http/validators';
import { CODE_MESSAGE, CODE_PATTERN } from '../../shared/identifiers';
import { NOTIFICATION_TYPES } from '../domain/steering.events';
import { CHANNELS, Channel, NotificationType, RECIPIENT_ROLES } from './delivery-rules';

export class NotificationSubscriptionDto {
  @ApiProperty({ enum: CHANNELS, description: 'email: Mail an target; webhook: HTTPS-POST an target, signiert mit secret' })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiProperty({ description: 'E-Mail-Adresse (email) oder HTTPS-Adresse (webhook)', example: 'https://steuerung.example.de/hooks/sozialraumbudget' })
  @IsString()
  @MaxLength(500)
  target: string;

  @ApiProperty({ enum: RECIPIENT_ROLES, description: 'Die Rolle der Empfänger; sie bestimmt, welche Meldungen sie ohne types erhalten', example: 'controller' })
  @IsIn(RECIPIENT_ROLES)
  role: string;

  @ApiPropertyOptional({
    description: 'Nur Meldungen dieses Sozialraums; null oder weggelassen: alle Sozialräume',
    example: 'HRO-TW',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: CODE_MESSAGE })
  sozialraumId?: string;

  @ApiPropertyOptional({
    enum: NOTIFICATION_TYPES,
    isArray: true,
    description: 'Nur diese Meldungsarten (Vorgabe: alle, die die Rolle betreffen)',
    example: ['BudgetWarningRaised'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @IsIn(NOTIFICATION_TYPES, { each: true })
  types?: NotificationType[];

  @ApiPropertyOptional({
    description: 'Nur webhook: Schlüssel der HMAC-Signatur (X-Signature), mindestens 16 Zeichen; wird nie wieder ausgegeben',
    example: 'geheim-und-lang-genug-1234',
  })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret?: string;
}

export class NotificationSubscriptionQuery {
  @ApiPropertyOptional({ description: 'Nur dieses Abonnement', example: '0b6c8f52-3f0e-4d8a-9a41-6c1f2d7e9b10' })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

export class EndSubscriptionDto {
  @ApiProperty({ example: 'Postfach aufgelöst', description: 'Warum das Abonnement endet' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
