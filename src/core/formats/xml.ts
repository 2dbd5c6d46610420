/**
 * The XML parser every instrument reader uses (XRDML, BRML, RASX), with entity expansion bounded explicitly rather
 * than by the library's defaults: instrument files never declare entities, so a DOCTYPE may define at most 100 of
 * 10 kB each, and their expansions may add at most 1 MB of text to a document (the standard entities &lt; &amp;
 * … shorten the text and are not counted) — an entity bomb ("billion laughs")
 * stops with an error long before it costs memory. Callers turn the error into a FormatError naming the file.
 */
import { XMLParser, type X2jOptions } from 'fast-xml-parser';

export const XML_ENTITY_LIMITS = { maxEntityCount: 100, maxEntitySize: 10_000, maxTotalExpansions: 100_000, maxExpandedLength: 1_000_000, maxExpansionDepth: 10 };

export function instrumentXmlParser(options: Partial<X2jOptions>): XMLParser {
  return new XMLParser({ ...options, processEntities: { enabled: true, ...XML_ENTITY_LIMITS } });
}
