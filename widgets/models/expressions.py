"""A small, safe arithmetic language for rate laws: parse, check, differentiate, evaluate.

The book's ODE models are written as data (``widgets/data/models/*.yml``); their rate
laws are expressions in this language, which both engines read: the Python one here
(for scipy) and the browser one (``widgets/explorers/live_assets/engine.js``), which
receives the parsed tree as JSON (:func:`to_json`) and compiles it to closures. Nothing
is ever passed to ``eval`` or ``exec`` on either side.

Grammar (whitespace is ignored)::

    expression := term (("+" | "-") term)*
    term       := unary (("*" | "/") unary)*
    unary      := ("-" | "+") unary | power
    power      := atom (("^" | "**") unary)?        # right-associative, binds tighter than "-"
    atom       := number | name | name "(" expression ("," expression)* ")" | "(" expression ")"

``number`` is a decimal with optional exponent (``2.265``, ``1e-3``); ``name`` is an
identifier (letters, digits, underscore; not starting with a digit). The functions are
:data:`FUNCTIONS`: ``exp``, ``log`` (natural), ``sqrt``, ``min`` and ``max`` (two
arguments). Powers cover Hill-type terms (``x^n / (K^n + x^n)``). A power of a
negative number to a non-integer exponent is NaN, in both engines.

The tree is made of the frozen classes :class:`Num`, :class:`Name`, :class:`Neg`,
:class:`BinOp` and :class:`Call`. :func:`derivative` differentiates symbolically (with
the chain rule through named helper expressions) and simplifies as it goes, so the
Jacobians shipped to the browser stay small.

Examples
--------
>>> e = parse("k * S^2 / (K^2 + S^2)")
>>> sorted(names(e))
['K', 'S', 'k']
>>> to_text(derivative(parse("k * exp(-a * t)"), "t"))
'k * (exp(-a * t) * -a)'
>>> evaluate(parse("max(1, 2) + 2^3"), {})
10.0
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

__all__ = [
    "FUNCTIONS",
    "BinOp",
    "Call",
    "Expression",
    "Name",
    "Neg",
    "Num",
    "compile_expression",
    "derivative",
    "evaluate",
    "from_json",
    "names",
    "parse",
    "substitute",
    "to_json",
    "to_text",
]

FUNCTIONS: Mapping[str, int] = {"exp": 1, "log": 1, "sqrt": 1, "min": 2, "max": 2}
"""The functions an expression may call, with their number of arguments."""

# Internal function produced by differentiating min/max: _le(a, b, x, y) = x if a <= b else y.
# It cannot be written in a definition (it is not in FUNCTIONS) but both engines evaluate it.
_SELECT = "_le"
_ALL_FUNCTIONS = {**FUNCTIONS, _SELECT: 4}
_OPERATORS = ("+", "-", "*", "/", "^")


@dataclass(frozen=True)
class Num:
    """A number."""

    value: float


@dataclass(frozen=True)
class Name:
    """A name: a species, a parameter or a helper expression."""

    id: str


@dataclass(frozen=True)
class Neg:
    """Unary minus."""

    arg: Expression


@dataclass(frozen=True)
class BinOp:
    """A binary operation; ``op`` is one of ``+ - * / ^``."""

    op: str
    left: Expression
    right: Expression


@dataclass(frozen=True)
class Call:
    """A call of one of :data:`FUNCTIONS`."""

    fn: str
    args: tuple[Expression, ...]


Expression = Union[Num, Name, Neg, BinOp, Call]
"""Any node of the expression tree."""


# ---------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>\*\*|[-+*/^(),]))"
)


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            bad = text[pos:].lstrip()[:1]
            where = len(text) - len(text[pos:].lstrip())
            raise ValueError(f"expression {text!r}: unexpected character {bad!r} at position {where}")
        kind = m.lastgroup or ""
        value = m.group(kind)
        out.append((kind, "^" if value == "**" else value, m.start(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokens(text)
        self.i = 0

    def error(self, message: str) -> ValueError:
        return ValueError(f"expression {self.text!r}: {message}")

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        token = self.peek()
        if token is None:
            raise self.error("ends too early" + (f" (expected {value!r})" if value else ""))
        if value is not None and token[1] != value:
            raise self.error(f"expected {value!r} at position {token[2]}, found {token[1]!r}")
        self.i += 1
        return token

    def at(self, *values: str) -> bool:
        token = self.peek()
        return token is not None and token[0] == "op" and token[1] in values

    def parse(self) -> Expression:
        if not self.tokens:
            raise self.error("is empty")
        node = self.expression()
        token = self.peek()
        if token is not None:
            raise self.error(f"unexpected {token[1]!r} at position {token[2]}")
        return node

    def expression(self) -> Expression:
        node = self.term()
        while self.at("+", "-"):
            op = self.take()[1]
            node = BinOp(op, node, self.term())
        return node

    def term(self) -> Expression:
        node = self.unary()
        while self.at("*", "/"):
            op = self.take()[1]
            node = BinOp(op, node, self.unary())
        return node

    def unary(self) -> Expression:
        if self.at("-"):
            self.take()
            return Neg(self.unary())
        if self.at("+"):
            self.take()
            return self.unary()
        return self.power()

    def power(self) -> Expression:
        base = self.atom()
        if self.at("^"):
            self.take()
            return BinOp("^", base, self.unary())
        return base

    def atom(self) -> Expression:
        kind, value, pos = self.take()
        if kind == "number":
            return Num(float(value))
        if kind == "name":
            if self.at("("):
                if value not in FUNCTIONS:
                    raise self.error(f"unknown function {value!r} at position {pos}; "
                                     f"allowed: {', '.join(FUNCTIONS)}")
                self.take("(")
                args = [self.expression()]
                while self.at(","):
                    self.take()
                    args.append(self.expression())
                self.take(")")
                if len(args) != FUNCTIONS[value]:
                    raise self.error(f"{value}() takes {FUNCTIONS[value]} argument(s), got {len(args)}")
                return Call(value, tuple(args))
            if value in FUNCTIONS:
                raise self.error(f"function {value!r} at position {pos} must be called with parentheses")
            return Name(value)
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        raise self.error(f"unexpected {value!r} at position {pos}")


def parse(text: str) -> Expression:
    """Parse an expression of the language (see the module docstring).

    Parameters
    ----------
    text : str
        The expression, for example ``"k_on * L * R - k_off * C"``.

    Returns
    -------
    Expression
        The tree.

    Raises
    ------
    ValueError
        If ``text`` is not a string or not a valid expression; the message quotes the
        expression and says what is wrong and where.

    Examples
    --------
    >>> parse("-x^2") == Neg(BinOp("^", Name("x"), Num(2.0)))
    True
    >>> parse("2 ** 3 ** 2") == BinOp("^", Num(2.0), BinOp("^", Num(3.0), Num(2.0)))
    True
    >>> parse("import os")
    Traceback (most recent call last):
    ...
    ValueError: expression 'import os': unexpected 'os' at position 7
    """
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise ValueError(f"an expression must be a string or a number, got {text!r}")
    if not isinstance(text, str):
        if not math.isfinite(float(text)):
            raise ValueError(f"an expression must be finite, got {text!r}")
        return Num(float(text))
    return _Parser(text).parse()


# ---------------------------------------------------------------------------------
# Inspection and printing
# ---------------------------------------------------------------------------------


def names(node: Expression) -> set[str]:
    """Every name an expression uses.

    Examples
    --------
    >>> sorted(names(parse("a * exp(b) + a")))
    ['a', 'b']
    """
    if isinstance(node, Name):
        return {node.id}
    if isinstance(node, Num):
        return set()
    if isinstance(node, Neg):
        return names(node.arg)
    if isinstance(node, BinOp):
        return names(node.left) | names(node.right)
    return set().union(*(names(a) for a in node.args))


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _negative_number(node: Expression) -> bool:
    return isinstance(node, Num) and node.value < 0


def to_text(node: Expression) -> str:
    """The expression as text that :func:`parse` reads back to the same tree.

    Examples
    --------
    >>> to_text(parse("(a + b) * c - -d"))
    '(a + b) * c - -d'
    >>> parse(to_text(parse("a - (b - c)"))) == parse("a - (b - c)")
    True
    """
    if isinstance(node, Num):
        return _number_text(node.value)
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Neg):
        arg = node.arg
        inner = to_text(arg)
        if (isinstance(arg, BinOp) and arg.op != "^") or (isinstance(arg, Num) and arg.value < 0):
            inner = f"({inner})"
        return f"-{inner}"
    if isinstance(node, BinOp):
        p = _PRECEDENCE[node.op]
        left, right = to_text(node.left), to_text(node.right)
        if node.op == "^":
            if not isinstance(node.left, (Name, Call)) and not (isinstance(node.left, Num) and node.left.value >= 0):
                left = f"({left})"
            if isinstance(node.right, BinOp) and node.right.op != "^" or _negative_number(node.right):
                right = f"({right})"
            return f"{left}^{right}"
        if (isinstance(node.left, BinOp) and _PRECEDENCE[node.left.op] < p) or _negative_number(node.left):
            left = f"({left})"
        if (isinstance(node.right, BinOp) and _PRECEDENCE[node.right.op] <= p) or _negative_number(node.right):
            right = f"({right})"
        return f"{left} {node.op} {right}"
    return f"{node.fn}({', '.join(to_text(a) for a in node.args)})"


def to_json(node: Expression) -> Any:
    """The tree as JSON for the browser engine: numbers, name strings and ``[op, ...]`` lists.

    ``["neg", a]`` is unary minus, ``["+", a, b]`` (and ``- * / ^``) a binary operation,
    ``["call", fn, a, ...]`` a function call.

    Examples
    --------
    >>> to_json(parse("2 * exp(-k)"))
    ['*', 2.0, ['call', 'exp', ['neg', 'k']]]
    """
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Neg):
        return ["neg", to_json(node.arg)]
    if isinstance(node, BinOp):
        return [node.op, to_json(node.left), to_json(node.right)]
    return ["call", node.fn, *(to_json(a) for a in node.args)]


def from_json(data: Any) -> Expression:
    """Read back a tree written by :func:`to_json` (checking every node).

    Raises
    ------
    ValueError
        If ``data`` is not a tree of the language.

    Examples
    --------
    >>> from_json(to_json(parse("a^2 + min(b, 1)"))) == parse("a^2 + min(b, 1)")
    True
    """
    if isinstance(data, bool):
        raise ValueError(f"not an expression node: {data!r}")
    if isinstance(data, (int, float)):
        return Num(float(data))
    if isinstance(data, str):
        if not data.isidentifier():
            raise ValueError(f"not a name: {data!r}")
        return Name(data)
    if isinstance(data, list) and data:
        head = data[0]
        if head == "neg" and len(data) == 2:
            return Neg(from_json(data[1]))
        if head in _OPERATORS and len(data) == 3:
            return BinOp(head, from_json(data[1]), from_json(data[2]))
        if head == "call" and len(data) >= 2 and data[1] in _ALL_FUNCTIONS and len(data) - 2 == _ALL_FUNCTIONS[data[1]]:
            return Call(data[1], tuple(from_json(a) for a in data[2:]))
    raise ValueError(f"not an expression node: {data!r}")


# ---------------------------------------------------------------------------------
# Simplifying constructors (used by differentiation and substitution)
# ---------------------------------------------------------------------------------


def _is(node: Expression, value: float) -> bool:
    return isinstance(node, Num) and node.value == value


def _neg(a: Expression) -> Expression:
    if isinstance(a, Num):
        return Num(-a.value)
    if isinstance(a, Neg):
        return a.arg
    return Neg(a)


def _add(a: Expression, b: Expression) -> Expression:
    if _is(a, 0):
        return b
    if _is(b, 0):
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value + b.value)
    if isinstance(b, Neg):
        return _sub(a, b.arg)
    return BinOp("+", a, b)


def _sub(a: Expression, b: Expression) -> Expression:
    if _is(b, 0):
        return a
    if _is(a, 0):
        return _neg(b)
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value - b.value)
    if isinstance(b, Neg):
        return _add(a, b.arg)
    return BinOp("-", a, b)


def _mul(a: Expression, b: Expression) -> Expression:
    if _is(a, 0) or _is(b, 0):
        return Num(0.0)
    if _is(a, 1):
        return b
    if _is(b, 1):
        return a
    if _is(a, -1):
        return _neg(b)
    if _is(b, -1):
        return _neg(a)
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(a.value * b.value)
    return BinOp("*", a, b)


def _div(a: Expression, b: Expression) -> Expression:
    if _is(a, 0):
        return Num(0.0)
    if _is(b, 1):
        return a
    if isinstance(a, Num) and isinstance(b, Num) and b.value != 0:
        return Num(a.value / b.value)
    return BinOp("/", a, b)


def _pow(a: Expression, b: Expression) -> Expression:
    if _is(b, 0):
        return Num(1.0)
    if _is(b, 1):
        return a
    if isinstance(a, Num) and isinstance(b, Num):
        folded = _power(a.value, b.value)
        if math.isfinite(folded):
            return Num(folded)
    return BinOp("^", a, b)


def _call(fn: str, *args: Expression) -> Expression:
    if all(isinstance(a, Num) for a in args):
        value = _FUNCTION_VALUES[fn](*(a.value for a in args))  # type: ignore[union-attr]
        if math.isfinite(value):
            return Num(value)
    return Call(fn, tuple(args))


_BUILD = {"+": _add, "-": _sub, "*": _mul, "/": _div, "^": _pow}


def _power(a: float, b: float) -> float:
    """``a ** b`` as both engines compute it: NaN, not a complex number, for a < 0 and non-integer b."""
    if a < 0 and not float(b).is_integer():
        return math.nan
    try:
        return float(a) ** b
    except ZeroDivisionError:
        return math.inf
    except OverflowError:
        return math.inf


def _safe_log(a: float) -> float:
    if a > 0:
        return math.log(a)
    return -math.inf if a == 0 else math.nan


def _safe_exp(a: float) -> float:
    try:
        return math.exp(a)
    except OverflowError:
        return math.inf


_FUNCTION_VALUES: dict[str, Callable[..., float]] = {
    "exp": _safe_exp,
    "log": _safe_log,
    "sqrt": lambda a: math.sqrt(a) if a >= 0 else math.nan,
    "min": min,
    "max": max,
    _SELECT: lambda a, b, x, y: x if a <= b else y,
}


def substitute(node: Expression, values: Mapping[str, Expression | float]) -> Expression:
    """Replace names by expressions or numbers, folding constants.

    Examples
    --------
    >>> to_text(substitute(parse("k * (1 - f) * S"), {"k": 2.0, "f": 0.5}))
    '1 * S'
    """
    if isinstance(node, Num):
        return node
    if isinstance(node, Name):
        if node.id not in values:
            return node
        v = values[node.id]
        return Num(float(v)) if isinstance(v, (int, float)) else v
    if isinstance(node, Neg):
        return _neg(substitute(node.arg, values))
    if isinstance(node, BinOp):
        left, right = substitute(node.left, values), substitute(node.right, values)
        if isinstance(left, Num) and isinstance(right, Num):
            return _BUILD[node.op](left, right)
        return BinOp(node.op, left, right)
    return _call(node.fn, *(substitute(a, values) for a in node.args))


# ---------------------------------------------------------------------------------
# Differentiation
# ---------------------------------------------------------------------------------


def derivative(node: Expression, variable: str, helpers: Mapping[str, Expression] | None = None) -> Expression:
    """Symbolic derivative of an expression with respect to one name.

    Parameters
    ----------
    node : Expression
        The expression.
    variable : str
        The name to differentiate by.
    helpers : mapping of str to Expression, optional
        Named helper expressions the expression may use; a helper's derivative is that
        of its definition (the chain rule), while the helper's *value* stays a name, so
        the result can use values computed once per evaluation.

    Returns
    -------
    Expression
        The derivative, simplified (``0 * x``, ``x * 1``, ``x + 0`` and constant
        subexpressions are folded).

    Examples
    --------
    >>> to_text(derivative(parse("a * x^3"), "x"))
    'a * (3 * x^2)'
    >>> to_text(derivative(parse("v / (1 + v)"), "x", {"v": parse("k * x")}))
    'k / (1 + v) - v * k / (1 + v)^2'
    >>> to_text(derivative(parse("min(x, 1)"), "x"))
    '_le(x, 1, 1, 0)'
    """
    helpers = helpers or {}
    cache: dict[str, Expression] = {}

    def d(n: Expression) -> Expression:
        if isinstance(n, Num):
            return Num(0.0)
        if isinstance(n, Name):
            if n.id == variable:
                return Num(1.0)
            if n.id in helpers:
                if n.id not in cache:
                    cache[n.id] = d(helpers[n.id])
                return cache[n.id]
            return Num(0.0)
        if isinstance(n, Neg):
            return _neg(d(n.arg))
        if isinstance(n, BinOp):
            a, b = n.left, n.right
            da, db = d(a), d(b)
            if n.op == "+":
                return _add(da, db)
            if n.op == "-":
                return _sub(da, db)
            if n.op == "*":
                return _add(_mul(da, b), _mul(a, db))
            if n.op == "/":
                return _sub(_div(da, b), _div(_mul(a, db), _pow(b, Num(2.0))))
            # power
            if _is(db, 0):
                if _is(da, 0):
                    return Num(0.0)
                exponent = _sub(b, Num(1.0)) if not isinstance(b, Num) else Num(b.value - 1.0)
                return _mul(_mul(b, _pow(a, exponent)), da)
            return _mul(n, _add(_mul(db, _call("log", a)), _div(_mul(b, da), a)))
        # calls
        args = n.args
        if n.fn == "exp":
            return _mul(n, d(args[0]))
        if n.fn == "log":
            return _div(d(args[0]), args[0])
        if n.fn == "sqrt":
            return _div(d(args[0]), _mul(Num(2.0), n))
        if n.fn in ("min", "max"):
            da, db = d(args[0]), d(args[1])
            if da == db:
                return da
            first, second = (da, db) if n.fn == "min" else (db, da)
            return Call(_SELECT, (args[0], args[1], first, second))
        raise ValueError(f"cannot differentiate {n.fn}()")  # pragma: no cover - _le is never differentiated

    return d(node)


# ---------------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------------

_Compiled = Callable[[Sequence[float]], float]


def compile_expression(node: Expression, slots: Mapping[str, int]) -> _Compiled:
    """Compile a tree into a Python closure ``f(values) -> float``.

    Parameters
    ----------
    node : Expression
        The tree; every name must have a slot.
    slots : mapping of str to int
        Index of each name in the sequence the closure receives.

    Returns
    -------
    callable
        ``f(values)``: the value of the expression, with ``values[slots[name]]`` for each
        name.

    Raises
    ------
    ValueError
        If the tree uses a name without a slot.

    Examples
    --------
    >>> f = compile_expression(parse("a * b + 1"), {"a": 0, "b": 1})
    >>> f([2.0, 3.0])
    7.0
    """
    if isinstance(node, Num):
        value = node.value
        return lambda v: value
    if isinstance(node, Name):
        if node.id not in slots:
            raise ValueError(f"no value for name {node.id!r}")
        i = slots[node.id]
        return lambda v: v[i]
    if isinstance(node, Neg):
        f = compile_expression(node.arg, slots)
        return lambda v: -f(v)
    if isinstance(node, BinOp):
        op = node.op
        # constants on either side are closed over (most rate laws are constant * state)
        if isinstance(node.left, Num) and op in "*+":
            c, g = node.left.value, compile_expression(node.right, slots)
            return (lambda v: c * g(v)) if op == "*" else (lambda v: c + g(v))
        if isinstance(node.right, Num) and op in "*+-/^":
            c, g = node.right.value, compile_expression(node.left, slots)
            if op == "*":
                return lambda v: g(v) * c
            if op == "+":
                return lambda v: g(v) + c
            if op == "-":
                return lambda v: g(v) - c
            if op == "/":
                return lambda v: _divide(g(v), c)
            if c == 2.0:
                return lambda v: _square(g(v))
            return lambda v: _power(g(v), c)
        f, g = compile_expression(node.left, slots), compile_expression(node.right, slots)
        if op == "+":
            return lambda v: f(v) + g(v)
        if op == "-":
            return lambda v: f(v) - g(v)
        if op == "*":
            return lambda v: f(v) * g(v)
        if op == "/":
            return lambda v: _divide(f(v), g(v))
        return lambda v: _power(f(v), g(v))
    fn = _FUNCTION_VALUES[node.fn]
    parts = [compile_expression(a, slots) for a in node.args]
    if len(parts) == 1:
        (p,) = parts
        return lambda v: fn(p(v))
    if node.fn == _SELECT:
        a, b, x, y = parts
        return lambda v: x(v) if a(v) <= b(v) else y(v)
    p, q = parts
    return lambda v: fn(p(v), q(v))


def _square(x: float) -> float:
    return x * x


def _divide(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:
        return math.nan if a == 0 or math.isnan(a) else math.copysign(math.inf, a)


def evaluate(node: Expression, values: Mapping[str, float]) -> float:
    """The value of an expression for given values of its names.

    Raises
    ------
    ValueError
        If a name has no value.

    Examples
    --------
    >>> evaluate(parse("log(x) / 2"), {"x": math.e ** 2})
    1.0
    """
    order = sorted(names(node))
    missing = [n for n in order if n not in values]
    if missing:
        raise ValueError(f"no value for name(s) {', '.join(map(repr, missing))}")
    return compile_expression(node, {n: i for i, n in enumerate(order)})([float(values[n]) for n in order])
