import { Pool } from 'pg';
import { CliIo } from '../../libs/cli/cli';
import { isIsoDate } from '../../libs/calendar';
import { PostgresEventStore } from '../../libs/event-store/postgres/postgres-event-store';
import { SubjectOnHold } from '../../libs/sealed-text/text-keys';
import { eraseFreeTexts, liftLegalHold, placeLegalHold, retentionPeriodsOf, retentionRun, textSubjects } from '../../src/privacy';
import { CASE_REF_PATTERN } from '../../src/shared/identifiers';

export const PRIVACY_COMMANDS = ['erase', 'legal-hold', 'retention'] as const;

export const PRIVACY_USAGE = `  npm run ops -- erase --tenant HRO-JA <subject> --reason "..." --by <admin>
      Erases the free texts of a subject: <subject> is --case TW-25-001 (reasons, notes), or
      --sozialraum HRO-TW with --activity AKT-2025-3 (description, rejection reason) or
      --subsidy ZUW-2025-1 (usage descriptions, reclaim reason) or --steering 2025 (the threshold
      procedure's measures, justifications, decision notes, outcome). Deletes the subject's key and
      records FreeTextsErased with reason and admin, without the erased content. Afterwards every
      view shows "gelöscht" for those texts; figures, hashes and signatures stay as they were.
      Refused while a legal hold is placed. Erasing again changes nothing.
  npm run ops -- legal-hold --tenant HRO-JA <subject> --reason "..." --by <admin> [--lift]
      Places a legal hold that blocks erasure (also by a retention run), or lifts it.
  npm run ops -- retention --tenant HRO-JA [--today 2035-12-31] [--run --by <admin>]
      Lists what a retention run erases (default: a dry run that changes nothing): the subjects
      whose stream's last event lies RETENTION_CASE_TEXTS_YEARS, RETENTION_ACTIVITY_TEXTS_YEARS,
      RETENTION_SUBSIDY_TEXTS_YEARS or RETENTION_STEERING_TEXTS_YEARS (default 10 each) back, and
      those kept by a legal hold.
      --today plans for another day; --run erases what is due.`;

/** --name value pairs, and the flags named in `flags` without a value. */
function options(argv: string[], flags: readonly string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`expected --name value pairs, got ${argv.slice(i).join(' ')}`);
    const name = arg.slice(2);
    if (name in out) throw new Error(`--${name} is given twice`);
    if (flags.includes(name)) out[name] = true;
    else if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new Error(`--${name} needs a value`);
    else out[name] = argv[++i];
  }
  return out;
}

function value(args: Record<string, string | true>, name: string): string {
  const given = args[name];
  if (typeof given !== 'string' || given.trim() === '') throw new Error(`--${name} is required`);
  return given;
}

const ACTIVITY_ID = /^AKT-\d{4}-\d{1,6}$/;
const SUBSIDY_ID = /^ZUW-\d{4}-\d{1,6}$/;
const SOZIALRAUM_ID = /^[A-Z][A-Z0-9-]{1,19}$/;

/** The subject whose texts are meant: --case, or --sozialraum with --activity, --subsidy or --steering. */
function subjectOf(args: Record<string, string | true>): string {
  const given = ['case', 'activity', 'subsidy', 'steering'].filter((name) => name in args);
  if (given.length !== 1)
    throw new Error('name one subject: --case TW-25-001, or --sozialraum HRO-TW with --activity AKT-2025-3, --subsidy ZUW-2025-1 or --steering 2025');
  if (given[0] === 'case') {
    const caseRef = value(args, 'case');
    if (!CASE_REF_PATTERN.test(caseRef)) throw new Error(`--case must be a pseudonymous case reference such as TW-25-001, got "${caseRef}"`);
    return textSubjects.case(caseRef);
  }
  const sozialraumId = value(args, 'sozialraum');
  if (!SOZIALRAUM_ID.test(sozialraumId)) throw new Error(`--sozialraum must be a Sozialraum id such as HRO-TW, got "${sozialraumId}"`);
  if (given[0] === 'activity') {
    const activityId = value(args, 'activity');
    if (!ACTIVITY_ID.test(activityId)) throw new Error(`--activity must be an activity id such as AKT-2025-3, got "${activityId}"`);
    return textSubjects.activity(sozialraumId, activityId);
  }
  if (given[0] === 'steering') {
    const fiscalYear = value(args, 'steering');
    if (!/^\d{4}$/.test(fiscalYear)) throw new Error(`--steering must be a fiscal year such as 2025, got "${fiscalYear}"`);
    return textSubjects.steering(sozialraumId, Number(fiscalYear));
  }
  const subsidyId = value(args, 'subsidy');
  if (!SUBSIDY_ID.test(subsidyId)) throw new Error(`--subsidy must be a subsidy id such as ZUW-2025-1, got "${subsidyId}"`);
  return textSubjects.subsidy(sozialraumId, subsidyId);
}

export async function runPrivacyCommand(
  command: (typeof PRIVACY_COMMANDS)[number],
  argv: string[],
  io: CliIo,
  pool: Pool,
  store: PostgresEventStore,
): Promise<number> {
  const args = options(argv, ['lift', 'run']);
  const tenantId = value(args, 'tenant');
  const print = (result: unknown) => io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  switch (command) {
    case 'erase': {
      const request = { tenantId, subject: subjectOf(args), reason: value(args, 'reason'), by: value(args, 'by') };
      try {
        print(await eraseFreeTexts(pool, store, request));
        return 0;
      } catch (error) {
        if (!(error instanceof SubjectOnHold)) throw error;
        throw new Error(`not erased: ${request.subject} is under a legal hold since ${error.holdSince.toISOString()} (${error.holdReason}); lift it first`, {
          cause: error,
        });
      }
    }
    case 'legal-hold': {
      const request = { tenantId, subject: subjectOf(args), reason: value(args, 'reason'), by: value(args, 'by') };
      if (args.lift) {
        const lifted = await liftLegalHold(pool, store, request);
        print({ subject: request.subject, lifted });
        return lifted ? 0 : 1;
      }
      print(await placeLegalHold(pool, store, request));
      return 0;
    }
    case 'retention': {
      const today = args.today;
      if (today !== undefined && (typeof today !== 'string' || !isIsoDate(today))) throw new Error('--today must be a calendar date such as 2035-12-31');
      const run = args.run === true;
      const result = await retentionRun(pool, store, {
        tenantId,
        periods: retentionPeriodsOf(io.env),
        run,
        by: run ? value(args, 'by') : 'dry-run',
        // Noon in Berlin of the day asked for: the same calendar day whatever the time zone.
        now: typeof today === 'string' ? new Date(`${today}T12:00:00+01:00`) : undefined,
      });
      print({ ...result, dryRun: !run });
      return 0;
    }
  }
}
