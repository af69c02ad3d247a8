import { useSyncExternalStore } from 'react';

/**
 * Hash routing: the app is served under /app/ as one file, so the route lives after the "#" and
 * a reload or a shared link opens the same view, including its query (year, Stand am, Wissensstand).
 *
 *   #/                                   Übersicht of the current fiscal year
 *   #/?jahr=2025                         Übersicht of 2025
 *   #/sozialraum/HRO-TW/2025             Sozialraum-Jahr
 *   #/sozialraum/HRO-TW/2025?stand=2025-06-30&wissensstand=2025-07-01T06:00:00.000Z
 *   #/sozialraum/HRO-TW/2025?wissensstand=2025-07-01T06:00:00.000Z&vergleich=2025-08-01T06:00:00.000Z
 *   #/meldungen                          Meldungen der Steuerung
 *   #/rechnungen                         Rechnungen zur Prüfung (Wirtschaftliche Jugendhilfe)
 *   #/pruefung/ereignisse                Ereignisprotokoll (Rechnungsprüfung)
 *   #/pruefung/ereignisse?datenstrom=HRO-JA/case/TW-25-001&typ=InvoiceVerified
 *   #/pruefung/pruefkette                Prüfkette nachrechnen, Export
 *   #/wirkung/HRO-TW/2025                Wirkung (R12): Indikatoren, Zielvereinbarung, Bewertung
 *   #/wirkung/HRO-TW/2025?stand=2025-06-30&wissensstand=2025-07-01T06:00:00.000Z
 *   #/wirkung-vergleich/2025?indicator=ambulant-anteil   Ein Indikator in allen Sozialräumen
 *   #/faelle                             Fälle: Bewilligungen, Fall anlegen (ASD)
 *   #/faelle/TW-25-001                   Ein Fall mit seinen Bewilligungen
 *   #/flexibel?jahr=2025                 Flexible Mittel: gemeldete Aktivitäten, Entscheidungen, Ist
 */
export type Route =
  | { name: 'overview'; fiscalYear?: number }
  | { name: 'sozialraum'; sozialraumId: string; fiscalYear: number; asOf?: string; knownAt?: string; compareKnownAt?: string }
  | { name: 'notifications' }
  | { name: 'invoice-queue' }
  | { name: 'audit-events'; streamId?: string; type?: string }
  | { name: 'audit-verification' }
  | { name: 'wirkung'; sozialraumId: string; fiscalYear: number; asOf?: string; knownAt?: string }
  | { name: 'wirkung-comparison'; fiscalYear: number; indicator?: string }
  | { name: 'cases' }
  | { name: 'case'; caseRef: string }
  | { name: 'flexible'; fiscalYear?: number }
  | { name: 'not-found'; path: string };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const YEAR = /^\d{4}$/;

function optionalInstant(value: string | null): string | undefined {
  return value && !Number.isNaN(new Date(value).getTime()) ? value : undefined;
}

