import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/**
 * Whose jobs a read covers: by default the caller's own and their organisation's. Admins widen it to
 * every owner (`scope=all`) or narrow it to one (`ownerId`); anyone else asking for either gets 403.
 */
export class OwnerScopeQuery {
  /** Admins only: every owner's jobs. */
  @IsOptional()
  @IsIn(['all'], { message: 'scope must be all' })
  scope?: 'all';

  /** Admins only: one owner's jobs. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  ownerId?: string;
}
