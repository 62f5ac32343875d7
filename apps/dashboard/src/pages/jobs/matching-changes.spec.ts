import { describe, expect, it } from '@jest/globals';
import { matchingOutcome, matchingPreview } from './matching-changes.js';

const NONE = { notOwner: 0, status: 0, unregisteredType: 0 };

describe('retry and cancel all matching: what the page says', () => {
  it('states how many jobs match, and why some would be left alone', () => {
    expect(matchingPreview('retry', { dryRun: true, matched: 3, changed: 3, skipped: NONE })).toBe('3 jobs match these filters on every page.');
    expect(matchingPreview('retry', { dryRun: true, matched: 1, changed: 1, skipped: NONE })).toBe('1 job matches these filters on every page.');
    expect(matchingPreview('retry', { dryRun: true, matched: 10, changed: 4, skipped: { notOwner: 2, status: 3, unregisteredType: 1 } })).toBe(
      '10 jobs match these filters on every page; 2 not yours, 3 not failed or cancelled, 1 of a type no longer registered will be left alone.',
    );
    expect(matchingPreview('cancel', { dryRun: true, matched: 2, changed: 1, skipped: { ...NONE, status: 1 } })).toBe(
      '2 jobs match these filters on every page; 1 not pending or running will be left alone.',
    );
  });

  it('says what a run did', () => {
    expect(matchingOutcome('retry', { dryRun: false, matched: 2, changed: 2, skipped: NONE })).toBe('2 jobs retried.');
    expect(matchingOutcome('cancel', { dryRun: false, matched: 5, changed: 1, skipped: { ...NONE, status: 4 } })).toBe('1 job cancelled; 4 of the 5 matching left alone.');
  });
});
