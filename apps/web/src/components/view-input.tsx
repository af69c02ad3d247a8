import { useId } from 'react';

/** The Wissensstand fields (datetime-local) and the Stand am field (date) of every view form. */
export const VIEW_FIELDS = {
  asOf: { label: 'Stand am', hint: 'Geschäftsdatum; leer: heute', type: 'date' },
  knownAt: { label: 'Wissensstand', hint: 'Erfasst bis (Ortszeit Berlin); leer: alles heute Bekannte', type: 'datetime-local' },
  compareKnownAt: {
    label: 'Vergleichen mit Wissensstand',
    hint: 'Zweiter Wissensstand (Ortszeit Berlin) zum selben Stand; leer: kein Vergleich',
    type: 'datetime-local',
  },
} as const;

/** One labelled input of a view form (which business date, which knowledge horizon), with its hint. */
export function ViewInput({ field, value, onChange }: { field: keyof typeof VIEW_FIELDS; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const { label, hint, type } = VIEW_FIELDS[field];
  return (
    <div className="kern-form-input">
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <div className="kern-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <input
        id={id}
        className="kern-form-input__input"
        type={type}
        step={type === 'datetime-local' ? 60 : undefined}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
