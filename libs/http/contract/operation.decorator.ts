import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiOperation, ApiProduces, ApiResponse } from '@nestjs/swagger';
import { TSchema } from '@sinclair/typebox';
import { ProblemKind } from '../../ddd/problem-kind';
import { nameOf } from './named-schemas';

/** What a successful call answers. */
export type Answer =
  /** A JSON body of a named schema; a 201 names in `location` where the created resource is read. */
  | { status: 200 | 201; schema: TSchema; location?: string }
  /** A file (CSV, NDJSON, XLSX) of the given media type. */
  | { status: 200; mediaType: FileMediaType; description: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The files the API answers with; XLSX is binary, the others text. */
export type FileMediaType = 'text/csv' | 'application/x-ndjson' | typeof XLSX;

export interface OperationContract {
  /** German, one line: what the operation does. */
  summary: string;
  /** German: which rule of the rule book it follows, who may call it, what it books or reads. */
  description: string;
  answer: Answer;
  /** Further answers beside the success, e.g. a 503 of /health that has a body of its own. */
  otherAnswers?: Array<{ status: number; schema: TSchema; description: string }>;
  /** The domain's refusals this operation can give; those of every read or write are added. */
  refusals?: readonly ProblemKind[];
}

/** Metadata the Location interceptor reads: the template of the created resource's path. */
export const LOCATION_TEMPLATE = 'contract:location';

/**
 * The operation's contract in the OpenAPI document: summary, description, the success answer as a
 * named schema with its headers, and the refusals (turned into problem+json answers per status by
 * declareCommonContract). The same declaration sets the Location of a 201.
 */
export function Operation(contract: OperationContract): MethodDecorator {
  const { answer } = contract;
  const decorators: Array<ClassDecorator | MethodDecorator | PropertyDecorator> = [
    ApiOperation({ summary: contract.summary, description: contract.description }),
    ApiExtension(
      'x-refusals',
      (contract.refusals ?? []).map((kind) => ({ name: kind.name, status: kind.status })),
    ),
  ];
  if ('schema' in answer) {
    const headers: Record<string, { description: string; schema: { type: 'string' } }> = {};
    if (answer.location) {
      headers.Location = { description: `Wo die angelegte Ressource zu lesen ist: ${answer.location}`, schema: { type: 'string' } };
      decorators.push(SetMetadata(LOCATION_TEMPLATE, answer.location));
    }
    if (isVersioned(answer.schema)) {
      headers.ETag = { description: 'Fassung (version) der Ressource, für If-Match', schema: { type: 'string' } };
    }
    decorators.push(
      ApiResponse({
        status: answer.status,
        description: answer.status === 201 ? 'Angelegt' : 'Erfolg',
        schema: { $ref: `#/components/schemas/${nameOf(answer.schema)}` },
        headers,
      }),
    );
  } else {
    const schema = answer.mediaType === XLSX ? { type: 'string' as const, format: 'binary' } : { type: 'string' as const };
    decorators.push(ApiProduces(answer.mediaType), ApiResponse({ status: 200, description: answer.description, content: { [answer.mediaType]: { schema } } }));
  }
  for (const other of contract.otherAnswers ?? []) {
    decorators.push(ApiResponse({ status: other.status, description: other.description, schema: { $ref: `#/components/schemas/${nameOf(other.schema)}` } }));
  }
  return applyDecorators(...decorators) as MethodDecorator;
}

/** A body with an integer `version` at the top is about one stream: the ETag interceptor names it. */
function isVersioned(schema: TSchema): boolean {
  const version = (schema as { properties?: Record<string, { type?: string }> }).properties?.version;
  return version?.type === 'integer';
}
