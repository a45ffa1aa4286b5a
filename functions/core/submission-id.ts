/**
 * What a submission id (the idempotency key of a filling-in) may look like: 8 to 100 visible ASCII
 * characters, such as a UUID. No spaces, control characters or anything invisible: an id is compared
 * byte for byte, and one that looks empty or like another would make retries unpredictable.
 */
export const submissionIdPattern = /^[!-~]{8,100}$/;
