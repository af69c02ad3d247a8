import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidationProblem } from './problem';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) {
      out.push({ field, message: message.startsWith('property ') ? 'is not an allowed field' : message });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * The validated DTO as plain JSON data: objects with Object.prototype, arrays, strings, numbers,
 * booleans and null; fields left out stay left out. Nested DTOs (`@Type(() => ApprovalLimitDto)`)
 * arrive as class instances, and commands put request data into events, which take plain JSON
 * only; converting once here keeps every handler from meeting class instances.
 */
export function toPlainData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlainData);
  if (value === null || typeof value !== 'object') return value;
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) plain[key] = toPlainData(item);
  return plain;
}

/** Validates like Nest's pipe, then hands the handler plain data for a body (see toPlainData). */
class PlainBodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    return metadata.type === 'body' ? toPlainData(result) : result;
  }
}

/** Whitelisted DTOs only; unknown fields are refused, not silently dropped. */
export function createValidationPipe(): ValidationPipe {
  return new PlainBodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
  });
}
