import { describe, expect, it } from '@jest/globals';
import { renderProgress } from './progress-bar.js';

describe('renderProgress', () => {
  it('draws the known share of the work with the status and message', () => {
    expect(renderProgress('PROCESSING', { current: 3, total: 5, message: 'step 3', percentage: 60 }, 10)).toBe('[######----]  60% PROCESSING  step 3');
  });

  it('shows counts without a message, and an unknown share as question marks', () => {
    expect(renderProgress('PROCESSING', { current: 7, total: null, message: null, percentage: null }, 4)).toBe('[????]    ? PROCESSING  7');
    expect(renderProgress('PENDING', null, 4)).toBe('[????]    ? PENDING');
  });

  it('is full once completed', () => {
    expect(renderProgress('COMPLETED', null, 4)).toBe('[####] 100% COMPLETED');
  });
});
