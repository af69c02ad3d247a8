/** Ids of master data (Sozialraum HRO-TW, provider TR-E, tenant HRO-JA): short, upper-case codes. */
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
export const CODE_MESSAGE = 'must be an upper-case code of letters, digits and hyphens (e.g. HRO-TW), at most 32 characters';

/** Pseudonymous case reference such as TW-25-001: never a name. */
export const CASE_REF_PATTERN = /^[A-Z]{1,6}-\d{2}-\d{3,5}$/;
export const CASE_REF_MESSAGE = 'must be a pseudonymous case reference such as TW-25-001';
