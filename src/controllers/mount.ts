// The light-DOM mount point for hosted card fields (a "breadcrumb"). Hosted-field SDKs find their frame by
// name in the document, so it must sit in the document tree, not in a shadow root: when the element is inside
// other components' shadow roots, the mount point goes into the light DOM of the outermost host in the document
// and is projected back down through one slot per shadow root, all named for this instance (a name shared by two
// instances would project one's fields into the other).
import { randomId } from '../internal/random.js';

export class LightDomMount {
  /** The slot name of this instance, rendered in the element's fields region. */
  readonly slot = `pay-checkout-fields-${randomId(6)}`;
  private _point?: HTMLElement | undefined;
  /** The mount point and the slots projecting it, removed together. */
  private readonly _projection: Element[] = [];

  constructor(private readonly _host: HTMLElement) {}

  /** The mount point, made (with its slots) on first use. */
  container(): HTMLElement {
    if (!this._point) {
      // The slot rendered on a server (hydrated, not rendered again) has that render's name.
      const name = this._host.shadowRoot?.querySelector<HTMLSlotElement>('[part=fields] > slot')?.name ?? this.slot;
      let parent: Element = this._host;
      for (let root = this._host.getRootNode(); root instanceof ShadowRoot; root = parent.getRootNode()) {
        const slot = Object.assign(document.createElement('slot'), { name, slot: name });
        parent.append(slot);
        this._projection.push(slot);
        parent = root.host;
      }
      this._point = Object.assign(document.createElement('div'), { slot: name });
      parent.append(this._point);
      this._projection.push(this._point);
    }
    return this._point;
  }

  /**
   * What the payer acts on first, for focus(): the chosen saved card (not "Use a new card", the last choice), the
   * card fields' frame in the mount point (unless inert: loading, disabled), the hosted page's frame, or the Pay
   * button, else the choice the payer made ("Use a new card", "Save this card"); null when none is there.
   */
  firstFocusable(): HTMLElement | null {
    const root = this._host.shadowRoot;
    return (
      root?.querySelector<HTMLElement>('[part=card-option]:not(:last-of-type) :checked') ??
      (root?.querySelector('slot[inert]') ? null : this._point?.querySelector('iframe')) ??
      root?.querySelector<HTMLElement>('.hosted iframe:not([hidden]), button[part=button]:enabled, :checked') ??
      null
    );
  }

  /** Removes the mount point and its slots (the payment method stopped). */
  release(): void {
    for (const node of this._projection.splice(0)) node.remove();
    this._point = undefined;
  }
}
