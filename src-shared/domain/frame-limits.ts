// Limits the frame-format schema and the zod-free layout helpers both need; kept apart so
// neither of the two imports the other for a constant.
export const MAX_FORMAT_CHANNELS = 32;
/** Longest frame-parser script accepted (characters). */
export const MAX_SCRIPT_CHARS = 64 * 1024;
