import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { ApiReply } from '../auth/api-request';
import { Public } from '../auth/public.decorator';
import { Operation } from '../http/contract/operation.decorator';
import { named } from '../http/contract/named-schemas';
import { OneOf, Shape, Static, Type } from '../http/contract/schema-types';
import { HealthCheck } from './health.schemas';
import { liveness, readiness } from './probes';
import { ReadinessChecks } from './readiness-checks';

export const READY_MAX_LAG_SECONDS = Symbol('READY_MAX_LAG_SECONDS');

const Health = named(
  'Health',
  Shape({ status: OneOf(['ok', 'degraded']), live: Type.Boolean(), database: OneOf(['up', 'down']) }),
  'Der Prozess lebt; ob die Datenbank antwortet',
);

/**
 * Health for the orchestrator, public and without a token: liveness (the process answers; a
 * restart would not help otherwise) apart from readiness (it should get traffic now).
 */
@ApiTags('Betrieb')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly checks: ReadinessChecks,
    @Inject(READY_MAX_LAG_SECONDS) private readonly maxLagSeconds: number,
  ) {}

  @Public()
  @Get()
  @Operation({
    summary: 'Lebenszeichen und Erreichbarkeit der Datenbank',
    description:
      'Öffentlich, ohne Token: 200, wenn der Prozess lebt und die Datenbank binnen zwei Sekunden antwortet, sonst 503 mit database: down. Für Orchestrierung getrennt: GET /health/live und GET /health/ready.',
    answer: { status: 200, schema: Health },
    otherAnswers: [{ status: 503, schema: Health, description: 'Die Datenbank antwortet nicht' }],
  })
  async combined(@Res({ passthrough: true }) reply: ApiReply): Promise<Static<typeof Health>> {
    const database = await this.checks.database();
    if (database.database.status === 'up') return { status: 'ok', live: true, database: 'up' };
    reply.status(503);
    return { status: 'degraded', live: true, database: 'down' };
  }

  @Public()
  @Get('live')
  @Operation({
    summary: 'Lebt der Prozess? (liveness)',
    description:
      'Öffentlich, ohne Token: 200, solange der Prozess Anfragen beantwortet; prüft bewusst nicht die Datenbank, damit ihr Ausfall keine Neustarts auslöst.',
    answer: { status: 200, schema: HealthCheck },
  })
  async live() {
    return (await liveness(this.health)).body;
  }

  @Public()
  @Get('ready')
  @Operation({
    summary: 'Ist der Prozess bereit für Anfragen? (readiness)',
    description:
      'Öffentlich, ohne Token: 200, wenn die Datenbank antwortet, keine Migration läuft, keine Projektion neu aufgebaut wird und keine weiter als READY_MAX_LAG_SECONDS hinter dem Protokoll liegt; sonst 503 mit der Prüfung, die scheitert.',
    answer: { status: 200, schema: HealthCheck },
    otherAnswers: [{ status: 503, schema: HealthCheck, description: 'Nicht bereit: error nennt die gescheiterte Prüfung' }],
  })
  async ready(@Res({ passthrough: true }) reply: ApiReply) {
    const answer = await readiness(this.health, this.checks, this.maxLagSeconds);
    reply.status(answer.status);
    return answer.body;
  }
}