function optionalYear(value: string | null): number | undefined {
  return value && YEAR.test(value) ? Number(value) : undefined;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const segments = pathPart
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });

  if (segments.length === 0) return { name: 'overview', fiscalYear: optionalYear(query.get('jahr')) };
  if (segments[0] === 'sozialraum' && segments.length === 3 && segments[1] && YEAR.test(segments[2] ?? '')) {
    const asOf = query.get('stand') ?? undefined;
    const knownAt = query.get('wissensstand') ?? undefined;
    const compareKnownAt = optionalInstant(query.get('vergleich'));
    return {
      name: 'sozialraum',
      sozialraumId: segments[1],
      fiscalYear: Number(segments[2]),
      asOf: asOf && ISO_DATE.test(asOf) ? asOf : undefined,
      knownAt: knownAt && !Number.isNaN(new Date(knownAt).getTime()) ? knownAt : undefined,
      compareKnownAt,
    };
  }
  if (segments[0] === 'wirkung' && segments.length === 3 && segments[1] && YEAR.test(segments[2] ?? '')) {
    const asOf = query.get('stand') ?? undefined;
    return {
      name: 'wirkung',
      sozialraumId: segments[1],
      fiscalYear: Number(segments[2]),
      asOf: asOf && ISO_DATE.test(asOf) ? asOf : undefined,
      knownAt: optionalInstant(query.get('wissensstand')),
    };
  }
  if (segments[0] === 'wirkung-vergleich' && segments.length === 2 && YEAR.test(segments[1] ?? '')) {
    return { name: 'wirkung-comparison', fiscalYear: Number(segments[1]), indicator: query.get('indicator')?.trim() || undefined };
  }
  if (segments.length === 1 && segments[0] === 'meldungen') return { name: 'notifications' };
  if (segments.length === 1 && segments[0] === 'faelle') return { name: 'cases' };
  if (segments.length === 2 && segments[0] === 'faelle' && segments[1]) return { name: 'case', caseRef: segments[1] };
  if (segments.length === 1 && segments[0] === 'rechnungen') return { name: 'invoice-queue' };
  if (segments.length === 1 && segments[0] === 'flexibel') return { name: 'flexible', fiscalYear: optionalYear(query.get('jahr')) };
  if (segments.length === 2 && segments[0] === 'pruefung' && segments[1] === 'ereignisse') {
    return { name: 'audit-events', streamId: query.get('datenstrom')?.trim() || undefined, type: query.get('typ')?.trim() || undefined };
  }
  if (segments.length === 2 && segments[0] === 'pruefung' && segments[1] === 'pruefkette') return { name: 'audit-verification' };
  return { name: 'not-found', path: pathPart };
}

/** The href of a route, "#/sozialraum/HRO-TW/2025". */
export function href(route: Route): string {
  switch (route.name) {
    case 'overview':
      return route.fiscalYear ? `#/?jahr=${route.fiscalYear}` : '#/';
    case 'sozialraum': {
      const query = new URLSearchParams();
      if (route.asOf) query.set('stand', route.asOf);
      if (route.knownAt) query.set('wissensstand', route.knownAt);
      if (route.compareKnownAt) query.set('vergleich', route.compareKnownAt);
      const search = query.toString();
      return `#/sozialraum/${encodeURIComponent(route.sozialraumId)}/${route.fiscalYear}${search ? `?${search}` : ''}`;
    }
    case 'notifications':
      return '#/meldungen';
    case 'invoice-queue':
      return '#/rechnungen';
    case 'audit-events': {
      const query = new URLSearchParams();
      if (route.streamId) query.set('datenstrom', route.streamId);
      if (route.type) query.set('typ', route.type);
      const search = query.toString();
      return `#/pruefung/ereignisse${search ? `?${search}` : ''}`;
    }
    case 'audit-verification':
      return '#/pruefung/pruefkette';
    case 'wirkung': {
      const query = new URLSearchParams();
      if (route.asOf) query.set('stand', route.asOf);
      if (route.knownAt) query.set('wissensstand', route.knownAt);
      const search = query.toString();
      return `#/wirkung/${encodeURIComponent(route.sozialraumId)}/${route.fiscalYear}${search ? `?${search}` : ''}`;
    }
    case 'wirkung-comparison':
      return `#/wirkung-vergleich/${route.fiscalYear}${route.indicator ? `?${new URLSearchParams({ indicator: route.indicator }).toString()}` : ''}`;
    case 'cases':
      return '#/faelle';
    case 'case':
      return `#/faelle/${encodeURIComponent(route.caseRef)}`;
    case 'flexible':
      return route.fiscalYear ? `#/flexibel?jahr=${route.fiscalYear}` : '#/flexibel';
    case 'not-found':
      return `#${route.path}`;
  }
}

let navigations = 0;
let currentHash = window.location.hash;
let currentRoute = parseHash(currentHash);

function snapshot(): Route {
  if (window.location.hash !== currentHash) {
    currentHash = window.location.hash;
    currentRoute = parseHash(currentHash);
  }
  return currentRoute;
}

function subscribe(listener: () => void): () => void {
  const onChange = () => {
    navigations += 1;
    listener();
  };
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current route; re-renders on every change of the hash. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Whether the user has moved from one route to another since the page was loaded. */
export function hasNavigated(): boolean {
  return navigations > 0;
}

/** Goes to a route; `replace` changes the current history entry instead of adding one. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const target = href(route);
  if (target === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', target);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = target;
  }
}
