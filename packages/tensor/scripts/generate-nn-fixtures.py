#!/usr/bin/python3
"""Writes the PyTorch reference fixtures of the network ops to src/ops/nn/__fixtures__/.

Run with Debian's PyTorch 1.13: /usr/bin/python3 scripts/generate-nn-fixtures.py

Every case holds its inputs, the op's options, the output(s), the fixed random weights R of the
scalar sum(output * R) and the gradients of that scalar with respect to each floating input.
Inputs are rounded to 4 decimals so that both sides read exactly the same float32 values.
"""

import json
import math
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'src', 'ops', 'nn', '__fixtures__')

generator = torch.Generator().manual_seed(20240601)


def randn(*shape, scale=1.0):
    values = torch.randn(tuple(shape), generator=generator) * scale
    return torch.round(values * 10000) / 10000


def rand(*shape, low=0.0, high=1.0):
    values = torch.rand(tuple(shape), generator=generator) * (high - low) + low
    return torch.round(values * 10000) / 10000


def randint(low, high, shape):
    return torch.randint(low, high, shape, generator=generator, dtype=torch.int64)


def encode(t, digits=7):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {'shape': list(t.shape), 'dtype': 'int32', 'data': [int(v) for v in t.flatten().tolist()]}
    if t.dtype == torch.bool:
        return {'shape': list(t.shape), 'dtype': 'bool', 'data': [bool(v) for v in t.flatten().tolist()]}
    data = []
    for v in t.flatten().tolist():
        if math.isnan(v):
            data.append('NaN')
        elif math.isinf(v):
            data.append('Infinity' if v > 0 else '-Infinity')
        else:
            data.append(float(f'{v:.{digits}g}'))
    return {'shape': list(t.shape), 'dtype': 'float32', 'data': data}


def case(fn, inputs, options=None, multiple=False, frozen=()):
    """Runs fn(**inputs) and differentiates sum(output * R) for the floating inputs not frozen."""
    prepared = {}
    for name, value in inputs.items():
        if isinstance(value, torch.Tensor) and value.dtype.is_floating_point and name not in frozen:
            value = value.clone().float().requires_grad_(True)
        prepared[name] = value
    result = fn(**prepared)
    outputs = result if multiple else {'output': result}
    primary = outputs['output']
    weights = randn(*primary.shape)
    record = {
        'inputs': {name: encode(value) for name, value in inputs.items() if isinstance(value, torch.Tensor)},
        'options': options or {},
        'outputs': {name: encode(value) for name, value in outputs.items()},
        'gradOutput': encode(weights),
    }
    differentiable = [name for name, value in prepared.items() if isinstance(value, torch.Tensor) and value.requires_grad]
    if differentiable and primary.requires_grad:
        grads = torch.autograd.grad((primary * weights).sum(), [prepared[name] for name in differentiable], allow_unused=True)
        record['grads'] = {name: encode(grad) for name, grad in zip(differentiable, grads) if grad is not None}
    return record


def write(name, cases):
    path = os.path.join(OUT, f'{name}.json')
    with open(path, 'w') as handle:
        json.dump(cases, handle, separators=(',', ':'))
        handle.write('\n')
    print(f'{path}: {os.path.getsize(path)} bytes')


def conv_cases():
    def conv(options, x, w, b=None):
        return case(lambda x, w, b=None: F.conv2d(x, w, b, **options), {'x': x, 'w': w, **({'b': b} if b is not None else {})}, options)

    return {
        'basic': conv({'stride': 1, 'padding': 1}, randn(2, 3, 4, 4), randn(3, 3, 3, 3, scale=0.3), randn(3)),
        'strideDilation': conv({'stride': 2, 'padding': [1, 2], 'dilation': [2, 1]}, randn(1, 3, 7, 7), randn(4, 3, 3, 2, scale=0.3)),
        'groups': conv({'stride': [2, 1], 'padding': 1, 'groups': 2}, randn(1, 4, 5, 5), randn(4, 2, 3, 3, scale=0.3), randn(4)),
        'depthwise': conv({'stride': 2, 'padding': 1, 'groups': 3}, randn(1, 3, 6, 5), randn(6, 1, 3, 3, scale=0.3), randn(6)),
        'depthwiseDilated': conv({'stride': 1, 'padding': 2, 'dilation': 2, 'groups': 3}, randn(1, 3, 5, 5), randn(3, 1, 3, 3, scale=0.3)),
        'pointwise': conv({}, randn(2, 4, 3, 3), randn(3, 4, 1, 1, scale=0.3), randn(3)),
        'pointwiseGroups': conv({'groups': 2}, randn(1, 4, 3, 3), randn(6, 2, 1, 1, scale=0.3)),
        'pointwiseStrided': conv({'stride': 2}, randn(1, 3, 5, 5), randn(2, 3, 1, 1, scale=0.3)),
        'same': conv({'padding': 'same'}, randn(1, 2, 5, 5), randn(2, 2, 4, 4, scale=0.3), randn(2)),
        'sameDilated': conv({'padding': 'same', 'dilation': [1, 2]}, randn(1, 2, 4, 5), randn(2, 2, 3, 3, scale=0.3)),
        'valid': conv({'padding': 'valid', 'stride': [1, 2]}, randn(2, 2, 5, 6), randn(3, 2, 2, 3, scale=0.3)),
    }


