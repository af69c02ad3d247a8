import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { Alert } from '../components/alert';
import type { useSubmission } from '../use-submission';

/** A refused or failed submission as the page shows it: the API's problem (RFC 9457), field by field. */
export interface Problem {
  status: number;
  type?: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(error: unknown): Problem | undefined {
  if (!error) return undefined;
  if (!isApiError(error)) return { status: 0, detail: 'Der Server ist nicht erreichbar; bitte erneut versuchen.' };
  const problem = (error.problem ?? {}) as Partial<Problem>;
  return { status: error.status, type: problem.type, title: problem.title, detail: problem.detail, errors: problem.errors };
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="kern-error" id={id} role="alert">
      <span className="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true"></span>
      <span className="kern-body">{message}</span>
    </p>
  );
}

/** One labelled field with its hint and the server's message for it. */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: (described: { 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
      {children({ 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
    </div>
  );
}

/** What a refusal says above the form when it names no field of it, or a 412 with "Neu laden". */
export function FormProblem({
  problem,
  failedTitle,
  onReload,
  onDismiss,
}: {
  problem: Problem;
  failedTitle: string;
  onReload?: () => void;
  onDismiss: () => void;
}) {
  if (problem.status === 412 && onReload) {
    return (
      <Alert kind="warning" title="Jemand anderes hat diesen Fall inzwischen geändert.">
        <p className="kern-body">Ihre Eingabe wurde nicht gebucht. Laden Sie den aktuellen Stand und entscheiden Sie dann neu.</p>
        <button type="button" className="kern-btn kern-btn--secondary" onClick={onReload}>
          <span className="kern-label">Neu laden</span>
        </button>
      </Alert>
    );
  }
  return (
    <Alert kind="danger" title={problem.title ?? failedTitle}>
      {problem.detail ? <p className="kern-body">{problem.detail}</p> : null}
      <button type="button" className="kern-btn kern-btn--tertiary" onClick={onDismiss}>
        <span className="kern-label">Hinweis schließen</span>
      </button>
    </Alert>
  );
}

export const PSEUDONYM_HINT = 'Nur das pseudonyme Fallzeichen – keine Namen, Geburtsdaten oder Diagnosen.';

export type Submissions = ReturnType<typeof useSubmission>;

/** The registered providers as options of a select (Wunsch- und Wahlrecht: every one of them). */
export function ProviderSelect({
  id,
  value,
  onChange,
  providers,
  emptyLabel,
  described,
}: {
  id: string;
  value: string;
  onChange: (providerId: string) => void;
  providers: ReadonlyMap<string, string> | undefined;
  emptyLabel: string;
  described: { 'aria-describedby'?: string; 'aria-invalid'?: true };
}) {
  return (
    <div className="kern-form-input__select-wrapper">
      <select id={id} className="kern-form-input__select" value={value} onChange={(event) => onChange(event.target.value)} {...described}>
        <option value="">{emptyLabel}</option>
        {[...(providers ?? new Map<string, string>())].map(([providerId, name]) => (
          <option key={providerId} value={providerId}>
            {name} ({providerId})
          </option>
        ))}
      </select>
    </div>
  );
}

interface InputFieldProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}

/** One labelled input of a kind; the kinds below name what they take. */
function InputField({
  type,
  inputMode,
  maxLength,
  ...field
}: InputFieldProps & { type: 'text' | 'date' | 'month'; inputMode?: 'decimal'; maxLength?: number }) {
  const { id, label, hint, value, onChange, error } = field;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <input
          id={id}
          className="kern-form-input__input"
          type={type}
          inputMode={inputMode}
          autoComplete={type === 'text' ? 'off' : undefined}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...described}
        />
      )}
    </Field>
  );
}

/** A date (ISO value, the browser's own date picker). */
export const DateField = (props: InputFieldProps) => <InputField type="date" {...props} />;

/** A month (ISO "2025-03", the browser's own month picker): a Leistungsmonat. */
export const MonthField = (props: InputFieldProps) => <InputField type="month" {...props} />;

/** A decimal (hours, an amount): text with a decimal keyboard, so "12,5" can be typed as written. */
export const DecimalField = (props: InputFieldProps) => <InputField type="text" inputMode="decimal" {...props} />;

/** A short text (an abbreviation, a number, a file reference). */
export const TextField = (props: InputFieldProps) => <InputField type="text" maxLength={100} {...props} />;

/** A short free text; the hint asks for no personal data by default. */
export function TextAreaField({ id, label, hint = 'Kurz und ohne Angaben zur Person', value, onChange, error }: InputFieldProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(described) => (
        <textarea
          id={id}
          className="kern-form-input__input"
          rows={2}
          maxLength={500}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...described}
        />
      )}
    </Field>
  );
}
