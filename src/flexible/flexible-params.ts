import { PatternPipe } from '../../libs/http/param-pipes';
import { CODE_MESSAGE, CODE_PATTERN } from '../shared/identifiers';
import { INSTALMENT_ID_MESSAGE, INSTALMENT_ID_PATTERN } from './commands/dtos/subsidy.dtos';

export const sozialraumParam = new PatternPipe('sozialraumId', CODE_PATTERN, CODE_MESSAGE);
export const subsidyParam = new PatternPipe('subsidyId', /^ZUW-\d{4}-\d{1,6}$/, 'must be a subsidy id such as ZUW-2025-1');
export const instalmentParam = new PatternPipe('instalmentId', INSTALMENT_ID_PATTERN, INSTALMENT_ID_MESSAGE);
export const activityParam = new PatternPipe('activityId', /^AKT-\d{4}-\d{1,6}$/, 'must be an activity id such as AKT-2025-1');
