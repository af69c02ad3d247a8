import { FieldIssue, ProblemException, ValidationProblem, problem } from './problem';
import { HTTP_PROBLEMS } from './http-problems';
import { text as say } from '../text/text';

/**
 * How deeply a request body may nest objects and arrays. The deepest body the API reads has three
 * levels (`terms.supplementaryApprovalLimits[0]`); the limit is checked before anything walks the
 * body recursively (fingerprint, validation), so no body can exhaust the stack.
 */
export const MAX_BODY_DEPTH = 32;

interface Frame {
  kind: 'object' | 'array';
  path: string;
  keys: Set<string>;
  index: number;
  expectKey: boolean;
  key?: string;
}

/**
 * Reads a JSON request body strictly: malformed JSON, nesting deeper than MAX_BODY_DEPTH and keys
 * that appear twice in one object are refused (JSON.parse would keep the last duplicate silently,
 * so two readers of the same body could see different requests).
 */
export function parseJsonBody(text: string, maxDepth = MAX_BODY_DEPTH): unknown {
  if (text.trim() === '')
    throw new ProblemException(
      problem(
        HTTP_PROBLEMS['malformed-json'],
        say('Der Inhalt der Anfrage ist leer, aber als JSON angekündigt.', 'The request body is empty but declared as JSON.'),
      ),
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProblemException(
      problem(HTTP_PROBLEMS['malformed-json'], say('Der Inhalt der Anfrage ist kein gültiges JSON.', 'The request body is not valid JSON.')),
    );
  }
  const issue = structureIssue(text, maxDepth);
  if (issue) throw new ValidationProblem([issue]);
  return value;
}

/**
 * One pass over text that JSON.parse accepted: the first object or array nested too deeply, or the
 * first key repeated within one object, with the path the validation errors use (`a.b[0].c`).
 * Iterative, and only strings need real parsing, because the syntax is already known to be valid.
 */
function structureIssue(text: string, maxDepth: number): FieldIssue | null {
  const stack: Frame[] = [];
  const childPath = (frame: Frame | undefined): string => {
    if (!frame) return '';
    if (frame.kind === 'array') return `${frame.path}[${frame.index}]`;
    return frame.path ? `${frame.path}.${frame.key}` : (frame.key ?? '');
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') {
      const path = childPath(stack[stack.length - 1]);
      // Named by the top-level field the client sent; the full path would be as long as the nesting.
      if (stack.length >= maxDepth)
        return {
          field: path.match(/^[^.[]+/)?.[0] ?? '(body)',
          message: say(`ist tiefer als ${maxDepth} Ebenen verschachtelt.`, `nests deeper than ${maxDepth} levels.`),
        };
      stack.push({ kind: c === '{' ? 'object' : 'array', path, keys: new Set(), index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const frame = stack[stack.length - 1];
      if (frame?.kind === 'array') frame.index++;
      else if (frame) frame.expectKey = true;
    } else if (c === '"') {
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text[end];
        if (escaped) escaped = false;
        else if (d === '\\') escaped = true;
        else if (d === '"') break;
        end++;
      }
      const frame = stack[stack.length - 1];
      if (frame?.kind === 'object' && frame.expectKey) {
        const raw = text.slice(i, end + 1);
        const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        frame.key = key;
        frame.expectKey = false;
        if (frame.keys.has(key)) return { field: childPath(frame), message: say('kommt im selben Objekt zweimal vor.', 'appears twice in the same object.') };
        frame.keys.add(key);
      }
      i = end;
    }
  }
  return null;
}
