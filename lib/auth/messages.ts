/** Messages of the sign-in form, shared by the action and the tests that check them. */

/** The same for an unknown email and a wrong password: the form never says which. */
export const WRONG_CREDENTIALS_MESSAGE = "The email or password is incorrect.";
export const RATE_LIMITED_MESSAGE = "Too many failed sign-in attempts. Wait 15 minutes and try again.";
export const TOO_MANY_PASSWORD_TRIES_MESSAGE = "Too many wrong passwords. Wait 15 minutes and try again.";
