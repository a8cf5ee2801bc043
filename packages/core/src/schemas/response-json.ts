/** Reading the answers of a WhatsApp Flow (`nfm_reply`), which Meta sends as a JSON string. */

/**
 * Parses the `response_json` string of a Flow (`nfm_reply`) answer. Returns `undefined` instead of
 * throwing when the string is not valid JSON.
 */
export function parseResponseJson(message: {
  interactive: { nfm_reply: { response_json: string } };
}): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(message.interactive.nfm_reply.response_json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
