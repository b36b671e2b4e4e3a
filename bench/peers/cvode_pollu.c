/* CVODE driver for POLLU, the 20-species air-pollution model of the IVP test set (Verwer 1994;
   Mazzia & Magherini, Test Set for IVP Solvers, problem POLLU), written by hand from the test
   set's reaction list as a C user of SUNDIALS would: a reaction table, mass-action rates, and the
   analytic Jacobian. Same protocol and JSON line as ../shared/peers/cvode_bench.c (CVODE BDF,
   dense direct solver, wall_sec = median of REPEATS create+solve+free), so bench/systems.ts can
   put it next to the shared HIRES peer. Built by bench/systems.ts with gcc and Debian's
   libsundials-dev (SUNDIALS >= 6).
   usage: cvode_pollu RTOL ATOL REPEATS [ref_0 … ref_19] */
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define NS 20
#define NR 25
/* One reaction: rate constant, up to two reactants (-1: none), up to three products (-1: none).
   Species are 0-based (y1 of the test set is index 0). */
typedef struct { double k; int a, b; int p[3]; } Reaction;
static const Reaction R[NR] = {
  {0.35, 0, -1, {1, 2, -1}},        /* r1:  y1 -> y2 + y3 */
  {26.6, 1, 3, {0, -1, -1}},        /* r2:  y2 + y4 -> y1 */
  {1.23e4, 4, 1, {0, 5, -1}},       /* r3:  y5 + y2 -> y1 + y6 */
  {8.6e-4, 6, -1, {4, 4, 7}},       /* r4:  y7 -> 2 y5 + y8 */
  {8.2e-4, 6, -1, {7, -1, -1}},     /* r5:  y7 -> y8 */
  {1.5e4, 6, 5, {4, 7, -1}},        /* r6:  y7 + y6 -> y5 + y8 */
  {1.3e-4, 8, -1, {4, 7, 9}},       /* r7:  y9 -> y5 + y8 + y10 */
  {2.4e4, 8, 5, {10, -1, -1}},      /* r8:  y9 + y6 -> y11 */
  {1.65e4, 10, 1, {0, 9, 11}},      /* r9:  y11 + y2 -> y1 + y10 + y12 */
  {9.0e3, 10, 0, {12, -1, -1}},     /* r10: y11 + y1 -> y13 */
  {0.022, 12, -1, {0, 10, -1}},     /* r11: y13 -> y1 + y11 */
  {1.2e4, 9, 1, {0, 13, -1}},       /* r12: y10 + y2 -> y1 + y14 */
  {1.88, 13, -1, {4, 6, -1}},       /* r13: y14 -> y5 + y7 */
  {1.63e4, 0, 5, {14, -1, -1}},     /* r14: y1 + y6 -> y15 */
  {4.8e6, 2, -1, {3, -1, -1}},      /* r15: y3 -> y4 */
  {3.5e-4, 3, -1, {15, -1, -1}},    /* r16: y4 -> y16 */
  {0.0175, 3, -1, {2, -1, -1}},     /* r17: y4 -> y3 */
  {1.0e8, 15, -1, {5, 5, -1}},      /* r18: y16 -> 2 y6 */
  {4.44e11, 15, -1, {2, -1, -1}},   /* r19: y16 -> y3 */
  {1240, 16, 5, {4, 17, -1}},       /* r20: y17 + y6 -> y5 + y18 */
  {2.1, 18, -1, {1, -1, -1}},       /* r21: y19 -> y2 */
  {5.78, 18, -1, {0, 2, -1}},       /* r22: y19 -> y1 + y3 */
  {0.0474, 0, 3, {18, -1, -1}},     /* r23: y1 + y4 -> y19 */
  {1780, 18, 0, {19, -1, -1}},      /* r24: y19 + y1 -> y20 */
  {3.12, 19, -1, {0, 18, -1}},      /* r25: y20 -> y1 + y19 */
};

static int pollu(realtype t, N_Vector yv, N_Vector dv, void *u) {
  const double *y = N_VGetArrayPointer(yv);
  double *d = N_VGetArrayPointer(dv);
  memset(d, 0, NS * sizeof *d);
  for (int r = 0; r < NR; r++) {
    const Reaction *q = &R[r];
    double w = q->k * y[q->a] * (q->b >= 0 ? y[q->b] : 1.0);
    d[q->a] -= w;
    if (q->b >= 0) d[q->b] -= w;
    for (int j = 0; j < 3; j++) if (q->p[j] >= 0) d[q->p[j]] += w;
  }
  return 0;
}

