// The record a tab keeps in sessionStorage while it is away on a provider's hosted page: its key, and whether
// there is one (checked when a hosted checkout mounts, to know whether the page code must look for a return).
// Writing and taking the record is ./redirect-return.ts, loaded with the page code.

/** The key prefix of redirect records, one per provider. */
export const REDIRECT_KEY = 'pay-checkout:redirect:';

/** True when this tab holds a record of leaving for `provider`'s hosted page: only then is a return handled. */
export const hasRedirect = (provider: string): boolean => {
  try {
    return sessionStorage.getItem(REDIRECT_KEY + provider) != null;
  } catch {
    return false;
  }
};
