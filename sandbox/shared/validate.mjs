// Request-body validation for the sandbox's REST APIs: collects every problem as { field, error, message } and
// answers `validation_error` naming the fields, the way provider APIs report bad input (PekoPay with 400,
// Paiwise with 422). Reepay reports one problem at a time in its own shape (server/reepay/).
// @ts-check
import { HttpError, isObject } from './http.mjs';

export { isObject };

/** Money in major units with at most two decimals, as the seeds send it (`99.00`, `49.99`). */
const MAX_AMOUNT = 1_000_000;

/**
 * @typedef {{ field: string, error?: 'required' | 'invalid' | 'unknown', message: string }} FieldProblem
 * @typedef {object} ValidatorOptions
 * @property {string} [prefix] e.g. `subscription.` for a nested object
 * @property {FieldProblem[]} [errors] shared with nested validators
 * @property {number} [status] of the answer when anything failed (400)
 * @property {boolean} [emptyIsMissing] `""` counts as absent (Paiwise), instead of an empty value (PekoPay)
 * @property {boolean} [trim] strings are trimmed (true)
 * @property {boolean} [kinds] each problem says its kind in `error` (Paiwise), not only its message (PekoPay)
 */

/**
 * A validator over one object. Each check reads `source[key]` and reports under `prefix + key`; it returns
 * the value (normalized) or undefined when absent or invalid. `done()` throws when anything failed.
 */
export class Validator {
  /**
   * @param {Record<string, any>} source
   * @param {ValidatorOptions} [options]
   */
  constructor(source, { prefix = '', errors = [], status = 400, emptyIsMissing = false, trim = true, kinds = false } = {}) {
    this.source = source;
    this.prefix = prefix;
    this.errors = errors;
    this.options = { status, emptyIsMissing, trim, kinds };
  }

  /**
   * @param {string} key
   * @param {string} message the rest of the sentence after the field name
   * @param {NonNullable<FieldProblem['error']>} [error]
   * @returns {undefined}
   */
  fail(key, message, error = 'invalid') {
    const field = this.prefix + key;
    this.errors.push({ field, ...(this.options.kinds && { error }), message: `${field} ${message}` });
    return undefined;
  }

  /** @param {string} key */
  missing(key) {
    const value = this.source[key];
    return value === undefined || value === null || (this.options.emptyIsMissing && value === '');
  }

  /**
   * @param {string} key
   * @param {boolean} required
   * @param {any} fallback
   */
  absent(key, required, fallback) {
    return required ? this.fail(key, 'is required.', 'required') : fallback;
  }

  /**
   * @param {string} key
   * @param {{ required?: boolean, max?: number, pattern?: RegExp, patternMessage?: string, oneOf?: readonly string[], fallback?: string }} [rules]
   * @returns {string | undefined}
   */
  string(key, { required = false, max = 200, pattern, patternMessage, oneOf, fallback } = {}) {
    if (this.missing(key)) return this.absent(key, required, fallback);
    const value = this.source[key];
    if (typeof value !== 'string') return this.fail(key, 'must be a string.');
    const text = this.options.trim ? value.trim() : value;
    if (!text) return this.fail(key, 'must not be empty.');
    if (text.length > max) return this.fail(key, `must be at most ${max} characters.`);
    if (oneOf && !oneOf.includes(text)) return this.fail(key, `must be one of ${oneOf.join(', ')}.`);
    if (pattern && !pattern.test(text)) return this.fail(key, patternMessage ?? 'is not valid.');
    return text;
  }

  /**
   * An absolute http(s) URL.
   * @param {string} key
   * @param {{ required?: boolean }} [rules]
   */
  url(key, { required = false } = {}) {
    const text = this.string(key, { required, max: 2000 });
    if (text === undefined) return undefined;
    try {
      const url = new URL(text);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
    } catch {
      // reported below
    }
    return this.fail(key, 'must be an absolute http(s) URL.');
  }

  /**
   * @param {string} key
   * @param {{ required?: boolean, min?: number, max?: number, fallback?: number, unit?: string }} [rules]
   * @returns {number | undefined}
   */
  integer(key, { required = false, min = 0, max = Number.MAX_SAFE_INTEGER, fallback, unit = '' } = {}) {
    if (this.missing(key)) return this.absent(key, required, fallback);
    const value = this.source[key];
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return this.fail(key, `must be a whole number${unit} from ${min} to ${max}.`);
    }
    return value;
  }

  /**
   * A positive amount in major units with at most two decimals.
   * @param {string} key
   * @returns {number | undefined}
   */
  money(key) {
    if (this.missing(key)) return this.absent(key, true, undefined);
    const value = this.source[key];
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_AMOUNT) {
      return this.fail(key, `must be a number greater than 0 and at most ${MAX_AMOUNT}.`);
    }
    if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return this.fail(key, 'must have at most two decimals.');
    return value;
  }

  /**
   * @param {string} key
   * @param {boolean} fallback
   * @returns {boolean}
   */
  boolean(key, fallback) {
    if (this.missing(key)) return fallback;
    if (typeof this.source[key] === 'boolean') return this.source[key];
    this.fail(key, 'must be true or false.');
    return fallback;
  }

  /**
   * An ISO 4217 code in upper case.
   * @param {string} key
   */
  currency(key) {
    return this.string(key, {
      required: true,
      max: 3,
      pattern: /^[A-Z]{3}$/,
      patternMessage: 'must be an ISO 4217 code in upper case, e.g. CAD.',
    });
  }

  /**
   * An array of distinct strings, each one of `oneOf`.
   * @param {string} key
   * @param {readonly string[]} oneOf
   * @returns {string[]}
   */
  codes(key, oneOf) {
    if (this.missing(key)) return [];
    const value = this.source[key];
    if (!Array.isArray(value)) return this.fail(key, `must be an array of ${oneOf.join(', ')}.`) ?? [];
    const bad = value.findIndex((code) => typeof code !== 'string' || !oneOf.includes(code));
    if (bad >= 0) return this.fail(`${key}[${bad}]`, `must be one of ${oneOf.join(', ')}.`) ?? [];
    if (new Set(value).size !== value.length) return this.fail(key, 'must not repeat a code.') ?? [];
    return value;
  }

  /**
   * A nested object (or, with an index, an array item), validated by `check` with its own prefix.
   * @template T
   * @param {string} key
   * @param {(nested: Validator) => T} check
   * @returns {T | undefined}
   */
  object(key, check) {
    if (this.missing(key)) return this.absent(key, true, undefined);
    if (!isObject(this.source[key])) return this.fail(key, 'must be an object.');
    return check(this.nested(this.source[key], `${this.prefix + key}.`));
  }

  /**
   * A validator for `source` that reports into this one.
   * @param {Record<string, any>} source
   * @param {string} prefix
   */
  nested(source, prefix) {
    return new Validator(source, { ...this.options, prefix, errors: this.errors });
  }

  /** Throws `validation_error` (with every problem in `fields`) when anything failed. */
  done() {
    if (!this.errors.length) return;
    throw new HttpError(this.options.status, 'validation_error', this.errors.map((error) => error.message).join(' '), {
      field: this.errors[0].field,
      fields: this.errors,
    });
  }
}

/**
 * @param {Record<string, any>} source
 * @param {ValidatorOptions} [options]
 */
export const validator = (source, options) => new Validator(source, options);

/**
 * A 422 about one field that is well-formed but refers to something that cannot be used.
 * @param {string} code
 * @param {string} field
 * @param {string} message
 * @param {number} [status]
 */
export const fieldError = (code, field, message, status = 422) =>
  new HttpError(status, code, message, { field, fields: [{ field, message }] });
