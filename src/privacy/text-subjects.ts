/**
 * The subjects whose free texts share a key and are erased together. A case's texts (reasons,
 * notes) hold what is known about a child and its family; they go with the case.
 */
export const textSubjects = {
  case: (caseRef: string) => `case:${caseRef}`,
};

/** The class of data a subject belongs to, for its retention period. */
export type RetentionClass = keyof typeof textSubjects;

export function retentionClassOf(subject: string): RetentionClass | null {
  const kind = subject.split(':')[0];
  return kind in textSubjects ? (kind as RetentionClass) : null;
}

/** The stream that records what was erased and held for a subject. */
export const privacyStream = (tenantId: string, subject: string) => `${tenantId}/privacy/${subject.replace(':', '/')}`;
