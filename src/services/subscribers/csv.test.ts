import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CsvSyntaxError, formatCsv, isHeader, parseCsv, parseYesNo, splitComponents } from './csv.js';

test('parses quoted cells, doubled quotes, CRLF and LF, a BOM, and skips blank lines, keeping each record\'s first line', () => {
  const text = '\uFEFFtype,address\r\n"email","a@example.com"\n\nwebhook,"https://x.example/?a=1,b","two\nlines ""quoted"""\r\nemail,b@example.com,yes';
  const records = parseCsv(text);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 4, 6]);
  assert.deepEqual(records[1]!.cells, ['email', 'a@example.com']);
  assert.deepEqual(records[2]!.cells.slice(0, 2), ['webhook', 'https://x.example/?a=1,b']);
  assert.equal(records[2]!.cells[2], 'two\nlines "quoted"');
  assert.deepEqual(parseCsv('a,"b ""c"""\r\n')[0]!.cells, ['a', 'b "c"']);
  assert.deepEqual(parseCsv('"x\ny",z\nnext')[1], { line: 3, cells: ['next'] });
});

test('an unclosed quote names the line its record starts on', () => {
  assert.throws(() => parseCsv('email,a@example.com\n"email,b'), (err: unknown) => err instanceof CsvSyntaxError && err.line === 2);
});

test('format quotes only what needs it and parses back to the same cells', () => {
  const rows = [['type', 'address'], ['webhook', 'https://x.example/?a=1,b', 'o"k', ' lead'], ['email', 'a@example.com', 'yes', '']];
  const text = formatCsv(rows);
  assert.equal(text, 'type,address\r\nwebhook,"https://x.example/?a=1,b","o""k"," lead"\r\nemail,a@example.com,yes,\r\n');
  assert.deepEqual(parseCsv(text).map((r) => r.cells), rows);
});

test('header rows, yes/no and component lists', () => {
  assert.equal(isHeader({ line: 1, cells: ['Type', 'Address'] }), true);
  assert.equal(isHeader({ line: 1, cells: [' Email ', 'a@example.com'] }), false);
  assert.deepEqual(['yes', 'No', 'TRUE', '0', '', 'maybe'].map(parseYesNo), [true, false, true, false, false, null]);
  assert.deepEqual(splitComponents(['a; b', '', 'c']), ['a', 'b', 'c']);
});
