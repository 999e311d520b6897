/**
 * Adam (Kingma & Ba) on a flat parameter vector, as `torch.optim.Adam` with
 * bias correction; DUSt3R's global alignment uses `betas = (0.9, 0.9)`.
 */

/** An Adam state over `size` parameters. */
export interface Adam {
  /** One update of `params` in place with gradient `grad` and learning rate `lr`. */
  step(params: Float64Array, grad: Float64Array, lr: number): void;
}

/** Creates an Adam optimiser. */
export function createAdam(size: number, options: { beta1?: number; beta2?: number; epsilon?: number } = {}): Adam {
  const beta1 = options.beta1 ?? 0.9,
    beta2 = options.beta2 ?? 0.9,
    epsilon = options.epsilon ?? 1e-8;
  const m = new Float64Array(size),
    v = new Float64Array(size);
  let t = 0;
  return {
    step(params, grad, lr) {
      t++;
      const c1 = 1 - beta1 ** t,
        c2 = 1 - beta2 ** t;
      for (let k = 0; k < size; k++) {
        const g = grad[k]!;
        const mk = (m[k] = beta1 * m[k]! + (1 - beta1) * g);
        const vk = (v[k] = beta2 * v[k]! + (1 - beta2) * g * g);
        params[k] = params[k]! - (lr * (mk / c1)) / (Math.sqrt(vk / c2) + epsilon);
      }
    },
  };
}

/** DUSt3R's linear schedule: `lr(t) = start + (end − start) · t` for `t = iteration / iterations`. */
export function linearSchedule(iteration: number, iterations: number, start: number, end: number): number {
  return start + ((end - start) * iteration) / iterations;
}
