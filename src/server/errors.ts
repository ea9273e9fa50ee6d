// Errors of the server-side provider clients: every failure of a provider call is one of these, carrying the
// provider's HTTP status, code and message (or why there was no answer).

/** A field the provider named in a 4xx answer. */
export interface ProviderFieldError {
  field: string;
  message: string;
}

export interface ProviderApiErrorInit {
  provider: string;
  /** The HTTP status the provider answered; 0 when it did not answer (`timeout`, `network_error`, `aborted`). */
  status: number;
  /** The provider's error code (`validation_error`, `payment_declined` …) or `timeout`, `network_error`, `aborted`, `invalid_response`. */
  code: string;
  message: string;
  method: string;
  /** The request path (no query, no credentials). */
  path: string;
  /** The first field the provider blamed, when it named one. */
  field?: string;
  fields?: ProviderFieldError[];
  /** The provider's answer: parsed JSON, or text when it was not JSON. */
  body?: unknown;
  cause?: unknown;
}

/** A provider call failed. Never carries credentials. */
export class ProviderApiError extends Error {
  readonly provider: string;
  readonly status: number;
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly field?: string;
  readonly fields: ProviderFieldError[];
  readonly body?: unknown;

  constructor(init: ProviderApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ProviderApiError';
    this.provider = init.provider;
    this.status = init.status;
    this.code = init.code;
    this.method = init.method;
    this.path = init.path;
    this.field = init.field;
    this.fields = init.fields ?? [];
    this.body = init.body;
  }

  /** True when retrying the same call may succeed: no answer, 408, 429 or 5xx. */
  get retryable(): boolean {
    return this.code === 'timeout' || this.code === 'network_error' || this.status == 408 || this.status == 429 || this.status >= 500;
  }
}

/** A PekoPay call failed. */
export class PekoPayError extends ProviderApiError {
  constructor(init: Omit<ProviderApiErrorInit, 'provider'>) {
    super({ ...init, provider: 'pekopay' });
    this.name = 'PekoPayError';
  }
}

/** A Reepay call failed. `code` is Reepay's error text (`Invoice not found` …); `reepayCode` its number. */
export class ReepayError extends ProviderApiError {
  /** Reepay's numeric error code (e.g. 16), when it answered one. */
  readonly reepayCode?: number;

  constructor(init: Omit<ProviderApiErrorInit, 'provider'>) {
    super({ ...init, provider: 'reepay' });
    this.name = 'ReepayError';
    const code = (init.body as { code?: unknown } | undefined)?.code;
    if (typeof code == 'number') this.reepayCode = code;
  }
}

/** A Paiwise call failed, or was refused before any request (`return_url_not_allowed`). */
export class PaiwiseError extends ProviderApiError {
  constructor(init: Omit<ProviderApiErrorInit, 'provider'>) {
    super({ ...init, provider: 'paiwise' });
    this.name = 'PaiwiseError';
  }
}
