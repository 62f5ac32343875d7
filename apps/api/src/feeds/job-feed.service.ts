import type { JobFeedQuery } from '@jobs/dto';
import { type FeedFilter, JobChanges, requestedScope } from '@jobs/jobs';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { SseConnections } from '../sse/sse-connections.service.js';
import { feedEvent } from './feed-event.js';

/** Feeds of jobs created and changed in a scope, pushed from the process's one LISTEN connection (JobChanges). */
@Injectable()
export class JobFeedService {
  constructor(
    private readonly changes: JobChanges,
    private readonly connections: SseConnections,
  ) {}

  /** FORBIDDEN (before anything is streamed) when a non-admin asks for another scope than their own. */
  open(principal: Principal, query: JobFeedQuery, request: Request, response: Response): void {
    const filter: FeedFilter = { scope: requestedScope(principal, query), types: query.type?.length ? new Set(query.type) : null };
    const connection = this.connections.start(request, response, 'feed', `jobs feed of ${principal.sub}`, 'comment');
    connection.onClose(
      this.changes.watch(filter, (signal) => {
        const { event, data } = feedEvent(signal);
        connection.send(event, data);
      }),
    );
    // Listening from here on: a view the client fetches after this event misses no change, so every
    // connection starts with it (the first, and each after a reconnection, whatever went unheard meanwhile).
    const { event, data } = feedEvent({ kind: 'resync' });
    connection.send(event, data);
  }
}
