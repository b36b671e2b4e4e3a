"""The SINDy anchor of bench/interpret.md: pysindy's STLSQ (de Silva et al. 2020, JOSS 5:2104;
Kaptanoglu et al. 2022, JOSS 7:3994) on the data, derivatives, polynomial library, threshold and
ridge weight that bench/interpret.ts gives our lib/discovery sindy(). Float64, one thread.

    PYTHONPATH=bench/.venv-interpret/pysindy-site bench/.venv-interpret/bin/python \
        bench/python/pysindy_stlsq.py PROBLEM.json

PROBLEM.json: {"rounds": R, "cases": [{name, t, X (samples × states), dXdt (same shape), degree,
threshold, alpha, maxIter, unbias, stateNames}]}. The derivatives are passed (x_dot), so both sides
fit the same numbers. Prints one JSON line: per case the coefficients as features × states (our
layout), the feature names, the wall time of each round of SINDy.fit (library + STLSQ + unbias),
pysindy's own FiniteDifference(order=2) derivatives of X (to compare with our finiteDifference), and
the versions.
"""

import json
import os
import sys
import time
import warnings

# One BLAS thread, as our float64 least squares runs on one core (set before numpy is imported).
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import importlib.metadata as metadata  # noqa: E402

import numpy as np  # noqa: E402
import pysindy as ps  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402


def run_case(case, rounds):
    t = np.asarray(case["t"], dtype=np.float64)
    X = np.asarray(case["X"], dtype=np.float64)
    dX = np.asarray(case["dXdt"], dtype=np.float64)
    times = []
    model = None
    for _ in range(rounds + 1):  # the first round warms up
        # A fresh optimizer each round: STLSQ keeps state (coef_, history_) between fits.
        model = ps.SINDy(
            optimizer=ps.STLSQ(
                threshold=case["threshold"],
                alpha=case["alpha"],
                max_iter=case["maxIter"],
                unbias=case["unbias"],
            ),
            feature_library=ps.PolynomialLibrary(degree=case["degree"], include_bias=True),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            start = time.perf_counter()
            model.fit(X, t=t, x_dot=dX, feature_names=case["stateNames"])
            times.append(time.perf_counter() - start)
    coefficients = np.asarray(model.coefficients()).T  # pysindy: states × features
    fd = ps.FiniteDifference(order=2)._differentiate(X, t)
    return {
        "name": case["name"],
        "coefficients": coefficients.tolist(),
        "featureNames": [n.replace(" ", "*") for n in model.get_feature_names()],
        "seconds": times[1:],
        "finiteDifference": np.asarray(fd).tolist(),
    }


def main():
    with open(sys.argv[1]) as f:
        problem = json.load(f)
    out = {
        "versions": {
            "pysindy": metadata.version("pysindy"),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "python": sys.version.split()[0],
        },
        "cases": [run_case(c, problem["rounds"]) for c in problem["cases"]],
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
