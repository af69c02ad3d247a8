import { Module } from '@nestjs/common';
import { MasterDataModule } from '../master-data';
import { FinanzverfahrenController } from './finanzverfahren.controller';
import { FinanzverfahrenService } from './finanzverfahren.service';
import { PaymentOrdersProjection } from './projections/payment-orders.projection';

/** The interface to the municipal Finanzverfahren: payment orders out in batches, payments back. */
@Module({
  imports: [MasterDataModule],
  controllers: [FinanzverfahrenController],
  providers: [FinanzverfahrenService, PaymentOrdersProjection],
})
export class FinanzverfahrenModule {}
