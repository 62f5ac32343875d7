import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Expose, Type } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { EnvironmentError, loadEnvironment } from './environment.js';

class SampleEnvironment {
  @Expose()
  @IsString()
  NAME: string;

  @Expose()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIZE: number = 4;
}

describe('loadEnvironment', () => {
  it('keeps defaults, converts values and ignores unrelated variables', () => {
    const env = loadEnvironment(SampleEnvironment, { NAME: 'x', PATH: '/bin', SIZE: undefined });
    expect(env).toEqual(Object.assign(new SampleEnvironment(), { NAME: 'x', SIZE: 4 }));
    expect(loadEnvironment(SampleEnvironment, { NAME: 'x', SIZE: '9' }).SIZE).toBe(9);
  });

  it('treats empty values as unset', () => {
    expect(loadEnvironment(SampleEnvironment, { NAME: 'x', SIZE: '' }).SIZE).toBe(4);
  });

  it('names every problem in one error', () => {
    const load = () => loadEnvironment(SampleEnvironment, { SIZE: 'lots' });
    expect(load).toThrow(EnvironmentError);
    expect(load).toThrow('Invalid environment:\n  - NAME: NAME must be a string\n  - SIZE: SIZE must be an integer number');
  });

  it('runs cross-variable checks once each variable is valid', () => {
    expect(() => loadEnvironment(SampleEnvironment, { NAME: 'x' }, () => ['NAME and SIZE disagree'])).toThrow('  - NAME and SIZE disagree');
  });
});
