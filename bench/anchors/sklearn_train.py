"""Anchor for `npm run bench -- train`: the scikit-learn pipeline mlgate's builtin trainer reproduces,
fitted on the same table in one process so its peak RSS is the measurement's.

    sklearn_train.py check                                  prints the versions (exit 1 without sklearn)
    sklearn_train.py fit <logistic|ridge> <train.json> <holdout.json>
    sklearn_train.py csv <logistic|ridge> <train.csv>

The table is the binary form bench/train/generate.ts writes: a JSON header (rows, byte order, each
column's offset, dtype and role, the categorical levels) beside a .bin file read with np.fromfile; the
categorical codes become object arrays of the level strings, as pandas.read_csv would give them.

Timed: Pipeline.fit alone, for
    Pipeline([ColumnTransformer([("num", Pipeline([SimpleImputer(mean), StandardScaler()]), numeric),
                                 ("cat", OneHotEncoder(handle_unknown="ignore"), categorical)]),
              LogisticRegression(C=1.0, max_iter=1000) | Ridge(alpha=1.0)])
Loading is timed apart; peak RSS (ru_maxrss, KB on Linux) is read right after the fit. The score is
held-out accuracy (logistic) or R² (ridge). Prints one JSON line:
{"seconds", "loadSeconds", "maxRssKb", "rows", "score", "detail"}. Imports load before the clock starts.

`csv` mode is the anchor of the `train` task end to end: pandas.read_csv of the CSV form of the same
table (bench/train/csv.ts: the feature columns, `label`, `target`), then the same Pipeline.fit on every
feature column against `label` (logistic) or `target` (ridge); `seconds` times both together,
`loadSeconds` the read_csv alone. The score, computed after the clock, is on the training rows (the
task trains on every row with validation-fraction 0 and reports training metrics).
"""

import json
import os
import resource
import sys
import time


def check():
    import numpy
    import scipy
    import sklearn

    blas = ""
    try:
        from threadpoolctl import threadpool_info

        pools = [f"{pool['internal_api']} {pool['num_threads']} threads" for pool in threadpool_info()]
        blas = "; " + ", ".join(pools) if pools else ""
    except Exception:  # threadpoolctl is optional for the report
        pass
    print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}, scipy {scipy.__version__}{blas}")


def load(header_path):
    import numpy as np
    import pandas as pd

    with open(header_path) as handle:
        header = json.load(handle)
    order = "<" if header["endianness"] == "LE" else ">"
    rows = header["rows"]
    data_path = os.path.join(os.path.dirname(header_path), header["data"])
    columns = {}
    numeric, categorical = [], []
    label = target = None
    for column in header["columns"]:
        dtype = np.dtype(order + ("f8" if column["dtype"] == "float64" else "i4"))
        values = np.fromfile(data_path, dtype=dtype, count=rows, offset=column["offset"])
        role = column["role"]
        if role == "numeric":
            columns[column["name"]] = values
            numeric.append(column["name"])
        elif role == "categorical":
            columns[column["name"]] = np.asarray(column["levels"], dtype=object)[values]
            categorical.append(column["name"])
        elif role == "label":
            label = values
        else:
            target = values
    return pd.DataFrame(columns), numeric, categorical, label, target


def pipeline(trainer, numeric, categorical):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    preprocess = ColumnTransformer(
        [
            ("num", Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler())]), numeric),
            ("cat", OneHotEncoder(handle_unknown="ignore"), categorical),
        ]
    )
    model = LogisticRegression(C=1.0, max_iter=1000) if trainer == "logistic" else Ridge(alpha=1.0)
    return Pipeline([("preprocess", preprocess), ("model", model)])


def fit(trainer, train_path, holdout_path):
    from sklearn.metrics import accuracy_score, r2_score

    load_start = time.perf_counter()
    frame, numeric, categorical, label, target = load(train_path)
    y = label if trainer == "logistic" else target
    fitted = pipeline(trainer, numeric, categorical)
    start = time.perf_counter()
    fitted.fit(frame, y)
    seconds = time.perf_counter() - start
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    load_seconds = start - load_start
    rows = len(frame)
    del frame

    holdout, _, _, holdout_label, holdout_target = load(holdout_path)
    predicted = fitted.predict(holdout)
    if trainer == "logistic":
        score = accuracy_score(holdout_label, predicted)
    else:
        score = r2_score(holdout_target, predicted)
    model = fitted.named_steps["model"]
    width = len(fitted.named_steps["preprocess"].get_feature_names_out())
    dense = not hasattr(fitted.named_steps["preprocess"].transform(holdout.head(1)), "toarray")
    solver = f"lbfgs {int(model.n_iter_[0])} iterations, " if trainer == "logistic" else ""
    detail = f"{solver}{width} features, {'dense' if dense else 'sparse'} design matrix"
    return {
        "seconds": seconds,
        "loadSeconds": load_seconds,
        "maxRssKb": max_rss_kb,
        "rows": rows,
        "score": float(score),
        "detail": detail,
    }


def fit_csv(trainer, csv_path):
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(csv_path)
    read = time.perf_counter()
    y = frame["label"] if trainer == "logistic" else frame["target"]
    features = frame.drop(columns=["label", "target"])
    numeric = features.select_dtypes("number").columns.tolist()
    categorical = [name for name in features.columns if name not in numeric]
    fitted = pipeline(trainer, numeric, categorical)
    fitted.fit(features, y)
    end = time.perf_counter()
    max_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    score = fitted.score(features, y)
    model = fitted.named_steps["model"]
    solver = f"lbfgs {int(model.n_iter_[0])} iterations, " if trainer == "logistic" else ""
    return {
        "seconds": end - start,
        "loadSeconds": read - start,
        "maxRssKb": max_rss_kb,
        "rows": len(frame),
        "score": float(score),
        "detail": f"{solver}{len(numeric)} numeric and {len(categorical)} categorical columns",
    }


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "check":
        check()
        return
    arguments = {"fit": 5, "csv": 4}
    if arguments.get(mode) != len(sys.argv) or sys.argv[2] not in ("logistic", "ridge"):
        sys.exit(
            "usage: sklearn_train.py fit <logistic|ridge> <train.json> <holdout.json>\n"
            "       sklearn_train.py csv <logistic|ridge> <train.csv>"
        )
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import sklearn.compose  # noqa: F401
    import sklearn.linear_model  # noqa: F401
    import sklearn.metrics  # noqa: F401
    import sklearn.preprocessing  # noqa: F401

    result = fit(sys.argv[2], sys.argv[3], sys.argv[4]) if mode == "fit" else fit_csv(sys.argv[2], sys.argv[3])
    print(json.dumps(result))


if __name__ == "__main__":
    main()