def pool_cases():
    def max_pool(options, x):
        def run(x):
            values, indices = F.max_pool2d(x, return_indices=True, **options)
            return {'output': values, 'indices': indices}
        return case(run, {'x': x}, options, multiple=True)

    def avg_pool(options, x):
        return case(lambda x: F.avg_pool2d(x, **options), {'x': x}, options)

    def adaptive(size, x):
        return case(lambda x: F.adaptive_avg_pool2d(x, size), {'x': x}, {'outputSize': size})

    return {
        'maxBasic': max_pool({'kernel_size': 3, 'stride': 2, 'padding': 1}, randn(1, 2, 7, 6)),
        'maxDilatedCeil': max_pool({'kernel_size': [3, 2], 'stride': [2, 1], 'padding': [1, 0], 'dilation': 2, 'ceil_mode': True}, randn(1, 2, 9, 8)),
        'maxCeil': max_pool({'kernel_size': 2, 'stride': 2, 'ceil_mode': True}, randn(1, 2, 5, 5)),
        'maxDefaultStride': max_pool({'kernel_size': [2, 3]}, randn(1, 1, 4, 7)),
        'avgIncludePad': avg_pool({'kernel_size': 3, 'stride': 2, 'padding': 1}, randn(1, 2, 7, 6)),
        'avgExcludePad': avg_pool({'kernel_size': 3, 'stride': 2, 'padding': 1, 'count_include_pad': False}, randn(1, 2, 7, 6)),
        'avgCeilExclude': avg_pool({'kernel_size': 3, 'stride': 2, 'padding': 1, 'ceil_mode': True, 'count_include_pad': False}, randn(1, 2, 6, 6)),
        'avgCeilInclude': avg_pool({'kernel_size': 3, 'stride': 2, 'padding': 1, 'ceil_mode': True}, randn(1, 1, 6, 6)),
        'avgCeilNoPad': avg_pool({'kernel_size': 2, 'stride': 2, 'ceil_mode': True}, randn(1, 2, 5, 3)),
        'avgDivisor': avg_pool({'kernel_size': 2, 'stride': 1, 'padding': 1, 'divisor_override': 5}, randn(1, 2, 4, 5)),
        'adaptiveDown': adaptive([3, 2], randn(1, 2, 7, 5)),
        'adaptiveGlobal': adaptive(1, randn(2, 2, 3, 4)),
        'adaptiveUp': adaptive([5, 4], randn(1, 2, 3, 3)),
        'adaptiveKeep': adaptive([4, None], randn(1, 2, 6, 3)),
    }


def interpolate_cases():
    x = randn(1, 1, 4, 5)

    def resize(options, size=None, scale=None):
        arguments = dict(options)
        if size is not None:
            arguments['size'] = size
        if scale is not None:
            arguments['scale_factor'] = scale
        return case(lambda x: F.interpolate(x, **arguments), {'x': x}, {**options, 'size': size, 'scaleFactor': scale})

    cases = {
        'nearestSize': resize({'mode': 'nearest'}, size=[7, 3]),
        'nearestScale': resize({'mode': 'nearest'}, scale=2),
        'nearestDown': resize({'mode': 'nearest'}, size=[3, 2]),
    }
    for mode in ['bilinear', 'bicubic']:
        for align in [False, True]:
            suffix = 'Aligned' if align else ''
            cases[f'{mode}Up{suffix}'] = resize({'mode': mode, 'align_corners': align}, size=[6, 7])
            cases[f'{mode}Down{suffix}'] = resize({'mode': mode, 'align_corners': align}, size=[3, 2])
    cases['bilinearScale'] = resize({'mode': 'bilinear', 'align_corners': False}, scale=2)
    cases['bilinearOne'] = resize({'mode': 'bilinear', 'align_corners': True}, size=[1, 3])
    return cases


