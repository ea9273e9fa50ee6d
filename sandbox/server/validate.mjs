// Request-body validation for the sandbox's REST APIs: collects every problem as { field, message } and
// answers 400 validation_error naming the fields, the way provider APIs report bad input.
// @ts-check
import { HttpError } from './http.mjs';

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * @param {unknown} body a parsed JSON body
 * @returns {Record<string, any>}
 */
export function objectBody(body) {
  if (!isObject(body)) throw new HttpError(400, 'invalid_request', 'The request body must be a JSON object.');
  return body;
}

/** Money in major units with at most two decimals, as the seeds send it (`99.00`, `49.99`). */
const MAX_AMOUNT = 1_000_000;

/**
 * A validator over one object. Each check reads `source[key]` and reports under `prefix + key`; it returns
 * the value (normalized) or undefined when absent or invalid.
 * @param {Record<string, any>} source
 * @param {string} [prefix] e.g. `subscription.` for a nested object
 * @param {{ field: string, message: string }[]} [errors] shared with nested validators
 */
export function validator(source, prefix = '', errors = []) {
  /**
   * @param {string} key
   * @param {string} message the rest of the sentence after the field name
   */
  const fail = (key, message) => {
    errors.push({ field: prefix + key, message: `${prefix + key} ${message}` });
    return undefined;
  };
  /** @param {string} key */
  const missing = (key) => source[key] === undefined || source[key] === null;

  return {
    errors,
    fail,
    /**
     * @param {string} key
     * @param {{ required?: boolean, max?: number, pattern?: RegExp, patternMessage?: string, oneOf?: readonly string[], fallback?: string }} [rules]
     * @returns {string | undefined}
     */
    string(key, { required = false, max = 200, pattern, patternMessage, oneOf, fallback } = {}) {
      if (missing(key)) return required ? fail(key, 'is required.') : fallback;
      const value = source[key];
      if (typeof value !== 'string') return fail(key, 'must be a string.');
      const trimmed = value.trim();
      if (!trimmed) return fail(key, 'must not be empty.');
      if (trimmed.length > max) return fail(key, `must be at most ${max} characters.`);
      if (oneOf && !oneOf.includes(trimmed)) return fail(key, `must be one of ${oneOf.join(', ')}.`);
      if (pattern && !pattern.test(trimmed)) return fail(key, patternMessage ?? 'is not valid.');
      return trimmed;
    },
    /**
     * @param {string} key
     * @param {{ required?: boolean, min?: number, max?: number, fallback?: number }} [rules]
     * @returns {number | undefined}
     */
    integer(key, { required = false, min = 0, max = Number.MAX_SAFE_INTEGER, fallback } = {}) {
      if (missing(key)) return required ? fail(key, 'is required.') : fallback;
      const value = source[key];
      if (!Number.isInteger(value) || value < min || value > max) {
        return fail(key, `must be a whole number from ${min} to ${max}.`);
      }
      return value;
    },
    /**
     * A positive amount in major units with at most two decimals.
     * @param {string} key
     * @returns {number | undefined}
     */
    money(key) {
      if (missing(key)) return fail(key, 'is required.');
      const value = source[key];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_AMOUNT) {
        return fail(key, `must be a number greater than 0 and at most ${MAX_AMOUNT}.`);
      }
      if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return fail(key, 'must have at most two decimals.');
      return value;
    },
    /**
     * @param {string} key
     * @param {boolean} fallback
     * @returns {boolean | undefined}
     */
    boolean(key, fallback) {
      if (missing(key)) return fallback;
      return typeof source[key] === 'boolean' ? source[key] : fail(key, 'must be true or false.');
    },
    /**
     * An ISO 4217 code in upper case.
     * @param {string} key
     */
    currency(key) {
      return this.string(key, { required: true, max: 3, pattern: /^[A-Z]{3}$/, patternMessage: 'must be an ISO 4217 code in upper case, e.g. CAD.' });
    },
    /**
     * An array of distinct strings, each one of `oneOf`.
     * @param {string} key
     * @param {readonly string[]} oneOf
     * @returns {string[] | undefined}
     */
    codes(key, oneOf) {
      if (missing(key)) return [];
      const value = source[key];
      if (!Array.isArray(value)) return fail(key, `must be an array of ${oneOf.join(', ')}.`);
      const bad = value.findIndex((code) => typeof code !== 'string' || !oneOf.includes(code));
      if (bad >= 0) return fail(`${key}[${bad}]`, `must be one of ${oneOf.join(', ')}.`);
      if (new Set(value).size !== value.length) return fail(key, 'must not repeat a code.');
      return value;
    },
    /**
     * A nested object, validated by `check` with its own prefix.
     * @template T
     * @param {string} key
     * @param {(nested: ReturnType<typeof validator>) => T} check
     * @returns {T | undefined}
     */
    object(key, check) {
      if (missing(key)) return fail(key, 'is required.');
      if (!isObject(source[key])) return fail(key, 'must be an object.');
      return check(validator(source[key], `${prefix + key}.`, errors));
    },
    /** Throws 400 validation_error when anything failed. */
    done() {
      if (errors.length) {
        throw new HttpError(400, 'validation_error', errors.map((error) => error.message).join(' '), {
          field: errors[0].field,
          fields: errors,
        });
      }
    },
  };
}

/** @typedef {ReturnType<typeof validator>} Validator */

/**
 * A 422 about one field that is well-formed but refers to something that cannot be used.
 * @param {string} code
 * @param {string} field
 * @param {string} message
 * @param {number} [status]
 */
export const fieldError = (code, field, message, status = 422) =>
  new HttpError(status, code, message, { field, fields: [{ field, message }] });
