"""Train the churn model: a scikit-learn pipeline, exported to ONNX for mlgate.

Run by `mlgate train --command "python train.py" --params params.yml`, which sets:

  MLGATE_DATA        the training files, joined with os.pathsep
  MLGATE_PARAMS      a JSON file with the params (params.yml, plus a search trial's values)
  MLGATE_OUTPUT_DIR  where to write model.onnx (required) and metrics.json (optional)

The pipeline is what people write for tabular data: mean imputation and standardisation for the
numbers, one-hot encoding for the categories, logistic regression. The ONNX file holds all of it and
takes one input per raw column (float [N, 1] for numbers, NaN when missing; string [N, 1] for
categories), so mlgate, `mlgate serve` and any ONNX Runtime feed it the columns by name. Outputs:
`label` [N] ("no" / "yes") and `probabilities` [N, 2] in that class order.

The export writes the fitted pipeline's graph with onnx.helper (needs only the `onnx` package).
"""

import json
import os

import numpy as np
import onnx
import pandas as pd
from onnx import TensorProto, helper
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

LABEL = "churned"
NUMERIC = ["tenure_months", "monthly_charges", "total_charges", "support_calls", "age"]
CATEGORICAL = ["plan", "region", "payment"]
# customer_id is an identifier, not a signal: it is not a feature

# the same names as mlgate's builtin trainers, so one params.yml serves both training paths
DEFAULTS = {"C": 1.0, "max-iterations": 1000, "tolerance": 1e-4, "validation-fraction": 0.2, "seed": 0}