def norm_cases():
    def batch_norm(x, training, momentum=0.1, eps=1e-5, affine=True):
        channels = x.shape[1]
        running_mean = randn(channels, scale=0.5)
        running_var = rand(channels, low=0.5, high=2.0)
        weight = randn(channels) if affine else None
        bias = randn(channels) if affine else None
        inputs = {'x': x, 'runningMean': running_mean, 'runningVar': running_var}
        if affine:
            inputs['weight'] = weight
            inputs['bias'] = bias
        updated = {}

        def run(x, runningMean, runningVar, weight=None, bias=None):
            mean = runningMean.detach().clone()
            var = runningVar.detach().clone()
            output = F.batch_norm(x, mean, var, weight, bias, training=training, momentum=momentum, eps=eps)
            updated['runningMean'] = mean
            updated['runningVar'] = var
            return output

        record = case(run, inputs, {'training': training, 'momentum': momentum, 'eps': eps}, frozen=('runningMean', 'runningVar'))
        record['outputs']['runningMean'] = encode(updated['runningMean'])
        record['outputs']['runningVar'] = encode(updated['runningVar'])
        return record

    def layer_norm(x, shape, affine=True, eps=1e-5):
        inputs = {'x': x}
        if affine:
            inputs['weight'] = randn(*shape)
            inputs['bias'] = randn(*shape)
        return case(lambda x, weight=None, bias=None: F.layer_norm(x, shape, weight, bias, eps), inputs, {'normalizedShape': shape, 'eps': eps})

    def group_norm(x, groups, affine=True, eps=1e-5):
        inputs = {'x': x}
        if affine:
            inputs['weight'] = randn(x.shape[1])
            inputs['bias'] = randn(x.shape[1])
        return case(lambda x, weight=None, bias=None: F.group_norm(x, groups, weight, bias, eps), inputs, {'numGroups': groups, 'eps': eps})

    return {
        'batchTrain4d': batch_norm(randn(4, 3, 3, 3, scale=2) + 1, True),
        'batchTrain2d': batch_norm(randn(6, 3), True, momentum=0.3),
        'batchTrain3d': batch_norm(randn(3, 2, 4), True, affine=False, eps=1e-3),
        'batchEval4d': batch_norm(randn(2, 3, 2, 3), False),
        'layerLast': layer_norm(randn(2, 3, 4, scale=3), [4]),
        'layerTwo': layer_norm(randn(2, 3, 4), [3, 4], eps=1e-6),
        'layerPlain': layer_norm(randn(3, 5), [5], affine=False),
        'group4d': group_norm(randn(2, 6, 3, 3), 3),
        'group3d': group_norm(randn(2, 4, 5), 2, eps=1e-6),
        'groupPlain': group_norm(randn(1, 4, 2, 2), 4, affine=False),
    }


