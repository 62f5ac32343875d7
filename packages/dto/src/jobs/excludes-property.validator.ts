import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Fails when both this property and `other` are given. */
export function ExcludesProperty(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'excludesProperty',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options,
      validator: {
        validate: (_value: unknown, args) => (args?.object as Record<string, unknown>)[other] === undefined,
        defaultMessage: (args) => `${args?.property ?? String(propertyName)} and ${other} cannot both be given`,
      },
    });
  };
}
