// Serializing v2 documents. Statuspage writes some tweet ids as JSON numbers
// with more digits than a double holds (status.atlassian.com, 2023); an
// imported one is served the same way, digit for digit. The renderers mark
// such a number with a NUL prefix — NUL is refused in every stored text, so no
// other string can look like one — and the serializer writes its digits bare.

const MARK = '\u0000integer:';
/** The mark as JSON.stringify writes it inside a string. */
const WRITTEN = JSON.stringify(MARK).slice(1, -1);
const MARKED = new RegExp(`"${WRITTEN.replace(/\\/g, '\\\\')}(-?\\d+)"`, 'g');

/** A JSON integer of any size, given as its digits. */
export function jsonInteger(digits: string): string {
  return `${MARK}${digits}`;
}

export function stringifyDocument(document: object): string {
  const text = JSON.stringify(document);
  return text.includes(WRITTEN) ? text.replace(MARKED, '$1') : text;
}
