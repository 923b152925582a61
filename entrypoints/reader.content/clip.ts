/**
 * What of a cell can be seen: its box cut by every scroll container of the page around it (which
 * cut off what sticks out, and so a mark laid over it). The containers of each cell are looked up
 * once; the boxes are measured at every layout.
 */

/** Overflow values that cut off what sticks out. */
const CLIPS = /^(hidden|auto|scroll|clip|overlay)$/;

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export class Clipper {
  private readonly cache = new WeakMap<Element, Element[]>();

  constructor(private readonly doc: Document) {}

  /** The cell's box in the viewport, cut to its scroll containers (possibly empty). */
  visibleBox(el: Element): Box {
    const r = el.getBoundingClientRect();
    const box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (const c of this.containers(el)) {
      const cr = c.getBoundingClientRect();
      box.left = Math.max(box.left, cr.left);
      box.top = Math.max(box.top, cr.top);
      box.right = Math.min(box.right, cr.right);
      box.bottom = Math.min(box.bottom, cr.bottom);
    }
    return box;
  }

  private containers(el: Element): Element[] {
    let list = this.cache.get(el);
    if (list) return list;
    list = [];
    const view = this.doc.defaultView as Window;
    for (let p = el.parentElement; p && p !== this.doc.body && p !== this.doc.documentElement; p = p.parentElement) {
      const s = view.getComputedStyle(p);
      if (CLIPS.test(s.overflowX) || CLIPS.test(s.overflowY)) list.push(p);
    }
    this.cache.set(el, list);
    return list;
  }
}
