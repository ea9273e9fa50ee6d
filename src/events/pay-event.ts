// The base of every `pay-*` event: bubbling, composed, with a typed read-only `detail`.

export class PayEvent<Detail> extends Event {
  constructor(
    type: string,
    readonly detail: Detail,
    cancelable = false,
  ) {
    super(type, { bubbles: true, composed: true, cancelable });
  }
}
