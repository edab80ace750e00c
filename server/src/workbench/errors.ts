// The workbench's refusals: each names what is wrong and carries what the client needs to
// offer a way out (the current state, the existing entity, the claims in the way).
import { AppError } from '../errors';

export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, details);

/** 400 naming the body field: "body.target: ATTRIBUTED_TO cannot end at a Person …". */
export const invalidField = (field: string, message: string) =>
  new AppError(400, 'bad_request', `body.${field}: ${message}`, [{ path: [field], message }]);

export function staleVersion(
  what: string,
  given: string,
  current: Record<string, unknown> & { version: string },
) {
  return conflict(
    'stale_version',
    `${what} changed since you read it (your version ${given}, now ${current.version}); its current state is in details.current`,
    { current },
  );
}
