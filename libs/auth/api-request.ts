import type { FastifyReply, FastifyRequest } from 'fastify';
import { Principal } from './principal';

/** A request as the API's guards and interceptors leave it: who sent it and what it belongs to. */
export type ApiRequest = FastifyRequest & {
  principal?: Principal;
  /** The role of the principal the route's matrix row allows first: the role the request acts in. */
  actingRole?: string;
  correlationId?: string;
  /** The execution id of a request sent with an Idempotency-Key. */
  commandId?: string;
  /** The problem type a refused request was answered with, for the request log. */
  problemType?: string;
};

export type ApiReply = FastifyReply;
