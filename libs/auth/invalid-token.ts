import { Text } from '../text/text';

/** Why a token was refused, in the words a user reads. */
export class InvalidToken extends Error {
  constructor(readonly reason: Text) {
    super(reason.en);
  }
}
