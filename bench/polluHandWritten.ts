/**
 * POLLU written out by hand, as the IVP test set's Fortran does it (Mazzia & Magherini, Test Set
 * for IVP Solvers, problem POLLU; Verwer 1994): the 25 reaction rates r1…r25, then each dy_i as
 * a signed sum of them. bench/systems.ts times this against the rhs the reaction language
 * compiles from `kinetics.polluNetwork()` and checks the two agree.
 */
const k = [
  0.35, 26.6, 1.23e4, 8.6e-4, 8.2e-4, 1.5e4, 1.3e-4, 2.4e4, 1.65e4, 9.0e3, 0.022, 1.2e4, 1.88, 1.63e4, 4.8e6, 3.5e-4,
  0.0175, 1.0e8, 4.44e11, 1240, 2.1, 5.78, 0.0474, 1780, 3.12,
];
const [
  k1,
  k2,
  k3,
  k4,
  k5,
  k6,
  k7,
  k8,
  k9,
  k10,
  k11,
  k12,
  k13,
  k14,
  k15,
  k16,
  k17,
  k18,
  k19,
  k20,
  k21,
  k22,
  k23,
  k24,
  k25,
] = k;

export function polluHandWritten(_t: number, y: Float64Array, dy: Float64Array): void {
  const r1 = k1 * y[0];
  const r2 = k2 * y[1] * y[3];
  const r3 = k3 * y[4] * y[1];
  const r4 = k4 * y[6];
  const r5 = k5 * y[6];
  const r6 = k6 * y[6] * y[5];
  const r7 = k7 * y[8];
  const r8 = k8 * y[8] * y[5];
  const r9 = k9 * y[10] * y[1];
  const r10 = k10 * y[10] * y[0];
  const r11 = k11 * y[12];
  const r12 = k12 * y[9] * y[1];
  const r13 = k13 * y[13];
  const r14 = k14 * y[0] * y[5];
  const r15 = k15 * y[2];
  const r16 = k16 * y[3];
  const r17 = k17 * y[3];
  const r18 = k18 * y[15];
  const r19 = k19 * y[15];
  const r20 = k20 * y[16] * y[5];
  const r21 = k21 * y[18];
  const r22 = k22 * y[18];
  const r23 = k23 * y[0] * y[3];
  const r24 = k24 * y[18] * y[0];
  const r25 = k25 * y[19];
  dy[0] = -r1 - r10 - r14 - r23 - r24 + r2 + r3 + r9 + r11 + r12 + r22 + r25;
  dy[1] = -r2 - r3 - r9 - r12 + r1 + r21;
  dy[2] = -r15 + r1 + r17 + r19 + r22;
  dy[3] = -r2 - r16 - r17 - r23 + r15;
  dy[4] = -r3 + r4 + r4 + r6 + r7 + r13 + r20;
  dy[5] = -r6 - r8 - r14 - r20 + r3 + r18 + r18;
  dy[6] = -r4 - r5 - r6 + r13;
  dy[7] = r4 + r5 + r6 + r7;
  dy[8] = -r7 - r8;
  dy[9] = -r12 + r7 + r9;
  dy[10] = -r9 - r10 + r8 + r11;
  dy[11] = r9;
  dy[12] = -r11 + r10;
  dy[13] = -r13 + r12;
  dy[14] = r14;
  dy[15] = -r18 - r19 + r16;
  dy[16] = -r20;
  dy[17] = r20;
  dy[18] = -r21 - r22 - r24 + r23 + r25;
  dy[19] = -r25 + r24;
}
