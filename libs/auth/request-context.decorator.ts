import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { CommandContext, ExpectedVersion } from '../ddd/command-context';
import { todayInBerlin } from '../calendar/calendar';
import { problem, ProblemException } from '../http/problem';
import { HTTP_PROBLEMS } from '../http/http-problems';
import { text } from '../text/text';
import { Principal, organisationOf } from './principal';
import { ApiRequest } from './api-request';

/** Builds the command context (tenant, actor, correlation, business date, If-Match) of a request. */
export function contextFromRequest(request: ApiRequest): CommandContext {
  const principal: Principal | undefined = request.principal;
  if (!principal) throw new Error('no principal on the request: route is not authenticated');
  const ifMatch = request.headers['if-match'];
  let expectedVersion: ExpectedVersion | undefined;
  if (ifMatch !== undefined && ifMatch.trim() === '*') {
    expectedVersion = 'exists';
  } else if (ifMatch !== undefined) {
    const match = /^(?:W\/)?"(\d+)"$/.exec(ifMatch.trim());
    if (!match)
      throw new ProblemException(
        problem(HTTP_PROBLEMS['bad-request'], text('If-Match muss ein ETag wie "3" sein oder *.', 'If-Match must be an ETag such as "3", or *.')),
      );
    expectedVersion = Number(match[1]);
  }
  return {
    tenantId: principal.tenantId,
    actor: { userId: principal.userId, role: request.actingRole ?? principal.roles[0], organisationId: organisationOf(principal), name: principal.name },
    roles: principal.roles,
    providerId: principal.providerId,
    correlationId: request.correlationId ?? request.id,
    causationId: request.id,
    requestId: request.id,
    businessDate: todayInBerlin(),
    expectedVersion,
    commandId: request.commandId,
  };
}

export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): CommandContext => contextFromRequest(context.switchToHttp().getRequest()));
