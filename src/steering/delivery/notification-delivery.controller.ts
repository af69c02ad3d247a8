import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../libs/auth/request-context.decorator';
import { CommandContext } from '../../../libs/ddd/command-context';
import { Operation } from '../../../libs/http/contract/operation.decorator';
import { STEERING_PROBLEMS } from '../steering.problems';
import { EndSubscriptionDto, NotificationSubscriptionDto, NotificationSubscriptionQuery } from './delivery.dtos';
import { PatternPipe } from '../../../libs/http/param-pipes';
import { text } from '../../../libs/text/text';
import { DeadLetterList, NotificationSubscription, NotificationSubscriptionList } from './delivery.schemas';
import { NotificationSubscriptions } from './notification-subscriptions';

const subscriptionParam = new PatternPipe(
  'subscriptionId',
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  text('muss die Kennung eines Abonnements (UUID) sein.', 'must be the id (UUID) of a subscription.'),
);

@ApiTags('Steuerung')
@ApiBearerAuth()
@Controller()
export class NotificationDeliveryController {
  constructor(private readonly subscriptions: NotificationSubscriptions) {}

  @Post('notification-subscriptions')
  @Operation({
    summary: 'Zustellung von Meldungen der Steuerung abonnieren',
    description:
      'Legt fest, wer Meldungen der Steuerung (Schwellenüberschreitungen, Verfahren, Jahresabrechnungen …) zugestellt bekommt: per E-Mail (SMTP) an eine Adresse oder per Webhook (HTTPS-POST, Rumpf mit HMAC-SHA256 im Kopf X-Signature: sha256=<hex> signiert, Idempotency-Key und X-Notification-Id nennen die Kennung der Meldung, auf die der Empfänger dedupliziert). Je Rolle der Empfänger (sie bestimmt die Meldungsarten ohne types) und wahlweise nur ein Sozialraum. Zugestellt wird, was nach dem Anlegen gebucht wird; Fehlschläge werden mit wachsendem Abstand wiederholt, nach dem letzten Versuch steht die Meldung unter GET /notifications/dead-letters. Adressen sind Konfiguration, kein Ereignis des Protokolls.',
    answer: { status: 201, schema: NotificationSubscription, location: '/notification-subscriptions?subscriptionId={subscriptionId}' },
    refusals: [STEERING_PROBLEMS['subscription-target-invalid'], STEERING_PROBLEMS['subscription-types-not-for-role']],
  })
  create(@Ctx() ctx: CommandContext, @Body() dto: NotificationSubscriptionDto) {
    return this.subscriptions.create(ctx, dto);
  }

  @Post('notification-subscriptions/:subscriptionId/ending')
  @HttpCode(200)
  @Operation({
    summary: 'Abonnement der Meldungszustellung beenden',
    description:
      'Beendet ein Abonnement mit Begründung: danach wird ihm nichts mehr zugestellt, und was für es noch wartete, wird verworfen (cancelled), nicht mehr versucht. Das Abonnement bleibt mit endedAt und endReason in der Liste.',
    answer: { status: 200, schema: NotificationSubscription },
    refusals: [STEERING_PROBLEMS['subscription-not-found'], STEERING_PROBLEMS['subscription-ended']],
  })
  end(@Ctx() ctx: CommandContext, @Param('subscriptionId', subscriptionParam) subscriptionId: string, @Body() dto: EndSubscriptionDto) {
    return this.subscriptions.end(ctx, subscriptionId, dto.reason);
  }

  @Get('notification-subscriptions')
  @Operation({
    summary: 'Abonnements der Meldungszustellung auflisten',
    description:
      'Die Abonnements des Mandanten mit Kanal, Empfänger, Rolle, Sozialraum und Meldungsarten; Signaturschlüssel werden nie ausgegeben. Reihenfolge: nach Anlagezeitpunkt.',
    answer: { status: 200, schema: NotificationSubscriptionList },
  })
  list(@Ctx() ctx: CommandContext, @Query() query: NotificationSubscriptionQuery) {
    return this.subscriptions.list(ctx, query.subscriptionId);
  }

  @Get('notifications/dead-letters')
  @Operation({
    summary: 'Nicht zustellbare Meldungen auflisten',
    description:
      'Die Meldungen, deren Zustellung nach allen Versuchen gescheitert ist (Empfänger nicht erreichbar, abgelehnt, Abonnement entfernt), mit Zahl der Versuche und letztem Fehler; höchstens 500. Reihenfolge: nach Anlagezeitpunkt, neueste zuerst.',
    answer: { status: 200, schema: DeadLetterList },
  })
  deadLetters(@Ctx() ctx: CommandContext) {
    return this.subscriptions.deadLetters(ctx);
  }
}
