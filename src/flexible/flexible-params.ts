import { PatternPipe } from '../../libs/http/param-pipes';
import { text } from '../../libs/text/text';
import { CODE_PATTERN, CODE_TEXT } from '../shared/identifiers';
import { INSTALMENT_ID_PATTERN, INSTALMENT_ID_TEXT } from './commands/dtos/subsidy.dtos';

export const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_TEXT);
export const subsidyParam = new PatternPipe(
  'subsidyId',
  /^ZUW-\d{4}-\d{1,6}$/,
  text('muss die Kennung einer Zuwendung wie ZUW-2025-1 sein.', 'must be a subsidy id such as ZUW-2025-1.'),
);
export const instalmentParam = new PatternPipe('instalmentId', INSTALMENT_ID_PATTERN, INSTALMENT_ID_TEXT);
export const activityParam = new PatternPipe(
  'activityId',
  /^AKT-\d{4}-\d{1,6}$/,
  text('muss die Kennung einer Aktivität wie AKT-2025-1 sein.', 'must be an activity id such as AKT-2025-1.'),
);