def read_params():
    params = dict(DEFAULTS)
    path = os.environ.get("MLGATE_PARAMS")
    if path:
        with open(path, encoding="utf-8") as file:
            params.update(json.load(file))
    unknown = set(params) - set(DEFAULTS)
    if unknown:
        raise SystemExit(f"train.py: unknown params {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    return params


def read_data():
    paths = [p for p in os.environ["MLGATE_DATA"].split(os.pathsep) if p]
    frame = pd.concat([pd.read_csv(p) for p in paths], ignore_index=True)
    frame[CATEGORICAL] = frame[CATEGORICAL].fillna("").astype(str)  # "" when missing, as mlgate feeds it
    frame[NUMERIC] = frame[NUMERIC].astype("float64")
    if frame[LABEL].isna().any():
        raise SystemExit(f"train.py: {int(frame[LABEL].isna().sum())} rows have no '{LABEL}' label")
    return frame[NUMERIC + CATEGORICAL], frame[LABEL].astype(str)


def make_pipeline(params):
    numbers = Pipeline([("impute", SimpleImputer(strategy="mean")), ("scale", StandardScaler())])
    categories = OneHotEncoder(handle_unknown="ignore")
    return Pipeline(
        [
            ("columns", ColumnTransformer([("numeric", numbers, NUMERIC), ("categorical", categories, CATEGORICAL)])),
            (
                "model",
                LogisticRegression(C=params["C"], max_iter=params["max-iterations"], tol=params["tolerance"]),
            ),
        ]
    )


def scores(pipeline, X, y):
    probabilities = pipeline.predict_proba(X)
    positive = list(pipeline.classes_).index("yes")
    return {
        "accuracy": accuracy_score(y, pipeline.predict(X)),
        "log_loss": log_loss(y, probabilities, labels=pipeline.classes_),
        "roc_auc": roc_auc_score(y == "yes", probabilities[:, positive]),
    }


def to_onnx(pipeline):
    """The fitted pipeline as an ONNX graph (opset 15 + ai.onnx.ml 3), column by column."""
    columns = pipeline.named_steps["columns"]
    imputer = columns.named_transformers_["numeric"].named_steps["impute"]
    scaler = columns.named_transformers_["numeric"].named_steps["scale"]
    encoder = columns.named_transformers_["categorical"]
    model = pipeline.named_steps["model"]
    classes = [str(c) for c in model.classes_]

    def floats(name, values, shape):
        return helper.make_tensor(name, TensorProto.FLOAT, shape, np.asarray(values, dtype=np.float32).ravel())

    inputs = [helper.make_tensor_value_info(c, TensorProto.FLOAT, ["N", 1]) for c in NUMERIC]
    inputs += [helper.make_tensor_value_info(c, TensorProto.STRING, ["N", 1]) for c in CATEGORICAL]
    k = len(NUMERIC)
    initializers = [
        floats("fill", imputer.statistics_, [k]),
        floats("mean", scaler.mean_, [k]),
        floats("scale", scaler.scale_, [k]),
        floats("coef", model.coef_, list(model.coef_.shape)),
        floats("intercept", model.intercept_, [1]),
        floats("one", [1.0], [1]),
        helper.make_tensor("classes", TensorProto.STRING, [len(classes)], [c.encode() for c in classes]),
    ]
    nodes = [
        # numbers: NaN → the training mean, then standardised
        helper.make_node("Concat", NUMERIC, ["numeric"], axis=1),
        helper.make_node("IsNaN", ["numeric"], ["missing"]),
        helper.make_node("Where", ["missing", "fill", "numeric"], ["imputed"]),
        helper.make_node("Sub", ["imputed", "mean"], ["centered"]),
        helper.make_node("Div", ["centered", "scale"], ["standardized"]),
    ]
    blocks = ["standardized"]
    for column, categories in zip(CATEGORICAL, encoder.categories_):
        values = [str(v) for v in categories]
        # a category unseen in training encodes as all zeros, as handle_unknown="ignore"
        nodes.append(
            helper.make_node(
                "OneHotEncoder", [column], [f"{column}_onehot"], domain="ai.onnx.ml", cats_strings=values, zeros=1
            )
        )
        initializers.append(helper.make_tensor(f"{column}_shape", TensorProto.INT64, [2], [-1, len(values)]))
        nodes.append(helper.make_node("Reshape", [f"{column}_onehot", f"{column}_shape"], [f"{column}_encoded"]))
        blocks.append(f"{column}_encoded")
    nodes += [
        helper.make_node("Concat", blocks, ["features"], axis=1),
        helper.make_node("Gemm", ["features", "coef", "intercept"], ["logit"], transB=1),
        helper.make_node("Sigmoid", ["logit"], ["p_yes"]),
        helper.make_node("Sub", ["one", "p_yes"], ["p_no"]),
        helper.make_node("Concat", ["p_no", "p_yes"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["index"], axis=1, keepdims=0),
        helper.make_node("Gather", ["classes", "index"], ["label"], axis=0),
    ]
    outputs = [
        helper.make_tensor_value_info("label", TensorProto.STRING, ["N"]),
        helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", len(classes)]),
    ]
    graph = helper.make_graph(nodes, "churn", inputs, outputs, initializers)
    onnx_model = helper.make_model(
        graph,
        producer_name="examples/churn/train.py",
        opset_imports=[helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 3)],
    )
    onnx_model.ir_version = 8
    onnx.checker.check_model(onnx_model)
    return onnx_model


def main():
    params = read_params()
    X, y = read_data()
    if sorted(y.unique()) != ["no", "yes"]:
        raise SystemExit(f"train.py: '{LABEL}' must hold 'no' and 'yes', found {sorted(y.unique())}")
    metrics = {}
    if params["validation-fraction"] > 0:
        X_train, X_valid, y_train, y_valid = train_test_split(
            X, y, test_size=params["validation-fraction"], random_state=params["seed"], stratify=y
        )
    else:
        X_train, y_train = X, y
    pipeline = make_pipeline(params).fit(X_train, y_train)
    metrics["train"] = scores(pipeline, X_train, y_train)
    if params["validation-fraction"] > 0:
        metrics["validation"] = scores(pipeline, X_valid, y_valid)
    print(f"trained on {len(X_train)} rows: " + json.dumps(metrics))

    out = os.environ.get("MLGATE_OUTPUT_DIR", ".")
    with open(os.path.join(out, "model.onnx"), "wb") as file:
        file.write(to_onnx(pipeline).SerializeToString())
    with open(os.path.join(out, "metrics.json"), "w", encoding="utf-8") as file:
        json.dump(metrics, file, indent=2)


if __name__ == "__main__":
    main()
