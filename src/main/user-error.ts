/** An error whose message is meant for the user. Only the message crosses the boundary. */
export class UserError extends Error {
  override name = 'UserError';
}
