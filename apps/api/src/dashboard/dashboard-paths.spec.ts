import { describe, expect, it } from '@jest/globals';
import { dashboardTarget } from './dashboard-paths.js';

describe('dashboardTarget', () => {
  it('gives the app its own routes', () => {
    expect(dashboardTarget([])).toEqual({ kind: 'page' });
    expect(dashboardTarget(['overview'])).toEqual({ kind: 'page' });
    expect(dashboardTarget(['jobs', '0b6f1d3e-4b1a-4f55-9a43-3c52a4d0e6c1'])).toEqual({ kind: 'page' });
    expect(dashboardTarget(['schedules', '5d0c9a7e-2f4b-4c1d-8e6a-9b3f7c2d1e0a'])).toEqual({ kind: 'page' });
  });

  it('names built assets by their path', () => {
    expect(dashboardTarget(['assets', 'index-3f2a.js'])).toEqual({ kind: 'asset', path: 'assets/index-3f2a.js' });
  });

  it('finds nothing anywhere else', () => {
    expect(dashboardTarget(['assets'])).toBeNull();
    expect(dashboardTarget(['assets', 'x', 'y.js'])).toBeNull();
    expect(dashboardTarget(['.vite', 'manifest.json'])).toBeNull();
    expect(dashboardTarget(['jobs', 'x', 'y'])).toBeNull();
    expect(dashboardTarget(['overview', 'more'])).toBeNull();
  });
});
