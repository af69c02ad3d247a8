/**
 * The subjects whose free texts share a key and are erased together. A case's texts (reasons,
 * notes) hold what is known about a child and its family; they go with the case. An activity's
 * description and rejection reason go with the activity, a subsidy's usage descriptions and
 * reclaim reason with the subsidy (its purpose is the public Zweck of the grant and stays plain).
 */
export const textSubjects = {
  case: (caseRef: string) => `case:${caseRef}`,
  /** A provider-reported activity; its id is unique within its Sozialraum's budget year. */
  activity: (sozialraumId: string, activityId: string) => `activity:${sozialraumId}/${activityId}`,
  /** A subsidy (Zuwendung): usage descriptions and the reason of a reclaim; its id is unique within its Sozialraum's budget year. */
  subsidy: (sozialraumId: string, subsidyId: string) => `subsidy:${sozialraumId}/${subsidyId}`,
};

/** The class of data a subject belongs to, for its retention period. */
export type RetentionClass = keyof typeof textSubjects;

export function retentionClassOf(subject: string): RetentionClass | null {
  const kind = subject.split(':')[0];
  return kind in textSubjects ? (kind as RetentionClass) : null;
}

/** The stream that records what was erased and held for a subject. */
export const privacyStream = (tenantId: string, subject: string) => `${tenantId}/privacy/${subject.replace(':', '/')}`;