static int pollu_jac(realtype t, N_Vector yv, N_Vector fy, SUNMatrix Jm, void *u, N_Vector t1, N_Vector t2, N_Vector t3) {
  const double *y = N_VGetArrayPointer(yv);
  SUNMatZero(Jm);
  for (int r = 0; r < NR; r++) {
    const Reaction *q = &R[r];
    /* ∂w/∂y_a and ∂w/∂y_b of w = k y_a y_b (or k y_a) */
    int var[2] = {q->a, q->b};
    double dw[2] = {q->k * (q->b >= 0 ? y[q->b] : 1.0), q->b >= 0 ? q->k * y[q->a] : 0.0};
    for (int v = 0; v < 2; v++) {
      if (var[v] < 0) continue;
      int c = var[v];
      SM_ELEMENT_D(Jm, q->a, c) -= dw[v];
      if (q->b >= 0) SM_ELEMENT_D(Jm, q->b, c) -= dw[v];
      for (int j = 0; j < 3; j++) if (q->p[j] >= 0) SM_ELEMENT_D(Jm, q->p[j], c) += dw[v];
    }
  }
  return 0;
}

static double now(void) { struct timespec s; clock_gettime(CLOCK_MONOTONIC, &s); return s.tv_sec + 1e-9 * s.tv_nsec; }
static int cmp(const void *a, const void *b) { double x = *(double *)a, y = *(double *)b; return (x > y) - (x < y); }

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s rtol atol repeats [ref_0 ... ref_19]\n", argv[0]); return 2; }
  double rtol = atof(argv[1]), atol = atof(argv[2]);
  int reps = atoi(argv[3]); if (reps < 1) reps = 1; if (reps > 64) reps = 64;
  static const double y0[NS] = {0, 0.2, 0, 0.04, 0, 0, 0.1, 0.3, 0.01, 0, 0, 0, 0, 0, 0, 0, 0.007, 0, 0, 0};
  double walls[64], yT[NS];
  long nfe = 0, nfeLS = 0, nje = 0, nst = 0;
  for (int r = 0; r < reps; r++) {
    SUNContext ctx; SUNContext_Create(NULL, &ctx);
    double t0 = now();
    N_Vector y = N_VNew_Serial(NS, ctx);
    for (int i = 0; i < NS; i++) NV_Ith_S(y, i) = y0[i];
    void *mem = CVodeCreate(CV_BDF, ctx);
    SUNMatrix A = SUNDenseMatrix(NS, NS, ctx);
    SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
    if (!mem || !A || !LS || CVodeInit(mem, pollu, 0.0, y) || CVodeSStolerances(mem, rtol, atol) ||
        CVodeSetLinearSolver(mem, LS, A) || CVodeSetJacFn(mem, pollu_jac) || CVodeSetMaxNumSteps(mem, 1000000)) {
      fprintf(stderr, "cvode_pollu: CVODE setup failed\n"); return 3;
    }
    realtype t;
    int flag = CVode(mem, 60.0, y, &t, CV_NORMAL);
    walls[r] = now() - t0;
    if (flag < 0) { printf("{\"peer\":\"cvode %s\",\"problem\":\"pollu\",\"method\":\"CVODE_BDF\",\"rtol\":%g,\"atol\":%g,\"success\":false,\"flag\":%d,\"t_fail\":%.6g}\n", SUNDIALS_VERSION, rtol, atol, flag, (double)t); return 1; }
    CVodeGetNumRhsEvals(mem, &nfe); CVodeGetNumLinRhsEvals(mem, &nfeLS); CVodeGetNumJacEvals(mem, &nje); CVodeGetNumSteps(mem, &nst);
    for (int i = 0; i < NS; i++) yT[i] = NV_Ith_S(y, i);
    N_VDestroy(y); SUNMatDestroy(A); SUNLinSolFree(LS); CVodeFree(&mem); SUNContext_Free(&ctx);
  }
  qsort(walls, reps, sizeof *walls, cmp);
  double err = -1;
  if (argc - 4 == NS) {
    err = 0;
    for (int i = 0; i < NS; i++) { double ref = atof(argv[4 + i]); double e = fabs(yT[i] - ref) / (fabs(ref) + atol / rtol); if (e > err) err = e; }
  }
  printf("{\"peer\":\"cvode %s\",\"problem\":\"pollu\",\"method\":\"CVODE_BDF\",\"rtol\":%g,\"atol\":%g,\"wall_sec\":%.6g,"
         "\"nfev\":%ld,\"njev\":%ld,\"nsteps\":%ld,\"repeats\":%d,\"success\":true,\"error\":%.6g,\"y_final\":[",
         SUNDIALS_VERSION, rtol, atol, walls[reps / 2], nfe + nfeLS, nje, nst, reps, err);
  for (int i = 0; i < NS; i++) printf("%s%.17g", i ? "," : "", yT[i]);
  printf("]}\n");
  return 0;
}