def loss_cases():
    cases = {}
    logits = randn(5, 4, scale=2)
    target = torch.tensor([0, 3, 1, 3, 2])
    weight = rand(4, low=0.2, high=2.0)
    ignored = torch.tensor([0, -100, 1, 3, 2])
    custom_ignored = torch.tensor([2, 3, 1, 2, 0])
    probabilities = torch.softmax(randn(5, 4), dim=1)
    probabilities = torch.round(probabilities * 10000) / 10000
    spatial_logits = randn(2, 3, 4, 2)
    spatial_target = randint(0, 3, (2, 4, 2))
    spatial_target[0, 1, 1] = -100

    def ce(name, logits, target, **options):
        inputs = {'logits': logits, 'target': target}
        if 'weight' in options:
            inputs['weight'] = options['weight']
        rest = {key: value for key, value in options.items() if key != 'weight'}

        def run(logits, target, weight=None):
            return F.cross_entropy(logits, target, weight=weight, **rest)

        record = case(run, inputs, {'ignoreIndex': rest.get('ignore_index', -100), 'reduction': rest.get('reduction', 'mean'), 'labelSmoothing': rest.get('label_smoothing', 0.0)}, frozen=('weight', 'target'))
        cases[name] = record

    ce('ceMean', logits, target)
    ce('ceSum', logits, target, reduction='sum')
    ce('ceNone', logits, target, reduction='none')
    ce('ceWeighted', logits, target, weight=weight)
    ce('ceIgnore', logits, ignored, weight=weight)
    ce('ceIgnoreNone', logits, ignored, reduction='none')
    ce('ceCustomIgnore', logits, custom_ignored, ignore_index=2, reduction='sum')
    ce('ceSmoothing', logits, target, label_smoothing=0.1)
    ce('ceSmoothingWeightedIgnore', logits, ignored, weight=weight, label_smoothing=0.2)
    ce('ceSmoothingNone', logits, ignored, weight=weight, label_smoothing=0.2, reduction='none')
    ce('ceSmoothingSum', logits, ignored, label_smoothing=0.3, reduction='sum')
    ce('ceSoft', logits, probabilities)
    ce('ceSoftWeightedSmoothing', logits, probabilities, weight=weight, label_smoothing=0.1)
    ce('ceSoftNone', logits, probabilities, reduction='none')
    ce('ceSpatial', spatial_logits, spatial_target, weight=weight[:3])
    ce('ceSpatialNone', spatial_logits, spatial_target, reduction='none', label_smoothing=0.1)
    ce('ceUnbatched', logits[1], torch.tensor(2))

    bce_logits = randn(3, 4, scale=3)
    bce_target = rand(3, 4)
    bce_weight = rand(3, 4, low=0.5, high=1.5)
    pos_weight = rand(4, low=0.5, high=3.0)

    def bce(name, **options):
        inputs = {'logits': bce_logits, 'target': bce_target}
        for key in ['weight', 'pos_weight']:
            if key in options:
                inputs[key] = options.pop(key)

        def run(logits, target, weight=None, pos_weight=None):
            return F.binary_cross_entropy_with_logits(logits, target, weight=weight, pos_weight=pos_weight, **options)

        record = case(run, inputs, {'reduction': options.get('reduction', 'mean')}, frozen=('target', 'weight', 'pos_weight'))
        if 'pos_weight' in record['inputs']:
            record['inputs']['posWeight'] = record['inputs'].pop('pos_weight')
        cases[name] = record

    bce('bceMean')
    bce('bceWeighted', weight=bce_weight, pos_weight=pos_weight)
    bce('bceNone', pos_weight=pos_weight, reduction='none')
    bce('bceSum', weight=bce_weight, reduction='sum')

    prediction = randn(3, 4)
    truth = randn(3, 4)
    truth[0, 0] = prediction[0, 0] + 0.25
    for name, fn in [('l1', F.l1_loss), ('mse', F.mse_loss)]:
        for reduction in ['mean', 'sum', 'none']:
            cases[f'{name}{reduction.capitalize()}'] = case(
                lambda input, target: fn(input, target, reduction=reduction), {'input': prediction, 'target': truth}, {'reduction': reduction})
    for beta in [1.0, 0.5]:
        cases[f'smoothL1Beta{beta}'] = case(
            lambda input, target: F.smooth_l1_loss(input, target, beta=beta), {'input': prediction, 'target': truth}, {'reduction': 'mean', 'beta': beta})
    cases['smoothL1None'] = case(
        lambda input, target: F.smooth_l1_loss(input, target, reduction='none'), {'input': prediction, 'target': truth}, {'reduction': 'none', 'beta': 1.0})
    return cases


def activation_cases():
    special = torch.tensor([-25.0, -6.0, -4.0, -3.0, -2.5, -1.0, -0.5, 0.0, 0.25, 1.0, 2.5, 3.0, 4.0, 6.0, 7.0, 12.0, 25.0])
    x = torch.cat([special, randn(7, scale=3)])
    cases = {}

    def activation(name, fn, options=None, values=x):
        cases[name] = case(lambda x: fn(x), {'x': values}, options or {})

    activation('relu6', F.relu6)
    activation('leakyRelu', lambda v: F.leaky_relu(v))
    activation('leakyRelu0.2', lambda v: F.leaky_relu(v, 0.2), {'negativeSlope': 0.2})
    activation('elu', lambda v: F.elu(v))
    activation('elu0.5', lambda v: F.elu(v, 0.5), {'alpha': 0.5})
    activation('gelu', lambda v: F.gelu(v))
    activation('geluTanh', lambda v: F.gelu(v, approximate='tanh'), {'approximate': 'tanh'})
    activation('silu', F.silu)
    activation('hardswish', F.hardswish)
    activation('hardsigmoid', F.hardsigmoid)
    activation('softplus', lambda v: F.softplus(v))
    activation('softplusBeta', lambda v: F.softplus(v, beta=2, threshold=5), {'beta': 2, 'threshold': 5})
    activation('mish', F.mish)
    activation('logSigmoid', F.logsigmoid)
    return cases


