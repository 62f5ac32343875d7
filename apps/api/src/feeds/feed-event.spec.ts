import { describe, expect, it } from '@jest/globals';
import { feedEvent } from './feed-event.js';

describe('feedEvent', () => {
  const owner = { ownerId: 'alice', orgId: 'acme' };

  it('sends a new job with its creation time, without its owner', () => {
    const event = feedEvent({ kind: 'created', job: { id: 'j1', type: 'text.indicators', status: 'PENDING', createdAt: Date.UTC(2026, 11, 6, 12), ...owner } });
    expect(event).toEqual({ event: 'created', data: { id: 'j1', type: 'text.indicators', status: 'PENDING', createdAt: '2026-12-06T12:00:00.000Z' } });
  });

  it('sends a change with its progress, attempts and time, without its owner', () => {
    const progress = { current: 2, total: 4, message: null, percentage: 50 };
    const event = feedEvent({
      kind: 'changed',
      change: { id: 'j1', type: 'text.indicators', status: 'PROCESSING', progress, attempts: 1, updatedAt: Date.UTC(2026, 11, 6, 12, 0, 1, 5), ...owner },
    });
    expect(event).toEqual({
      event: 'changed',
      data: { id: 'j1', type: 'text.indicators', status: 'PROCESSING', progress, attempts: 1, updatedAt: '2026-12-06T12:00:01.005Z' },
    });
  });

  it('sends resync with empty data', () => {
    expect(feedEvent({ kind: 'resync' })).toEqual({ event: 'resync', data: {} });
  });
});
