"""Anchor for `npm run bench -- serve`: the same model in scikit-learn behind FastAPI + uvicorn, written the
way a typical user writes it (a pydantic model of the record, a DataFrame of the posted records,
predict_proba), served by one uvicorn worker with its defaults (access log on).

    serve_fastapi.py check                                      prints the versions (exit 1 when an import fails)
    serve_fastapi.py fit <table.csv> <model.joblib> <params.json> <check.json>
    serve_fastapi.py serve <model.joblib> <def|async>
    serve_fastapi.py time <model.joblib> <requests.json>

`fit` trains the scikit-learn pipeline mlgate's builtin logistic trainer reproduces on the CSV (every column
but `churned`; numeric and categorical by dtype, as pandas.read_csv reads them)

    Pipeline([ColumnTransformer([("num", Pipeline([SimpleImputer(mean), StandardScaler()]), numeric),
                                 ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)]),
              LogisticRegression(C, solver="newton-cg", tol, max_iter)])

with C, tolerance and max-iterations from the same params file the builtin trainer reads, dumps it with joblib,
and prints one JSON line: P(churned = 1) of the records in check.json (a JSON array of records, as the servers
are sent), the solver's iterations, the training accuracy and the versions.

`serve` binds 127.0.0.1 on a free port itself, prints `http://127.0.0.1:<port>` on stdout, then runs uvicorn
on that socket: POST /predict takes a JSON array of records and answers
{"model": "churn", "version": 1, "predictions": [{"label": 0|1, "probabilities": [p0, p1]}, ...]}, from a
plain `def` endpoint (FastAPI runs it in its thread pool) or an `async def` one (on the event loop).
"""

import json
import socket
import sys
import time

LABEL = "churned"


def check():
    import fastapi
    import pandas
    import pydantic
    import sklearn
    import starlette
    import uvicorn

    try:
        import uvloop  # noqa: F401

        loop = "uvloop"
    except ImportError:
        loop = "asyncio"
    try:
        import httptools  # noqa: F401

        http = "httptools"
    except ImportError:
        http = "h11"
    print(
        f"FastAPI {fastapi.__version__}, Starlette {starlette.__version__}, pydantic {pydantic.VERSION}, "
        f"uvicorn {uvicorn.__version__} ({loop} loop, {http}), scikit-learn {sklearn.__version__}, "
        f"pandas {pandas.__version__}, Python {sys.version.split()[0]}"
    )


def pipeline(numeric, categorical, params):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    preprocess = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler())]), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    # newton-cg, not the default lbfgs: scipy's lbfgs stops on its relative-decrease test (ftol) ~3e-5 in
    # probability away from the optimum the builtin trainer reaches; newton-cg reaches it to ~1e-7. The fitted
    # pipeline, and so what serving it costs, is the same whichever solver found the coefficients.
    model = LogisticRegression(
        C=params.get("C", 1.0),
        solver="newton-cg",
        tol=params.get("tolerance", 1e-4),
        max_iter=params.get("max-iterations", 1000),
    )
    return Pipeline([("preprocess", preprocess), ("model", model)])


def fit(csv_path, model_path, params_path, check_path):
    import warnings

    import joblib
    import pandas as pd

    # newton-cg's line search warns once it is at rounding level of the optimum
    warnings.filterwarnings("ignore", message=".*[Ll]ine [Ss]earch")

    with open(params_path) as handle:
        params = json.load(handle)
    start = time.perf_counter()
    frame = pd.read_csv(csv_path)
    y = frame[LABEL]
    features = frame.drop(columns=[LABEL])
    numeric = features.select_dtypes("number").columns.tolist()
    categorical = [name for name in features.columns if name not in numeric]
    fitted = pipeline(numeric, categorical, params)
    fitted.fit(features, y)
    seconds = time.perf_counter() - start
    joblib.dump(fitted, model_path)

    with open(check_path) as handle:
        records = json.load(handle)
    loaded = joblib.load(model_path)
    probabilities = loaded.predict_proba(pd.DataFrame(records)[features.columns])[:, 1]
    print(
        json.dumps(
            {
                "probabilities": [float(p) for p in probabilities],
                "iterations": int(loaded.named_steps["model"].n_iter_[0]),
                "accuracy": float(loaded.score(features, y)),
                "numeric": numeric,
                "categorical": categorical,
                "seconds": seconds,
            }
        )
    )


def time_calls(model_path, requests_path):
    """Median ms of the endpoint's two steps outside the web stack, per request size: the DataFrame of the
    records, and predict_proba on it (one process, after a warm-up call)."""
    import statistics

    import joblib
    import pandas as pd

    model = joblib.load(model_path)
    with open(requests_path) as handle:
        records = json.load(handle)
    result = {}
    for rows in (1, len(records)):
        chosen = records[:rows]
        model.predict_proba(pd.DataFrame(chosen))
        frames, predicts = [], []
        for _ in range(50):
            start = time.perf_counter()
            frame = pd.DataFrame(chosen)
            middle = time.perf_counter()
            model.predict_proba(frame)
            end = time.perf_counter()
            frames.append((middle - start) * 1e3)
            predicts.append((end - middle) * 1e3)
        result[str(rows)] = {"frameMs": statistics.median(frames), "predictMs": statistics.median(predicts)}
    print(json.dumps(result))


def make_app(model_path, mode):
    from typing import List

    import joblib
    import pandas as pd
    from fastapi import FastAPI
    from pydantic import BaseModel

    class Customer(BaseModel):
        tenure_months: float
        monthly_charges: float
        total_charges: float
        support_calls: float
        age: float
        data_usage_gb: float
        late_payments: float
        satisfaction: float
        plan: str
        region: str

    model = joblib.load(model_path)
    app = FastAPI()

    def predictions(customers):
        frame = pd.DataFrame([customer.dict() for customer in customers])
        probabilities = model.predict_proba(frame)
        labels = model.classes_[probabilities.argmax(axis=1)]
        return {
            "model": "churn",
            "version": 1,
            "predictions": [
                {"label": int(label), "probabilities": row.tolist()} for label, row in zip(labels, probabilities)
            ],
        }

    if mode == "async":

        @app.post("/predict")
        async def predict_async(customers: List[Customer]):
            return predictions(customers)

    else:

        @app.post("/predict")
        def predict(customers: List[Customer]):
            return predictions(customers)

    return app


def serve(model_path, mode):
    import uvicorn

    app = make_app(model_path, mode)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    print(f"serving on http://127.0.0.1:{port}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="info"))
    server.run(sockets=[sock])


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "check":
        check()
    elif mode == "fit" and len(sys.argv) == 6:
        fit(*sys.argv[2:6])
    elif mode == "serve" and len(sys.argv) == 4 and sys.argv[3] in ("def", "async"):
        serve(sys.argv[2], sys.argv[3])
    elif mode == "time" and len(sys.argv) == 4:
        time_calls(sys.argv[2], sys.argv[3])
    else:
        sys.exit(
            "usage: serve_fastapi.py check\n"
            "       serve_fastapi.py fit <table.csv> <model.joblib> <params.json> <check.json>\n"
            "       serve_fastapi.py serve <model.joblib> <def|async>\n"
            "       serve_fastapi.py time <model.joblib> <requests.json>"
        )


if __name__ == "__main__":
    main()
