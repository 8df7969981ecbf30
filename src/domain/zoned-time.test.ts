import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { usableTimeZone, zonedTime } from './zoned-time.js';

const at = (iso: string) => Date.parse(iso);

describe('zonedTime', () => {
  test('UTC pages read as UTC', () => {
    assert.deepEqual(zonedTime(at('2021-03-30T07:38:00Z'), 'UTC'), { year: 2021, month: 3, day: 30, hour: 7, minute: 38, zone: 'UTC' });
    assert.equal(zonedTime(at('2021-03-30T07:38:00Z'), 'Etc/UTC').zone, 'UTC');
  });

  test('London: GMT in winter, BST in summer (not "GMT+1"), with the local clock', () => {
    assert.deepEqual(zonedTime(at('2024-01-16T12:00:00Z'), 'Europe/London'), { year: 2024, month: 1, day: 16, hour: 12, minute: 0, zone: 'GMT' });
    assert.deepEqual(zonedTime(at('2024-06-18T18:09:00Z'), 'Europe/London'), { year: 2024, month: 6, day: 18, hour: 19, minute: 9, zone: 'BST' });
  });

  test('the abbreviation follows the instant across a DST change (the metastatuspage feed: PDT on Nov 1, PST on Nov 4, 2019)', () => {
    assert.deepEqual(zonedTime(at('2019-11-02T01:00:00Z'), 'America/Los_Angeles'), { year: 2019, month: 11, day: 1, hour: 18, minute: 0, zone: 'PDT' });
    assert.deepEqual(zonedTime(at('2019-11-04T14:42:00Z'), 'America/Los_Angeles'), { year: 2019, month: 11, day: 4, hour: 6, minute: 42, zone: 'PST' });
  });

  test('a local time past midnight moves the date', () => {
    assert.deepEqual(zonedTime(at('2021-03-31T23:30:00Z'), 'Europe/Berlin'), { year: 2021, month: 4, day: 1, hour: 1, minute: 30, zone: 'CEST' });
    assert.deepEqual(zonedTime(at('2021-01-01T00:10:00Z'), 'America/New_York'), { year: 2020, month: 12, day: 31, hour: 19, minute: 10, zone: 'EST' });
  });

  test('midnight is 00, not 24', () => {
    assert.equal(zonedTime(at('2021-03-30T00:05:00Z'), 'UTC').hour, 0);
  });

  test('zones English locales name elsewhere keep their abbreviation', () => {
    assert.equal(zonedTime(at('2024-01-15T12:00:00Z'), 'Asia/Kolkata').zone, 'IST');
    assert.equal(zonedTime(at('2024-01-15T12:00:00Z'), 'Australia/Sydney').zone, 'AEDT');
    assert.equal(zonedTime(at('2024-07-15T12:00:00Z'), 'Europe/Dublin').zone, 'IST');
    assert.equal(zonedTime(at('2024-01-15T12:00:00Z'), 'Europe/Lisbon').zone, 'WET');
  });

  test('a zone without an abbreviation is shown by its UTC offset', () => {
    assert.deepEqual(zonedTime(at('2024-01-15T12:00:00Z'), 'Asia/Tokyo'), { year: 2024, month: 1, day: 15, hour: 21, minute: 0, zone: 'UTC+9' });
    assert.equal(zonedTime(at('2024-01-15T12:00:00Z'), 'Asia/Kathmandu').zone, 'UTC+5:45');
    assert.equal(zonedTime(at('2024-01-15T12:00:00Z'), 'America/Sao_Paulo').zone, 'UTC-3');
  });

  test('an unknown zone reads as UTC rather than failing the page', () => {
    assert.equal(usableTimeZone('Mars/Olympus'), 'UTC');
    assert.equal(usableTimeZone('Europe/London'), 'Europe/London');
    assert.deepEqual(zonedTime(at('2021-03-30T07:38:00Z'), 'Mars/Olympus'), { year: 2021, month: 3, day: 30, hour: 7, minute: 38, zone: 'UTC' });
  });
});
