import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BudgetsModule } from '../budgets';
import { MasterDataModule } from '../master-data';
import { steeringCommandHandlers } from './commands/handlers';
import { NotificationsController } from './notifications.controller';
import { ThresholdWatch } from './process-managers/threshold-watch';
import { NotificationsProjection } from './projections/notifications.projection';
import { ForecastTimelineProjection } from './projections/forecast-timeline.projection';
import { UtilisationProjection } from './projections/utilisation.projection';
import { MonthClosesQuery } from './queries/month-closes.query';
import { NotificationsQuery } from './queries/notifications.query';
import { ProviderFiguresQuery } from './queries/provider-figures.query';
import { SteeringQueries } from './queries/steering-queries';
import { SozialraumYearReplay } from './replay/sozialraum-year-replay';
import { SteeringController } from './steering.controller';
import { NotificationReadMarks } from './read-marks/notification-read-marks';
import { YearEndWork } from './year-end-work';
import { NotificationDeliveryController } from './delivery/notification-delivery.controller';
import { NotificationDispatcher } from './delivery/notification-dispatcher';
import { NotificationOutboxProjection } from './delivery/outbox.projection';
import { NotificationSubscriptions } from './delivery/notification-subscriptions';
import { SettlementEvaluations } from './settlement-evaluations';
import { ReminderScheduler } from './reminders/reminder-scheduler';

@Module({
  imports: [BudgetsModule, MasterDataModule, DiscoveryModule],
  controllers: [SteeringController, NotificationsController, NotificationDeliveryController],
  providers: [
    SozialraumYearReplay,
    SteeringQueries,
    MonthClosesQuery,
    ...steeringCommandHandlers,
    YearEndWork,
    NotificationsQuery,
    NotificationReadMarks,
    ProviderFiguresQuery,
    ThresholdWatch,
    UtilisationProjection,
    NotificationsProjection,
    ForecastTimelineProjection,
    NotificationSubscriptions,
    NotificationOutboxProjection,
    NotificationDispatcher,
    SettlementEvaluations,
    ReminderScheduler,
  ],
  exports: [SozialraumYearReplay, SteeringQueries, SettlementEvaluations],
})
export class SteeringModule {}
