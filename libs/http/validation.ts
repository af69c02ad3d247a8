import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldIssue, ValidationProblem } from './problem';
import { MISSING, validationText } from './validation-messages';

/**
 * One message per field: the first constraint it fails (validation stops there), or that it is
 * missing. A missing `reason` fails isString, isNotEmpty and maxLength alike; one sentence says it.
 */
function flatten(errors: ValidationError[], parent = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    if (constraints.length > 0) {
      const [constraint, message] = constraints.find(([name]) => name === 'whitelistValidation') ?? constraints[0];
      out.push({ field, message: error.value === undefined && constraint !== 'whitelistValidation' ? MISSING : validationText(constraint, message) });
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
    stopAtFirstError: true,
    transformOptions: { enableImplicitConversion: false },
    // The value is kept to tell a missing field from a wrong one; it never reaches the answer.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
  });
}
