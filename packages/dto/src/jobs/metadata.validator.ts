import { metadataProblem } from '@jobs/contracts';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Client labels: a flat object of short strings, numbers and booleans (see `metadataProblem`). */
export function IsJobMetadata(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isJobMetadata',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => metadataProblem(value) === null,
        defaultMessage: (args) => `${args?.property ?? 'metadata'} ${metadataProblem(args?.value) ?? 'is invalid'}`,
      },
    });
  };
}
