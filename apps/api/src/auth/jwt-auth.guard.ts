import { ErrorCode } from '@jobs/contracts';
import { type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ProblemException } from '../problems/problem.exception.js';
import type { Principal } from './principal.js';

const IS_PUBLIC = 'isPublic';
/** Marks a route that needs no token (health probes). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
    if (error || !user) throw new ProblemException(401, ErrorCode.UNAUTHORIZED, describeAuthFailure(info));
    return user;
  }
}

function describeAuthFailure(info: unknown): string {
  const message = info instanceof Error ? info.message : '';
  if (/no auth token/i.test(message)) return 'Send a bearer token: Authorization: Bearer <JWT>.';
  if (/expired/i.test(message)) return 'The token has expired.';
  if (/not active/i.test(message)) return 'The token is not valid yet (nbf is in the future).';
  if (/audience|issuer/i.test(message)) return `The token was not issued for this service (${message}).`;
  if (/key set/i.test(message)) return "The token's key is not in the identity provider's key set (or the key set cannot be fetched now).";
  if (/signature|algorithm|malformed|invalid token|jwt must be/i.test(message)) return 'The token is malformed or its signature is not valid.';
  return 'The token is not valid.';
}
