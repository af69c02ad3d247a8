import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ProjectionRunner } from '../../../libs/event-store/nest/projection-runner';
import { Operation } from '../../../libs/http/contract/operation.decorator';
import { named } from '../../../libs/http/contract/named-schemas';
import { Nullable, Shape, Static, Type } from '../../../libs/http/contract/schema-types';

const ProjectionStatusList = named(
  'ProjectionStatusList',
  Type.Array(
    Shape({
      name: Type.String(),
      active: Type.Boolean({ description: 'Ob dieser Prozess die Projektion gerade fortschreibt' }),
      status: Type.String(),
      checkpoint: Shape({ transactionId: Type.String(), position: Type.String() }),
      lagEvents: Type.Integer({ description: 'Ereignisse im Protokoll nach dem Checkpoint' }),
      lagSeconds: Type.Number({ description: 'Alter des ältesten noch nicht verarbeiteten Ereignisses in Sekunden (0, wenn aufgeholt)' }),
      rebuild: Nullable(
        Shape(
          {
            done: Type.Integer({ description: 'Bereits wieder eingespielte Ereignisse' }),
            total: Type.Integer({ description: 'Ereignisse, die der Neuaufbau einspielt' }),
          },
          { description: 'Fortschritt, solange die Projektion neu aufgebaut wird (status rebuilding); sonst null' },
        ),
      ),
    }),
  ),
  'Die Projektionen mit Checkpoint und Rückstand',
);

@ApiTags('Betrieb')
@ApiBearerAuth()
@Controller('ops')
export class OpsController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get('projections')
  @Operation({
    summary: 'Stand der Projektionen',
    description:
      'Je Projektion (Lesemodell) der Checkpoint im Ereignisprotokoll, der Rückstand in Ereignissen und Sekunden und während eines Neuaufbaus dessen Fortschritt; für den Betrieb und die Rechnungsprüfung.',
    answer: { status: 200, schema: ProjectionStatusList },
  })
  async projectionStatus(): Promise<Static<typeof ProjectionStatusList>> {
    return this.projections.status();
  }
}
