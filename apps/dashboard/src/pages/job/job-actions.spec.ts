import { describe, expect, it } from '@jest/globals';
import { actionsFor } from './job-actions.js';

const owner = { sub: 'ann', admin: false };
const admin = { sub: 'ada', admin: true };
const member = { sub: 'bob', admin: false };

describe('actionsFor', () => {
  it('offers what the job status allows: cancel while it may still run, retry once it failed or was cancelled, delete always', () => {
    expect(actionsFor({ status: 'PENDING', ownerId: 'ann' }, owner).offered).toEqual(['cancel', 'delete']);
    expect(actionsFor({ status: 'PROCESSING', ownerId: 'ann' }, owner).offered).toEqual(['cancel', 'delete']);
    expect(actionsFor({ status: 'COMPLETED', ownerId: 'ann' }, owner).offered).toEqual(['delete']);
    expect(actionsFor({ status: 'FAILED', ownerId: 'ann' }, owner).offered).toEqual(['retry', 'delete']);
    expect(actionsFor({ status: 'CANCELLED', ownerId: 'ann' }, owner).offered).toEqual(['retry', 'delete']);
  });

  it('lets the owner and admins change a job, and an organisation member only look', () => {
    expect(actionsFor({ status: 'FAILED', ownerId: 'ann' }, owner).mayChange).toBe(true);
    expect(actionsFor({ status: 'FAILED', ownerId: 'ann' }, admin).mayChange).toBe(true);
    expect(actionsFor({ status: 'FAILED', ownerId: 'ann' }, member).mayChange).toBe(false);
  });
});
