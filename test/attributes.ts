// Setting an element's attributes from a record, for the helpers of every tier: free of side effects, so that
// the end-to-end tier's setup (test/e2e/support.ts) shares it without the element tier's (test/helpers.ts).

/** Sets `attributes` on `target` (null leaves one out) and returns it. */
export const setAttributes = <T extends Element>(target: T, attributes: Record<string, string | null>): T => {
  for (const [name, value] of Object.entries(attributes)) if (value != null) target.setAttribute(name, value);
  return target;
};
