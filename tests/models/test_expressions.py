"""The expression language of the model definitions: parsing, printing, derivatives, values."""

from __future__ import annotations

import math

import pytest

from widgets.models import expressions as ex
from widgets.models.expressions import BinOp, Call, Name, Neg, Num, parse


def test_precedence_and_associativity() -> None:
    assert parse("a + b * c") == BinOp("+", Name("a"), BinOp("*", Name("b"), Name("c")))
    assert parse("a - b - c") == BinOp("-", BinOp("-", Name("a"), Name("b")), Name("c"))
    assert parse("a / b / c") == BinOp("/", BinOp("/", Name("a"), Name("b")), Name("c"))
    assert parse("a ^ b ^ c") == BinOp("^", Name("a"), BinOp("^", Name("b"), Name("c")))
    assert parse("a ** b") == parse("a ^ b")
    assert parse("-a ^ 2") == Neg(BinOp("^", Name("a"), Num(2.0)))
    assert parse("a ^ -b") == BinOp("^", Name("a"), Neg(Name("b")))
    assert parse("+a") == Name("a")
    assert parse("2.5e-3") == Num(0.0025) and parse(".5") == Num(0.5) and parse("3") == Num(3.0)
    assert parse(4) == Num(4.0)  # type: ignore[arg-type]
    assert parse("max(a, min(b, 1))") == Call("max", (Name("a"), Call("min", (Name("b"), Num(1.0)))))


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    ("   ", "is empty"),
    ("a +", "ends too early"),
    ("(a + b", "expected ')'"),
    ("a + b)", "unexpected ')'"),
    ("a b", "unexpected 'b'"),
    ("a.b", "unexpected character '.'"),
    ("__import__('os')", "unexpected character \"'\""),
    ("__import__(os)", "unknown function '__import__'"),
    ("os.system('x')", "unexpected character '.'"),
    ("a[0]", "unexpected character '['"),
    ("lambda: 1", "unexpected character ':'"),
    ("a; b", "unexpected character ';'"),
    ("'text'", "unexpected character"),
    ("exp(a, b)", "exp() takes 1 argument(s), got 2"),
    ("min(a)", "min() takes 2 argument(s), got 1"),
    ("sin(a)", "unknown function 'sin'"),
    ("exp + 1", "must be called with parentheses"),
    ("_le(a, b, c, d)", "unknown function '_le'"),
    ("a == b", "unexpected character '='"),
    ("1e", "unexpected 'e'"),
])
def test_bad_expressions_are_refused_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match="expression") as info:
        parse(text)
    assert message in str(info.value)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("value", [None, True, [1], {"a": 1}, float("nan"), float("inf")])
def test_non_text_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="expression"):
        parse(value)  # type: ignore[arg-type]


ROUND_TRIP = [
    "a + b * c", "(a + b) * c", "a - (b - c)", "a - (b + c)", "a / (b * c)", "a / b * c", "-(a + b)", "-a * b",
    "-(a * b)", "(-a)^2", "a^-b", "a^(b + 1)", "(a^b)^c", "a^b^c", "2 * exp(-k * t) + log(x) / sqrt(y)",
    "min(a, b) - max(1, c)", "k * S^6 / (K^6 + S^6)", "a - -b", "1 - (a - b) - c", "3.25e-7 * x",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_printing_reads_back_to_the_same_tree(text: str) -> None:
    tree = parse(text)
    assert parse(ex.to_text(tree)) == tree
    assert ex.from_json(ex.to_json(tree)) == tree


@pytest.mark.parametrize("data", [True, "a.b", ["neg"], ["+", 1], ["call", "eval", "x"], ["call", "exp", 1, 2],
                                  {"op": "+"}, [], ["%", 1, 2], None])
def test_json_trees_are_checked(data: object) -> None:
    with pytest.raises(ValueError, match="not a"):
        ex.from_json(data)


DERIVATIVES = [
    ("x^3", {"x": 1.3}), ("a * x^2 + b * x", {"x": 0.7, "a": 2.0, "b": -1.0}),
    ("exp(-k * x) / (1 + x)", {"x": 0.4, "k": 2.0}),
    ("log(x^2 + 1)", {"x": 2.0}), ("sqrt(x) * x", {"x": 3.0}), ("x^y", {"x": 1.7, "y": 2.3}),
    ("y^x", {"x": 0.3, "y": 4.0}), ("x^6 / (c^6 + x^6)", {"x": 0.05, "c": 0.06}), ("-(x - 2)^2 / x", {"x": 1.1}),
    ("min(x, 1) + max(2 * x, 3)", {"x": 0.5}), ("min(x, 1) + max(2 * x, 3)", {"x": 2.0}),
    ("a / (1 + b * x)", {"a": 3.0, "b": 0.2, "x": 5.0}),
]


@pytest.mark.parametrize("text, point", DERIVATIVES)
def test_derivatives_match_finite_differences(text: str, point: dict) -> None:
    tree = parse(text)
    d = ex.derivative(tree, "x")
    h = 1e-6 * max(1.0, abs(point["x"]))
    up = ex.evaluate(tree, {**point, "x": point["x"] + h})
    down = ex.evaluate(tree, {**point, "x": point["x"] - h})
    assert ex.evaluate(d, point) == pytest.approx((up - down) / (2 * h), rel=1e-6, abs=1e-8)


def test_derivatives_are_simplified_and_follow_helpers() -> None:
    assert ex.derivative(parse("a * b"), "x") == Num(0.0)
    assert ex.to_text(ex.derivative(parse("3 * x"), "x")) == "3"
    helpers = {"v": parse("k * x * y"), "w": parse("v^2")}
    d = ex.derivative(parse("w + v"), "x", helpers)
    assert ex.evaluate(d, {"v": 6.0, "k": 2.0, "y": 3.0, "x": 1.0}) == pytest.approx(2 * 6.0 * 6.0 + 6.0)
    assert ex.names(d) <= {"v", "k", "y", "x"}


def test_values_follow_ieee_rules_in_both_engines() -> None:
    assert math.isnan(ex.evaluate(parse("x^0.5"), {"x": -4.0}))
    assert ex.evaluate(parse("x^2"), {"x": -4.0}) == 16.0
    assert math.isnan(ex.evaluate(parse("log(x)"), {"x": -1.0}))
    assert ex.evaluate(parse("log(x)"), {"x": 0.0}) == -math.inf
    assert ex.evaluate(parse("1 / x"), {"x": 0.0}) == math.inf
    assert math.isnan(ex.evaluate(parse("x / x"), {"x": 0.0}))
    assert ex.evaluate(parse("exp(x)"), {"x": 1000.0}) == math.inf
    assert math.isnan(ex.evaluate(parse("sqrt(x)"), {"x": -1.0}))
    with pytest.raises(ValueError, match="no value for name"):
        ex.evaluate(parse("a + b"), {"a": 1.0})


def test_substitution_folds_constants() -> None:
    tree = ex.substitute(parse("k * (1 - f) * S / (1 + c * 0 * T)"), {"k": 2.0, "f": 0.25, "c": 3.0})
    assert ex.to_text(tree) == "1.5 * S / (1 + 0 * T)"
    assert ex.substitute(parse("exp(a) + b"), {"a": 0.0, "b": 1.0}) == Num(2.0)
