import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FieldIssue } from '../../../../libs/http/problem';
import { text } from '../../../../libs/text/text';

/**
 * An element as read: its child elements by local name (always a list, so one and many read
 * alike), its attributes under "@name" and its text under "#text". Namespace prefixes are dropped
 * by the parser; which vocabulary a document uses is decided by its root element and namespace.
 */
export type XmlElement = { [name: string]: XmlElement[] | string | undefined; '#text'?: string };

/** The largest XRechnung read: an invoice for one month of help is a few kilobytes. */
export const MAX_XML_LENGTH = 2 * 1024 * 1024;

export type ReadResult = { ok: true; root: string; namespace: string | undefined; element: XmlElement } | { ok: false; issues: FieldIssue[] };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  removeNSPrefix: true,
  // Values stay text: amounts are read as decimals later, never as JS numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are never expanded: no billion laughs, no external files, no network.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const qualifiedParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

/**
 * Reads an XML document safely. A document type declaration is refused before anything parses it:
 * it is how entity expansion ("billion laughs") and external entities (local files, SSRF) come in,
 * and an XRechnung never needs one.
 */
export function readXml(xml: string): ReadResult {
  if (xml.length === 0)
    return fail(text('Das Dokument ist leer; erwartet wird eine XRechnung (UBL oder CII).', 'The document is empty; an XRechnung (UBL or CII) is expected.'));
  if (xml.length > MAX_XML_LENGTH)
    return fail(text(`Das Dokument ist größer als ${MAX_XML_LENGTH} Zeichen.`, `The document is larger than ${MAX_XML_LENGTH} characters.`));
  // A plain substring search, not a reading of the XML: markup declarations only exist inside a DOCTYPE.
  const upper = xml.toUpperCase();
  if (upper.includes('<!DOCTYPE') || upper.includes('<!ENTITY'))
    return fail(
      text(
        'Das Dokument enthält eine DOCTYPE- oder ENTITY-Deklaration; sie wird aus Sicherheitsgründen nicht angenommen (Entitätsexpansion, externe Entitäten).',
        'The document contains a DOCTYPE or ENTITY declaration, which is refused for security (entity expansion, external entities).',
      ),
    );
  const wellFormed = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (wellFormed !== true) {
    const { msg, line, col } = wellFormed.err;
    return fail(
      text(
        `Das Dokument ist kein wohlgeformtes XML (Zeile ${line}, Spalte ${col}): ${msg}`,
        `The document is not well-formed XML (line ${line}, column ${col}): ${msg}`,
      ),
    );
  }
  const document = parser.parse(xml) as Record<string, XmlElement[] | undefined>;
  const roots = Object.keys(document).filter((name) => !name.startsWith('@') && name !== '#text');
  if (roots.length !== 1) return fail(text('Das Dokument hat kein eindeutiges Wurzelelement.', 'The document does not have exactly one root element.'));
  const element = document[roots[0]]![0];
  return { ok: true, root: roots[0], namespace: rootNamespace(xml), element };
}

/**
 * The namespace of the root element: the declaration of its prefix, or the default namespace.
 * Read by a second pass that keeps prefixes (the first drops them to match by local name).
 */
function rootNamespace(xml: string): string | undefined {
  const document = qualifiedParser.parse(xml) as Record<string, XmlElement[] | undefined>;
  const name = Object.keys(document).find((key) => !key.startsWith('@') && key !== '#text') ?? '';
  const root = document[name]?.[0];
  const colon = name.indexOf(':');
  const value = root?.[colon < 0 ? '@xmlns' : `@xmlns:${name.slice(0, colon)}`];
  return typeof value === 'string' ? value : undefined;
}

function fail(message: FieldIssue['message']): ReadResult {
  return { ok: false, issues: [{ field: '/', message }] };
}

/** The child elements at a path of local names below an element. */
export function elementsAt(element: XmlElement | undefined, path: string[]): XmlElement[] {
  let current: XmlElement[] = element ? [element] : [];
  for (const name of path) {
    const next: XmlElement[] = [];
    for (const node of current) {
      const children = node[name];
      if (Array.isArray(children)) next.push(...children.map(asElement));
    }
    current = next;
  }
  return current;
}

/** The texts of the elements at a path (empty elements give ""). */
export function textsAt(element: XmlElement | undefined, path: string[]): string[] {
  return elementsAt(element, path).map((node) => node['#text'] ?? '');
}

/** The attribute of an element, if given. */
export function attributeOf(element: XmlElement, name: string): string | undefined {
  const value = element[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

/** A text-only element is read as its text; it is wrapped so every node reads alike. */
function asElement(node: XmlElement | string): XmlElement {
  return typeof node === 'string' ? { '#text': node } : node;
}
