import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { placeMovedChange, placeNewChange } from './status-history.js';

const t = (hhmm: string) => `2021-03-30T${hhmm}:00.000Z`;

describe('placeNewChange', () => {
  test('a back-dated change is recorded at the time given', () => {
    assert.equal(placeNewChange(t('07:05'), t('00:00'), t('10:00')), t('07:05'));
  });
  test('never before the latest change, never after now', () => {
    assert.equal(placeNewChange(t('07:05'), t('08:00'), t('10:00')), t('08:00'));
    assert.equal(placeNewChange('2021-03-30T10:00:30.000Z', null, t('10:00')), t('10:00'));
  });
});

describe('placeMovedChange', () => {
  const self = { at: t('08:00'), seq: 5 };
  test('moves freely between its neighbours', () => {
    assert.equal(placeMovedChange(self, t('07:00'), { previous: { at: t('06:00'), seq: 1 }, next: { at: t('09:00'), seq: 6 } }, t('10:00')), t('07:00'));
  });
  test('stops at the previous and the next change, and at now', () => {
    const neighbours = { previous: { at: t('07:30'), seq: 1 }, next: { at: t('09:00'), seq: 6 } };
    assert.equal(placeMovedChange(self, t('06:00'), neighbours, t('10:00')), t('07:30'));
    assert.equal(placeMovedChange(self, t('09:30'), neighbours, t('10:00')), t('09:00'));
    assert.equal(placeMovedChange(self, t('09:30'), { previous: null, next: null }, t('08:30')), t('08:30'));
  });
  test('keeps 1 ms from a neighbour whose insertion order disagrees with its time', () => {
    const neighbours = { previous: { at: t('07:30'), seq: 9 }, next: { at: t('09:00'), seq: 2 } };
    assert.equal(placeMovedChange(self, t('06:00'), neighbours, t('10:00')), '2021-03-30T07:30:00.001Z');
    assert.equal(placeMovedChange(self, t('09:30'), neighbours, t('10:00')), '2021-03-30T08:59:59.999Z');
  });
  test('stays where it is when there is no room', () => {
    assert.equal(placeMovedChange(self, t('06:00'), { previous: { at: t('08:00'), seq: 9 }, next: { at: t('08:00'), seq: 2 } }, t('10:00')), t('08:00'));
  });
});
