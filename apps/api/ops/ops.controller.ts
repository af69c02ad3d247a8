import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsumerStatus, ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';

@ApiTags('Betrieb')
@ApiBearerAuth()
@Controller('ops')
export class OpsController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get('projections')
  @ApiOperation({ summary: 'Projection consumers: checkpoint and lag (events and seconds behind the log)' })
  async projectionStatus(): Promise<ConsumerStatus[]> {
    return this.projections.status();
  }
}
