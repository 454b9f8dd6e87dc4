/** XML for the importers (OSM, KML): one parser in Node and the browser alike (@xmldom/xmldom). */
import { DOMParser } from '@xmldom/xmldom';

/** An XML document; throws on XML that does not parse (and says nothing on the console); warnings are ignored. */
export function parseXml(text: string): Document {
  return new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(text, 'text/xml') as unknown as Document;
}
