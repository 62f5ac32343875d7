import { describe, expect, it } from '@jest/globals';
import { CursorTrail } from './cursor-trail.js';

describe('the cursor trail', () => {
  it('knows the way back and the page number of pages reached by next', () => {
    const trail = new CursorTrail();
    trail.advance('?status=FAILED', null, 'c2');
    trail.advance('?status=FAILED', 'c2', 'c3');
    expect(trail.stepTo('?status=FAILED', null)).toEqual({ previous: null, pageNumber: 1 });
    expect(trail.stepTo('?status=FAILED', 'c2')).toEqual({ previous: null, pageNumber: 2 });
    expect(trail.stepTo('?status=FAILED', 'c3')).toEqual({ previous: 'c2', pageNumber: 3 });
  });

  it('knows nothing of a page opened from a link, nor of the same cursor in another listing', () => {
    const trail = new CursorTrail();
    trail.advance('?status=FAILED', null, 'c2');
    expect(trail.stepTo('', 'c2')).toBeNull();
    expect(trail.stepTo('?status=FAILED', 'elsewhere')).toBeNull();
    // Going on from an unknown page: the way back is known, the number is not.
    trail.advance('?status=FAILED', 'elsewhere', 'c9');
    expect(trail.stepTo('?status=FAILED', 'c9')).toEqual({ previous: 'elsewhere', pageNumber: Number.NaN });
  });

  it('forgets the oldest steps beyond its bound', () => {
    const trail = new CursorTrail();
    for (let index = 0; index < 600; index += 1) trail.advance('', index === 0 ? null : `c${index}`, `c${index + 1}`);
    expect(trail.stepTo('', 'c1')).toBeNull();
    expect(trail.stepTo('', 'c600')).toEqual({ previous: 'c599', pageNumber: 601 });
  });
});
