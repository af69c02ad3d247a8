import { Module } from '@nestjs/common';
import { MasterDataModule } from '../master-data';
import { SteeringModule } from '../steering';
import { DemoSeed } from './demo-seed';

/** The demo tenant a fresh installation starts with (npm run seed:demo, or npm start on an empty database). */
@Module({
  imports: [MasterDataModule, SteeringModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
