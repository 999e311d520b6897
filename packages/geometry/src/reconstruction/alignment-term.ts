/**
 * The extension point of the global alignment: an {@link AlignmentTerm} adds a
 * loss over the current scene and its gradient with respect to the physical
 * quantities (depths, camera rotations and translations, focal length); the
 * optimiser chains them to its parameters. The temporal pose smoothness is
 * one; an optical-flow term (MonST3R's) is another, see {@link createFlowTerm}.
 */

/** What a term sees and where it writes its gradients, at one iteration. */
export interface AlignmentTermContext {
  /** 0-based iteration. */
  readonly iteration: number;
  /** Total number of iterations. */
  readonly iterations: number;
  /** Number of frames `F`. */
  readonly frames: number;
  /** Image width and height (pixels) of the pointmaps. */
  readonly width: number;
  readonly height: number;
  /** Row-major pixel indices (`v·W + u`) of the `S` optimised samples, the same in every frame. */
  readonly pixels: Int32Array;
  /** Current depth of every frame and sample, `[F·S]`. */
  readonly depth: Float64Array;
  /** Current camera-to-world rotations, row-major 3×3 per frame, `[F·9]`. */
  readonly rotation: Float64Array;
  /** Current camera-to-world translations, `[F·3]`. */
  readonly translation: Float64Array;
  /** Current shared focal length (pixels) and principal point. */
  readonly focal: number;
  readonly cx: number;
  readonly cy: number;
  /** Add `dL/d depth` here, `[F·S]`. */
  readonly gradDepth: Float64Array;
  /** Add `dL/dR` here (row-major per frame), `[F·9]`. */
  readonly gradRotation: Float64Array;
  /** Add `dL/dt` here, `[F·3]`. */
  readonly gradTranslation: Float64Array;
  /** Add `dL/df` here. */
  addFocalGradient(value: number): void;
}

/** An additive loss term of the global alignment. */
export interface AlignmentTerm {
  /** Short name, reported in the loss breakdown. */
  readonly name: string;
  /** Returns this term's (already weighted) loss and adds its weighted gradients to the context. */
  evaluate(context: AlignmentTermContext): number;
}
