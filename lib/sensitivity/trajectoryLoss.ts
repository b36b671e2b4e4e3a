/**
 * The fused engines' trajectory loss: Σ_k w_k·mean_k(ℓ(pred − target)) / Σ_k w_k with ℓ = |·|
 * ("mae", torchdiffeq's ode_demo) or (·)² ("mse"), and its gradient with respect to each
 * predicted state. The tfjs path of `fit` computes the same expression in tensors.
 */
export function trajectoryLoss(
  preds: Float64Array[],
  targets: Float64Array[],
  weights: number[],
  kind: "mae" | "mse",
): { loss: number; dLdy: Float64Array[] } {
  const wSum = weights.reduce((a, b) => a + b, 0);
  let loss = 0;
  const dLdy = targets.map((target, k) => {
    const pred = preds[k];
    const n = pred.length;
    const g = new Float64Array(n);
    const c = weights[k] / (wSum * n);
    for (let i = 0; i < n; i++) {
      const r = pred[i] - target[i];
      if (kind === "mse") {
        loss += c * r * r;
        g[i] = 2 * c * r;
      } else {
        loss += c * Math.abs(r);
        g[i] = c * Math.sign(r);
      }
    }
    return g;
  });
  return { loss, dLdy };
}
