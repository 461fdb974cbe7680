#!/usr/bin/python3
"""Writes the PyTorch reference values of the backend conformance suite.

Run from anywhere with Debian's PyTorch 1.13 (`/usr/bin/python3`):

    /usr/bin/python3 packages/tensor/scripts/generate-conformance-fixtures.py

It writes one JSON file per group of core ops to `packages/tensor/src/testing/__fixtures__/`.
Each file holds a list of cases:

    {"name": ..., "op": ..., "attributes": {...},
     "inputs":  [{"dtype", "shape", "values", "grad": bool}],
     "outputs": [{"dtype", "shape", "values"}],
     "upstream": [values or null, one per output],   # only for gradient cases
     "grads":    [values or null, one per input]}     # only for gradient cases

`op` and `attributes` name the `@mmpt/tensor` call (see `src/testing/reference-ops.ts`).
Inputs are float32 values (exactly representable, written in their shortest form); outputs and
gradients are computed in float64 from those inputs and written with 9 significant digits. JSON
has no infinities or NaN, so they are written as the strings "inf", "-inf" and "nan". The
gradients are those of sum(output * upstream) for a fixed pseudo-random upstream gradient.
Everything is seeded: running the script twice writes the same files.
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, '..', 'src', 'testing', '__fixtures__')

rng = np.random.default_rng(20240611)


# ---------------------------------------------------------------------------------------------
# Inputs


def uniform(shape, low=-2.0, high=2.0, decimals=3):
    """float32 values rounded to a few decimals (short in JSON, exactly representable)."""
    return np.asarray(np.round(rng.uniform(low, high, size=shape), decimals), dtype=np.float32)


def distinct(shape, scale=0.25, offset=None):
    """Distinct float32 values (a shuffled ramp), for ops whose result depends on the order."""
    count = int(np.prod(shape)) if len(shape) > 0 else 1
    ramp = rng.permutation(count).astype(np.float64)
    if offset is None:
        offset = (count - 1) / 2
    return ((ramp - offset) * scale).astype(np.float32).reshape(shape)


def floats(values, shape=None):
    array = np.array(values, dtype=np.float32)
    return array.reshape(shape) if shape is not None else array


def ints(values, shape=None):
    array = np.array(values, dtype=np.int32)
    return array.reshape(shape) if shape is not None else array


def bools(values, shape=None):
    array = np.array(values, dtype=np.bool_)
    return array.reshape(shape) if shape is not None else array


# ---------------------------------------------------------------------------------------------
# Encoding


def encode_number(value, digits):
    value = float(value)
    if math.isnan(value):
        return 'nan'
    if math.isinf(value):
        return 'inf' if value > 0 else '-inf'
    if digits is None:
        # Shortest text that reads back as the same float32.
        text = np.format_float_positional(np.float32(value), unique=True, trim='-')
        number = float(text)
    else:
        number = float('%.*g' % (digits, value))
    return int(number) if number.is_integer() and abs(number) < 2**31 else number


def dtype_name(array):
    if isinstance(array, torch.Tensor):
        if array.dtype == torch.bool:
            return 'bool'
        if array.dtype in (torch.int32, torch.int64):
            return 'int32'
        return 'float32'
    if array.dtype == np.bool_:
        return 'bool'
    if array.dtype in (np.int32, np.int64):
        return 'int32'
    return 'float32'


def encode_values(array, digits):
    if isinstance(array, torch.Tensor):
        array = array.detach().cpu().numpy()
    flat = np.asarray(array).reshape(-1)
    if flat.dtype == np.bool_:
        return [1 if item else 0 for item in flat]
    if flat.dtype in (np.int32, np.int64):
        return [int(item) for item in flat]
    return [encode_number(item, digits) for item in flat]


def encode_tensor(array, digits):
    shape = list(array.shape)
    return {'dtype': dtype_name(array), 'shape': shape, 'values': encode_values(array, digits)}


# ---------------------------------------------------------------------------------------------
# Cases


def to_torch(array, requires_grad):
    if array.dtype == np.bool_:
        return torch.from_numpy(array.copy())
    if array.dtype == np.int32:
        return torch.from_numpy(array.astype(np.int64))
    return torch.from_numpy(array.astype(np.float64)).requires_grad_(requires_grad)


def make_case(name, op, attributes, inputs, compute, grad=True, no_grad_inputs=()):
    """Runs `compute` on float64 copies of `inputs` and records outputs (and gradients)."""
    differentiable = [
        grad and index not in no_grad_inputs and array.dtype == np.float32 for index, array in enumerate(inputs)
    ]
    tensors = [to_torch(array, differentiable[index]) for index, array in enumerate(inputs)]
    result = compute(*tensors)
    outputs = list(result) if isinstance(result, (tuple, list)) else [result]
    case = {
        'name': name,
        'op': op,
        'attributes': attributes,
        'inputs': [
            dict(encode_tensor(array, None), grad=differentiable[index]) for index, array in enumerate(inputs)
        ],
        'outputs': [encode_tensor(output, 9) for output in outputs],
    }
    if any(differentiable):
        upstream = []
        for output in outputs:
            if output.dtype.is_floating_point and output.requires_grad:
                upstream.append(torch.from_numpy(uniform(tuple(output.shape), -1, 1, 2).astype(np.float64)))
            else:
                upstream.append(None)
        pairs = [(output, up) for output, up in zip(outputs, upstream) if up is not None]
        wanted = [tensor for tensor, flag in zip(tensors, differentiable) if flag]
        grads = torch.autograd.grad([p[0] for p in pairs], wanted, [p[1] for p in pairs], allow_unused=True)
        grads = list(grads)
        case['upstream'] = [None if up is None else encode_values(up, None) for up in upstream]
        case['grads'] = []
        for tensor, flag in zip(tensors, differentiable):
            if not flag:
                case['grads'].append(None)
                continue
            value = grads.pop(0)
            if value is None:
                value = torch.zeros_like(tensor)
            case['grads'].append(encode_values(value, 9))
    return case


def write(name, cases):
    path = os.path.join(OUT_DIR, name)
    text = json.dumps(
        {
            'about': 'PyTorch %s reference values; written by packages/tensor/scripts/generate-conformance-fixtures.py, do not edit.'
            % torch.__version__.split('a')[0],
            'cases': cases,
        },
        separators=(',', ':'),
    )
    with open(path, 'w') as handle:
        handle.write(text + '\n')
    print('%s: %d cases, %d bytes' % (os.path.relpath(path), len(cases), len(text)))


# ---------------------------------------------------------------------------------------------
# Elementwise

UNARY = {
    # op: (torch function, input values, differentiable)
    'neg': (torch.neg, lambda: uniform((2, 5), -3, 3), True),
    'abs': (torch.abs, lambda: floats([-2.5, -1, -0.25, 0, 0.375, 1.5, 3]), True),
    'exp': (torch.exp, lambda: uniform((2, 5), -3, 3), True),
    'log': (torch.log, lambda: uniform((2, 5), 0.1, 5), True),
    'log1p': (torch.log1p, lambda: floats([-0.9, -0.5, -1e-4, 1e-5, 0.3, 2, 7.5]), True),
    'expm1': (torch.expm1, lambda: floats([-3, -0.5, -1e-4, 1e-5, 0.3, 2]), True),
    'sqrt': (torch.sqrt, lambda: uniform((2, 5), 0.1, 9), True),
    'rsqrt': (torch.rsqrt, lambda: uniform((2, 5), 0.1, 9), True),
    'square': (torch.square, lambda: uniform((2, 5), -3, 3), True),
    'reciprocal': (torch.reciprocal, lambda: floats([-4, -0.5, -0.125, 0.25, 1, 3]), True),
    'sign': (torch.sign, lambda: floats([-2.5, -1e-3, 0, 1e-3, 7]), False),
    'floor': (torch.floor, lambda: floats([-2.5, -1.5, -0.2, 0, 0.2, 1.5, 2.7]), False),
    'ceil': (torch.ceil, lambda: floats([-2.5, -1.5, -0.2, 0, 0.2, 1.5, 2.7]), False),
    'round': (torch.round, lambda: floats([-2.5, -1.5, -0.5, -0.49, 0.5, 0.51, 1.5, 2.5, 3.7]), False),
    'sigmoid': (torch.sigmoid, lambda: floats([-30, -4, -0.5, 0, 0.5, 4, 30]), True),
    'tanh': (torch.tanh, lambda: floats([-12, -2, -0.5, 0, 0.25, 1.5, 12]), True),
    'relu': (torch.relu, lambda: floats([-2, -0.5, 0, 0.25, 1, 3]), True),
    'erf': (torch.erf, lambda: floats([-7, -3, -1.2, -0.4, 0, 1e-3, 0.3, 0.6, 1.9, 3.5, 4.5, 7]), True),
    'sin': (torch.sin, lambda: uniform((2, 5), -7, 7), True),
    'cos': (torch.cos, lambda: uniform((2, 5), -7, 7), True),
}

SPECIAL = floats([0, float('inf'), float('-inf'), float('nan'), -1])


def elementwise_cases():
    cases = []
    for op, (function, values, differentiable) in UNARY.items():
        x = values()
        cases.append(make_case(op, op, {}, [x], function, grad=differentiable))
        if op == 'sign':
            # PyTorch 1.13's sign(nan) is 0 where NumPy's (and ours) is nan: the suite leaves it open.
            cases.append(make_case('sign of 0, inf, -inf, -1', op, {}, [floats([0, float('inf'), float('-inf'), -1])], function, grad=False))
            continue
        cases.append(make_case('%s of 0, inf, -inf, nan, -1' % op, op, {}, [SPECIAL], function, grad=False))
    cases.append(make_case('clamp into [-1, 0.5]', 'clamp', {'min': -1, 'max': 0.5}, [floats([-3, -1.5, -0.5, 0.25, 0.75, 2])],
                           lambda x: torch.clamp(x, -1, 0.5)))
    cases.append(make_case('clamp with min only', 'clamp', {'min': 0.1}, [floats([-3, -0.5, 0.25, 2])], lambda x: torch.clamp(x, min=0.1)))
    cases.append(make_case('clamp at its bounds (the gradient passes)', 'clamp', {'min': -1, 'max': 0.5}, [floats([-1, 0.5, -1.0001, 0.5001])],
                           lambda x: torch.clamp(x, -1, 0.5)))
    cases.append(make_case('clamp with max only, nan stays', 'clamp', {'max': 1}, [floats([-3, float('nan'), 0.25, 2])],
                           lambda x: torch.clamp(x, max=1), grad=False))

    a, b = uniform((2, 3)), uniform((3,))
    positive = uniform((2, 3), 0.2, 3)
    cases.append(make_case('add [2, 3] + [3]', 'add', {}, [a, b], torch.add))
    cases.append(make_case('sub [2, 1, 3] - [4, 1]', 'sub', {}, [uniform((2, 1, 3)), uniform((4, 1))], torch.sub))
    cases.append(make_case('mul [3] * [2, 3]', 'mul', {}, [b, a], torch.mul))
    cases.append(make_case('div [2, 3] / [2, 1]', 'div', {}, [a, uniform((2, 1), 0.5, 2)], torch.div))
    cases.append(make_case('pow positive base and tensor exponent', 'pow', {}, [positive, uniform((3,), -2, 2)], torch.pow))
    cases.append(make_case('pow with zero bases', 'pow', {}, [floats([0, 0, 1.5, 2, 0.5, 0]), floats([2, 0.5, 3, -1, 0, 0])], torch.pow))
    cases.append(make_case('pow of negative bases to integer exponents', 'pow', {}, [floats([-2, -1.5, -0.5, 3]), floats([3, 2, -1, 2])], torch.pow))
    cases.append(make_case('maximum with ties', 'maximum', {}, [floats([1, 2, -1, 0.5, 3, -2], (2, 3)), floats([1, 0, -1, 0.75, 3, -3], (2, 3))],
                           torch.maximum))
    cases.append(make_case('minimum with ties and broadcasting', 'minimum', {}, [floats([1, 2, -1, 0.5, 3, -2], (2, 3)), floats([1, -1, 0.5])],
                           torch.minimum))
    cases.append(make_case('maximum broadcasting a tied scalar', 'maximum', {}, [floats([0.5, 1, 2, 1], (2, 2)), floats(1)], torch.maximum))
    cases.append(make_case('atan2 in all quadrants', 'atan2', {}, [floats([1, 1, -1, -1, 0.5, 0]), floats([1, -1, 1, -1, 0, 2])], torch.atan2))
    condition = bools([True, False, True, False, False, True], (2, 3))
    cases.append(make_case('where with broadcasting', 'where', {}, [condition, uniform((2, 3)), uniform((3,))], torch.where))
    cases.append(make_case('where with a column condition', 'where', {}, [bools([True, False], (2, 1)), uniform((1, 3)), uniform((2, 3))],
                           torch.where))
    return cases


# ---------------------------------------------------------------------------------------------
# Reductions


def amax(x, dim, keepdim):
    return torch.amax(x, dim=dim, keepdim=keepdim)


def reverse_cumsum(x, axis):
    return torch.flip(torch.cumsum(torch.flip(x, [axis]), axis), [axis])


def reduction_cases():
    cases = []
    x = uniform((2, 3, 4))
    cases.append(make_case('sum over non-adjacent axes [0, 2] keepdim', 'sum', {'axes': [0, 2], 'keepdim': True}, [x],
                           lambda t: torch.sum(t, dim=[0, 2], keepdim=True)))
    cases.append(make_case('sum over axis -1', 'sum', {'axes': -1, 'keepdim': False}, [x], lambda t: torch.sum(t, dim=-1)))
    cases.append(make_case('mean over axes [1, 2]', 'mean', {'axes': [1, 2], 'keepdim': False}, [x], lambda t: torch.mean(t, dim=[1, 2])))
    cases.append(make_case('mean over all axes', 'mean', {'keepdim': False}, [x], torch.mean))
    factors = uniform((3, 4), 0.5, 1.5)
    cases.append(make_case('prod over axis 1', 'prod', {'axes': 1, 'keepdim': False}, [factors], lambda t: torch.prod(t, dim=1)))
    cases.append(make_case('prod over axis 0 with zeros', 'prod', {'axes': 0, 'keepdim': True},
                           [floats([0, 2, 0, 1.5, 3, 0, -1, 0.5, 0, 2, 0.5, 4], (3, 4))], lambda t: torch.prod(t, dim=0, keepdim=True)))
    ties = floats([1, 3, 3, -1, 0.5, 0.5, 2, 2, 2, -4, -4, 0], (2, 2, 3))
    cases.append(make_case('max over axis 2 with ties (amax)', 'max', {'axes': 2, 'keepdim': False}, [ties], lambda t: amax(t, 2, False)))
    cases.append(make_case('max over axes [0, 2] keepdim with ties', 'max', {'axes': [0, 2], 'keepdim': True}, [ties],
                           lambda t: amax(t, [0, 2], True)))
    cases.append(make_case('min over all axes with ties', 'min', {'keepdim': False}, [ties], torch.amin))
    cases.append(make_case('min over axis 0', 'min', {'axes': 0, 'keepdim': False}, [distinct((3, 4))], lambda t: torch.amin(t, dim=0)))
    ordered = distinct((3, 5))
    cases.append(make_case('argmax over axis 1', 'argmax', {'axis': 1, 'keepdim': False}, [ordered], lambda t: torch.argmax(t, dim=1).int(),
                           grad=False))
    cases.append(make_case('argmin over axis 0 keepdim', 'argmin', {'axis': 0, 'keepdim': True}, [ordered],
                           lambda t: torch.argmin(t, dim=0, keepdim=True).int(), grad=False))
    cases.append(make_case('argmax of the flattened tensor', 'argmax', {'keepdim': False}, [ordered], lambda t: torch.argmax(t).int(), grad=False))
    cases.append(make_case('variance unbiased over axis 1', 'variance', {'axes': 1, 'unbiased': True, 'keepdim': False}, [x],
                           lambda t: torch.var(t, dim=1, unbiased=True)))
    cases.append(make_case('variance biased over axes [0, 2] keepdim', 'variance', {'axes': [0, 2], 'unbiased': False, 'keepdim': True}, [x],
                           lambda t: torch.var(t, dim=[0, 2], unbiased=False, keepdim=True)))
    cases.append(make_case('std unbiased over all axes', 'std', {'unbiased': True, 'keepdim': False}, [x], lambda t: torch.std(t, unbiased=True)))
    cases.append(make_case('std biased over axis -1', 'std', {'axes': -1, 'unbiased': False, 'keepdim': False}, [x],
                           lambda t: torch.std(t, dim=-1, unbiased=False)))
    large = uniform((3, 4), -2, 2) * np.float32(20)
    cases.append(make_case('logsumexp of large values over axis 1', 'logsumexp', {'axes': 1, 'keepdim': False}, [large],
                           lambda t: torch.logsumexp(t, dim=1)))
    masked = floats([0.5, float('-inf'), 1.5, -1, float('-inf'), float('-inf'), float('-inf'), float('-inf'), 2, 0, -3, 1], (3, 4))
    cases.append(make_case('logsumexp with -inf entries and an all -inf row', 'logsumexp', {'axes': 1, 'keepdim': True}, [masked],
                           lambda t: torch.logsumexp(t, dim=1, keepdim=True)))
    cases.append(make_case('logsumexp over axes [0, 2]', 'logsumexp', {'axes': [0, 2], 'keepdim': False}, [x],
                           lambda t: torch.logsumexp(t, dim=[0, 2])))
    for p in (1, 2, float('inf'), 3):
        label = 'inf' if math.isinf(p) else str(p)
        cases.append(make_case('norm p=%s over axis 1' % label, 'norm', {'p': 'inf' if math.isinf(p) else p, 'axes': 1, 'keepdim': False},
                               [distinct((2, 4, 3), 0.25)], lambda t, p=p: torch.linalg.vector_norm(t, ord=p, dim=1)))
    cases.append(make_case('norm p=2 over all axes', 'norm', {'p': 2, 'keepdim': False}, [x], lambda t: torch.linalg.vector_norm(t)))
    zero_row = floats([0, 0, 0, 0.5, -1.25, 2, 0, 0, 0, -0.75, 0, 1.5], (4, 3))
    for p in (2, 3):
        cases.append(make_case('norm p=%d over axis 1 with zero rows (zero gradient)' % p, 'norm', {'p': p, 'axes': 1, 'keepdim': True}, [zero_row],
                               lambda t, p=p: torch.linalg.vector_norm(t, ord=p, dim=1, keepdim=True)))
    cases.append(make_case('cumsum over axis 1', 'cumsum', {'axis': 1, 'reverse': False}, [x], lambda t: torch.cumsum(t, 1)))
    cases.append(make_case('cumsum reverse over axis -1', 'cumsum', {'axis': -1, 'reverse': True}, [x], lambda t: reverse_cumsum(t, 2)))
    cases.append(make_case('cumsum of int32 over axis 0', 'cumsum', {'axis': 0, 'reverse': False}, [ints([1, -2, 3, 4, 5, -6], (3, 2))],
                           lambda t: torch.cumsum(t, 0).int(), grad=False))
    return cases


# ---------------------------------------------------------------------------------------------
# Movement and indexing


def np_slice(ranges):
    return tuple(slice(r.get('start'), r.get('end'), r.get('step')) for r in ranges)


def movement_cases():
    cases = []
    x = uniform((2, 3, 4))
    ramp = np.arange(24, dtype=np.float32).reshape(2, 3, 4)
    slices = [
        [{}, {'start': 1}, {'step': 2}],
        [{'step': -1}, {'start': -1, 'end': 0, 'step': -1}, {'start': 3, 'end': None, 'step': -2}],
        [{'start': -10, 'end': 10}, {'start': 5}, {}],
        [{}, {'start': 1, 'end': -1}, {'start': 10, 'end': -10, 'step': -3}],
        [{'start': 1, 'end': 2}, {'end': -5}, {'start': -2, 'step': 1}],
    ]
    for ranges in slices:
        cleaned = [{key: value for key, value in r.items() if value is not None} for r in ranges]
        expected = ramp[np_slice(ranges)]
        cases.append(make_case('slice %s' % json.dumps(cleaned), 'slice', {'ranges': cleaned}, [x],
                               lambda t, ranges=ranges: slice_torch(t, ranges)))
        assert list(expected.shape) == list(cases[-1]['outputs'][0]['shape'])
    cases.append(make_case('flip axes [0, 2]', 'flip', {'axes': [0, 2]}, [x], lambda t: torch.flip(t, [0, 2])))
    cases.append(make_case('permute [2, 0, 1]', 'permute', {'order': [2, 0, 1]}, [x], lambda t: t.permute(2, 0, 1)))
    cases.append(make_case('transpose 0 and 2', 'transpose', {'axisA': 0, 'axisB': 2}, [x], lambda t: t.transpose(0, 2)))
    cases.append(make_case('expand [3, 1] to [2, 3, 4]', 'expand', {'shape': [2, 3, 4]}, [uniform((3, 1))], lambda t: t.expand(2, 3, 4)))
    cases.append(make_case('expand with -1', 'expand', {'shape': [2, -1, 3]}, [uniform((1, 2, 1))], lambda t: t.expand(2, -1, 3)))
    for mode in ('constant', 'reflect', 'replicate'):
        cases.append(make_case('pad %s [1, 2, 2, 1]' % mode, 'pad', {'padding': [1, 2, 2, 1], 'mode': mode, 'value': 0.5 if mode == 'constant' else 0},
                               [uniform((2, 3, 4))],
                               lambda t, mode=mode: F.pad(t, [1, 2, 2, 1], mode=mode, value=0.5) if mode == 'constant' else F.pad(t, [1, 2, 2, 1], mode=mode)))
    cases.append(make_case('pad reflect of the last axis [3, 2]', 'pad', {'padding': [3, 2], 'mode': 'reflect', 'value': 0}, [uniform((2, 4))],
                           lambda t: F.pad(t, [3, 2], mode='reflect')))
    cases.append(make_case('concat along axis 1 with an empty piece', 'concat', {'axis': 1}, [uniform((2, 1, 3)), uniform((2, 0, 3)), uniform((2, 2, 3))],
                           lambda a, b, c: torch.cat([a, b, c], 1)))
    cases.append(make_case('stack along axis -1', 'stack', {'axis': -1}, [uniform((2, 3)), uniform((2, 3))], lambda a, b: torch.stack([a, b], -1)))
    cases.append(make_case('split into [1, 3] along axis 2', 'split', {'sizes': [1, 3], 'axis': 2}, [x], lambda t: torch.split(t, [1, 3], 2)))
    cases.append(make_case('split into pieces of 2 along axis 1', 'split', {'sizes': 2, 'axis': 1}, [x], lambda t: torch.split(t, 2, 1)))
    cases.append(make_case('chunk into 3 along axis 2', 'chunk', {'chunks': 3, 'axis': 2}, [x], lambda t: torch.chunk(t, 3, 2)))
    cases.append(make_case('roll by -5 along axis 2', 'roll', {'shift': -5, 'axis': 2}, [x], lambda t: torch.roll(t, -5, 2)))
    cases.append(make_case('roll by 4 along axis 1', 'roll', {'shift': 4, 'axis': 1}, [x], lambda t: torch.roll(t, 4, 1)))
    cases.append(make_case('repeat [2, 1, 3] of [3, 1]', 'repeat', {'repeats': [2, 1, 3]}, [uniform((3, 1))], lambda t: t.repeat(2, 1, 3)))
    cases.append(make_case('tile [2] of [2, 3]', 'tile', {'repeats': [2]}, [uniform((2, 3))], lambda t: torch.tile(t, (2,))))

    source = uniform((3, 4))
    index = ints([[0, 3, 3], [1, 1, 0], [2, 0, 3]])
    cases.append(make_case('gather along axis 1 with repeated indices', 'gather', {'axis': 1}, [source, index], lambda t, i: torch.gather(t, 1, i)))
    cases.append(make_case('gather along axis 0', 'gather', {'axis': 0}, [source, ints([[2, 0, 1, 2], [0, 0, 2, 1]])],
                           lambda t, i: torch.gather(t, 0, i)))
    cases.append(make_case('scatterAdd along axis 1 with duplicates', 'scatterAdd', {'axis': 1},
                           [uniform((3, 4)), ints([[0, 0, 2], [3, 1, 3], [1, 1, 1]]), uniform((3, 3))],
                           lambda b, i, s: b.scatter_add(1, i, s)))
    cases.append(make_case('scatterAdd along axis 0', 'scatterAdd', {'axis': 0},
                           [uniform((2, 3)), ints([[1, 0, 1], [1, 1, 0]]), uniform((2, 3))], lambda b, i, s: b.scatter_add(0, i, s)))
    cases.append(make_case('indexSelect along axis 2', 'indexSelect', {'axis': 2}, [x, ints([3, 0, 3])],
                           lambda t, i: torch.index_select(t, 2, i)))
    cases.append(make_case('oneHot of [2, 3] class indices', 'oneHot', {'numClasses': 4}, [ints([[0, 3, 1], [2, 2, 0]])],
                           lambda i: F.one_hot(i, 4).float(), grad=False))
    values = distinct((2, 3, 5))
    cases.append(make_case('topk 3 largest', 'topk', {'k': 3, 'largest': True}, [values], lambda t: topk_pair(t, 3, True)))
    cases.append(make_case('topk 2 smallest', 'topk', {'k': 2, 'largest': False}, [values], lambda t: topk_pair(t, 2, False)))
    return cases


def topk_pair(t, k, largest):
    result = torch.topk(t, k, dim=-1, largest=largest, sorted=True)
    return result.values, result.indices.int()


def slice_torch(t, ranges):
    """Python slicing with negative steps (torch has none): flip, slice, flip per axis."""
    numpy_index = np.arange(int(np.prod(t.shape))).reshape(tuple(t.shape))[np_slice(ranges)]
    flat = torch.as_tensor(numpy_index.reshape(-1).copy(), dtype=torch.long)
    return t.reshape(-1)[flat].reshape(numpy_index.shape)


# ---------------------------------------------------------------------------------------------
# Matrix products


def transposed(t, flag):
    return t.transpose(-1, -2) if flag else t


def matmul_cases():
    cases = []

    def matmul(name, a, b, transpose_a=False, transpose_b=False):
        cases.append(make_case(name, 'matmul', {'transposeA': transpose_a, 'transposeB': transpose_b}, [a, b],
                               lambda x, y: torch.matmul(transposed(x, transpose_a), transposed(y, transpose_b))))

    matmul('matmul [5, 7] x [7, 9]', uniform((5, 7)), uniform((7, 9)))
    matmul('matmul batched with broadcasting [2, 1, 3, 4] x [3, 4, 2]', uniform((2, 1, 3, 4)), uniform((3, 4, 2)))
    matmul('matmul [2, 3, 5]ᵀ x [5, 4]', uniform((2, 5, 3)), uniform((5, 4)), True, False)
    matmul('matmul [3, 4] x [2, 6, 4]ᵀ', uniform((3, 4)), uniform((2, 6, 4)), False, True)
    matmul('matmul [4, 3]ᵀ x [5, 4]ᵀ', uniform((4, 3)), uniform((5, 4)), True, True)
    matmul('matmul 1-D x batched [2, 4, 3]', uniform((4,)), uniform((2, 4, 3)))
    matmul('matmul batched [2, 3, 4] x 1-D', uniform((2, 3, 4)), uniform((4,)))
    matmul('matmul 1-D x 1-D (dot)', uniform((6,)), uniform((6,)))
    matmul('matmul with k = 17 and partial tiles [2, 5, 17] x [17, 9]', uniform((2, 5, 17)), uniform((17, 9)))
    cases.append(make_case('linear with bias', 'linear', {}, [uniform((2, 3, 4)), uniform((5, 4)), uniform((5,))], F.linear))
    cases.append(make_case('linear without bias on a 1-D input', 'linear', {}, [uniform((4,)), uniform((3, 4))], lambda x, w: F.linear(x, w)))
    return cases


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.manual_seed(0)
    write('elementwise.json', elementwise_cases())
    write('reduce.json', reduction_cases())
    write('movement.json', movement_cases())
    write('matmul.json', matmul_cases())


if __name__ == '__main__':
    main()
