/**
 * The subjects whose free texts share a key and are erased together. A case's texts (reasons,
 * notes) hold what is known about a child and its family; they go with the case. An activity's
 * description and rejection reason go with the activity, a subsidy's usage descriptions and
 * reclaim reason with the subsidy (its purpose is the public Zweck of the grant and stays plain).
 * The threshold procedure of a Sozialraum-year argues with the cases behind its figures (the
 * measures of a steering meeting, the justification of supplementary expenditure, the note of
 * its decision, the outcome of the procedure); those texts go with the Sozialraum-year's steering.
 * Budget planning reasons, contract and master data reasons name resolutions and rules of public
 * bodies, and an indicator's note is published to the Jugendhilfeausschuss and asked for without
 * personal data: they stay plain.
 */
export const textSubjects = {
  case: (caseRef: string) => `case:${caseRef}`,
  /** A provider-reported activity; its id is unique within its Sozialraum's budget year. */
  activity: (sozialraumId: string, activityId: string) => `activity:${sozialraumId}/${activityId}`,
  /** A subsidy (Zuwendung): usage descriptions and the reason of a reclaim; its id is unique within its Sozialraum's budget year. */
  subsidy: (sozialraumId: string, subsidyId: string) => `subsidy:${sozialraumId}/${subsidyId}`,
  /** The threshold procedure of a Sozialraum-year: meeting measures, justifications, decision notes, outcome. */
  steering: (sozialraumId: string, fiscalYear: number) => `steering:${sozialraumId}/${fiscalYear}`,
};

/** The class of data a subject belongs to, for its retention period. */
export type RetentionClass = keyof typeof textSubjects;

export function retentionClassOf(subject: string): RetentionClass | null {
  const kind = subject.split(':')[0];
  return kind in textSubjects ? (kind as RetentionClass) : null;
}

/** The stream that records what was erased and held for a subject. */
export const privacyStream = (tenantId: string, subject: string) => `${tenantId}/privacy/${subject.replace(':', '/')}`;