def softmax_cases():
    x2 = randn(3, 5, scale=3)
    x3 = randn(2, 3, 4, scale=3)
    large = torch.tensor([[1000.0, 1001.0, 999.0], [-1000.0, -1002.0, -1001.0]])
    cases = {}
    for name, values, axis in [('rows', x2, -1), ('columns', x2, 0), ('middle', x3, 1), ('large', large, 1)]:
        cases[f'softmax_{name}'] = case(lambda x: torch.softmax(x, axis), {'x': values}, {'axis': axis})
        cases[f'logSoftmax_{name}'] = case(lambda x: torch.log_softmax(x, axis), {'x': values}, {'axis': axis})
    return cases


def reference_attention(q, k, v, mask=None, scale=None, causal=False):
    scale = 1 / math.sqrt(q.shape[-1]) if scale is None else scale
    scores = q @ k.transpose(-2, -1) * scale
    if causal:
        keep = torch.ones(q.shape[-2], k.shape[-2], dtype=torch.bool).tril(diagonal=0)
        scores = scores.masked_fill(~keep, float('-inf'))
    elif mask is not None:
        scores = scores.masked_fill(~mask, float('-inf')) if mask.dtype == torch.bool else scores + mask
    return torch.softmax(scores, dim=-1) @ v


def attention_cases():
    q = randn(2, 3, 4)
    k = randn(2, 5, 4)
    v = randn(2, 5, 3)
    bool_mask = torch.tensor([[True, True, False, True, False], [True, False, False, False, False], [True, True, True, True, True]])
    float_mask = randn(3, 5)
    q4 = randn(1, 2, 4, 3)
    k4 = randn(1, 2, 4, 3)
    v4 = randn(1, 2, 4, 2)
    return {
        'plain': case(lambda q, k, v: reference_attention(q, k, v), {'q': q, 'k': k, 'v': v}),
        'boolMask': case(lambda q, k, v, mask: reference_attention(q, k, v, mask), {'q': q, 'k': k, 'v': v, 'mask': bool_mask}),
        'floatMask': case(lambda q, k, v, mask: reference_attention(q, k, v, mask), {'q': q, 'k': k, 'v': v, 'mask': float_mask}, frozen=('mask',)),
        'causalScaled': case(lambda q, k, v: reference_attention(q, k, v, scale=0.7, causal=True), {'q': q4, 'k': k4, 'v': v4}, {'scale': 0.7, 'isCausal': True}),
    }


def similarity_cases():
    a = randn(4, 5)
    b = randn(4, 5)
    a[2] = a[2] * 1e-9
    c = randn(3, 1, 4)
    d = randn(2, 4)
    x = randn(3, 4)
    x[1] = 0.0
    y = randn(2, 3, 4)
    return {
        'cosine': case(lambda a, b: F.cosine_similarity(a, b, dim=1), {'a': a, 'b': b}, {'axis': 1, 'eps': 1e-8}),
        'cosineEps': case(lambda a, b: F.cosine_similarity(a, b, dim=1, eps=0.5), {'a': a, 'b': b}, {'axis': 1, 'eps': 0.5}),
        'cosineBroadcast': case(lambda a, b: F.cosine_similarity(a, b, dim=-1), {'a': c, 'b': d}, {'axis': -1, 'eps': 1e-8}),
        'normalize': case(lambda x: F.normalize(x), {'x': x}, {'p': 2, 'axis': 1, 'eps': 1e-12}),
        'normalizeRows': case(lambda x: F.normalize(x, dim=0), {'x': x}, {'p': 2, 'axis': 0, 'eps': 1e-12}),
        'normalizeL1': case(lambda x: F.normalize(x, p=1, dim=-1), {'x': y}, {'p': 1, 'axis': -1, 'eps': 1e-12}),
        'normalizeP3': case(lambda x: F.normalize(x, p=3, dim=1, eps=0.1), {'x': y}, {'p': 3, 'axis': 1, 'eps': 0.1}),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    write('conv2d', conv_cases())
    write('pool2d', pool_cases())
    write('interpolate', interpolate_cases())
    write('norms', norm_cases())
    write('losses', loss_cases())
    write('activations', activation_cases())
    write('softmax', softmax_cases())
    write('attention', attention_cases())
    write('similarity', similarity_cases())


if __name__ == '__main__':
    main()
