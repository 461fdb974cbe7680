#!/usr/bin/python3
"""Writes the reference fixtures of @mmpt/optim.

Run from anywhere with the system Python that has PyTorch 1.13:

    /usr/bin/python3 packages/optim/scripts/generate-fixtures.py

It writes small JSON files next to the tests:

- src/optimizers/__fixtures__/optimizer-trajectories.json: parameter values after each of 10 steps
  of every optimizer from fixed initial values and fixed gradients. SGD, Adam, AdamW, RMSprop and
  Adagrad are torch.optim's own; LARS and Lamb (not in torch) are written out below from the
  algorithms MMPretrain documents (LARS: You et al. 2017 with SGD momentum; Lamb: the NVIDIA
  FusedLamb variant).
- src/wrappers/__fixtures__/clip-grad.json: torch.nn.utils.clip_grad_norm_ / clip_grad_value_.
- src/schedulers/__fixtures__/scheduler-curves.json: parameter-scheduler curves (learning rate,
  momentum, weight decay) as MMEngine's ParamSchedulerHook drives them. MMEngine is not installed,
  so its stepping rule is restated below (a scheduler acts while begin <= global step < end and
  then replaces the value by its chainable formula; `convert_to_iter_based` multiplies begin, end
  and the step counts by the epoch length); before writing anything the restatement is checked
  against torch.optim.lr_scheduler on every curve both define (StepLR, MultiStepLR, ConstantLR,
  LinearLR, ExponentialLR, CosineAnnealingLR past 4 periods, PolynomialLR, OneCycleLR in both
  strategies, CosineAnnealingWarmRestarts, ReduceLROnPlateau).
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, '..', 'src')
STEPS = 10


def write(relative, payload):
    path = os.path.normpath(os.path.join(SOURCE, relative))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        json.dump(payload, handle, separators=(',', ':'))
        handle.write('\n')
    print('wrote', os.path.relpath(path, os.path.join(HERE, '..')))


def short(value):
    """A float32 value with the 9 significant digits that identify it exactly."""
    return float('%.9g' % value)


def values(tensor):
    return [short(v) for v in tensor.detach().reshape(-1).tolist()]


# ---------------------------------------------------------------------------------------------
# Optimizers not in torch, written from their published algorithms


class Lars(torch.optim.Optimizer):
    """Layer-wise adaptive rate scaling with SGD momentum, as MMPretrain defines LARS."""

    def __init__(self, params, lr, momentum=0, weight_decay=0, dampening=0, eta=0.001, nesterov=False, eps=1e-8):
        super().__init__(params, dict(lr=lr, momentum=momentum, dampening=dampening, weight_decay=weight_decay,
                                      nesterov=nesterov, eta=eta))
        self.eps = eps

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                wd = group['weight_decay']
                if group.get('lars_exclude', False):
                    local = 1.0
                else:
                    w = torch.norm(p).item()
                    g = torch.norm(p.grad).item()
                    local = group['eta'] * w / (g + wd * w + self.eps) if w != 0 and g != 0 else 1.0
                direction = p.grad.add(p, alpha=wd).mul(local * group['lr'])
                if group['momentum'] != 0:
                    state = self.state[p]
                    if 'momentum_buffer' not in state:
                        state['momentum_buffer'] = direction.clone()
                    else:
                        state['momentum_buffer'].mul_(group['momentum']).add_(direction, alpha=1 - group['dampening'])
                    buffer = state['momentum_buffer']
                    direction = direction.add(buffer, alpha=group['momentum']) if group['nesterov'] else buffer
                p.sub_(direction)


class Lamb(torch.optim.Optimizer):
    """LAMB in its NVIDIA FusedLamb form (global gradient-norm clipping, trust ratio)."""

    def __init__(self, params, lr=1e-3, bias_correction=True, betas=(0.9, 0.999), eps=1e-6, weight_decay=0.01,
                 grad_averaging=True, max_grad_norm=1.0, trust_clip=False, always_adapt=False):
        super().__init__(params, dict(lr=lr, bias_correction=bias_correction, betas=betas, eps=eps,
                                      weight_decay=weight_decay, grad_averaging=grad_averaging,
                                      max_grad_norm=max_grad_norm, trust_clip=trust_clip, always_adapt=always_adapt))

    @torch.no_grad()
    def step(self):
        total = torch.zeros(1)
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is not None:
                    total.add_(p.grad.pow(2).sum())
        total = torch.sqrt(total)
        limit = self.defaults['max_grad_norm']
        clip = total / limit if total.item() > limit else torch.ones(1)
        for group in self.param_groups:
            beta1, beta2 = group['betas']
            beta3 = 1 - beta1 if group['grad_averaging'] else 1.0
            group['step'] = group.get('step', 0) + 1
            if group['bias_correction']:
                bc1, bc2 = 1 - beta1 ** group['step'], 1 - beta2 ** group['step']
            else:
                bc1, bc2 = 1.0, 1.0
            for p in group['params']:
                if p.grad is None:
                    continue
                grad = p.grad.div_(clip)
                state = self.state[p]
                if len(state) == 0:
                    state['exp_avg'] = torch.zeros_like(p)
                    state['exp_avg_sq'] = torch.zeros_like(p)
                m, v = state['exp_avg'], state['exp_avg_sq']
                m.mul_(beta1).add_(grad, alpha=beta3)
                v.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                update = (m / bc1).div_((v.sqrt() / math.sqrt(bc2)).add_(group['eps']))
                if group['weight_decay'] != 0:
                    update.add_(p, alpha=group['weight_decay'])
                if group['weight_decay'] != 0 or group['always_adapt']:
                    w, u = p.norm(2.0), update.norm(2.0)
                    ratio = (w / u).item() if w.item() > 0 and u.item() > 0 else 1.0
                    if group['trust_clip']:
                        ratio = min(ratio, 1.0)
                    update.mul_(ratio)
                p.add_(update, alpha=-group['lr'])


OPTIMIZERS = {
    'SGD': torch.optim.SGD,
    'Adam': torch.optim.Adam,
    'AdamW': torch.optim.AdamW,
    'RMSprop': torch.optim.RMSprop,
    'Adagrad': torch.optim.Adagrad,
    'LARS': Lars,
    'Lamb': Lamb,
}

# name, optimizer, options, groups (None: one group of both parameters; else a list of
# (parameter indices, group options)), gradient scale, steps where the second parameter has no gradient
OPTIMIZER_CASES = [
    ('sgd', 'SGD', dict(lr=0.1), None, 1.0, []),
    ('sgd-momentum-weight-decay', 'SGD', dict(lr=0.1, momentum=0.9, weight_decay=1e-2), None, 1.0, []),
    ('sgd-dampening', 'SGD', dict(lr=0.05, momentum=0.9, dampening=0.1, weight_decay=1e-3), None, 1.0, []),
    ('sgd-nesterov', 'SGD', dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=1e-2), None, 1.0, []),
    ('sgd-maximize', 'SGD', dict(lr=0.1, momentum=0.5, maximize=True), None, 1.0, []),
    ('sgd-groups-missing-grad', 'SGD', dict(lr=0.1, momentum=0.5), [([0], dict(lr=0.05)), ([1], dict())], 1.0, [2, 3]),
    ('adam', 'Adam', dict(lr=1e-2), None, 1.0, []),
    ('adam-amsgrad-weight-decay', 'Adam', dict(lr=1e-2, weight_decay=0.1, amsgrad=True), None, 1.0, []),
    ('adam-betas-eps', 'Adam', dict(lr=5e-3, betas=(0.8, 0.99), eps=1e-4), None, 1.0, []),
    ('adamw', 'AdamW', dict(lr=1e-2), None, 1.0, []),
    ('adamw-amsgrad', 'AdamW', dict(lr=1e-2, betas=(0.8, 0.99), weight_decay=0.05, amsgrad=True), None, 1.0, []),
    ('rmsprop', 'RMSprop', dict(lr=1e-2), None, 1.0, []),
    ('rmsprop-centered-momentum', 'RMSprop', dict(lr=1e-2, alpha=0.9, momentum=0.9, centered=True, weight_decay=0.01), None, 1.0, []),
    ('rmsprop-momentum', 'RMSprop', dict(lr=1e-3, momentum=0.5, eps=1e-6), None, 1.0, []),
    ('adagrad', 'Adagrad', dict(lr=1e-2), None, 1.0, []),
    ('adagrad-lr-decay', 'Adagrad', dict(lr=0.1, lr_decay=0.1, weight_decay=0.01, initial_accumulator_value=0.1), None, 1.0, []),
    ('lars', 'LARS', dict(lr=0.5, momentum=0.9, weight_decay=1e-4, eta=0.02), None, 1.0, []),
    ('lars-nesterov-exclude', 'LARS', dict(lr=0.2, momentum=0.9, nesterov=True, weight_decay=1e-3, eta=0.05),
     [([0], dict()), ([1], dict(lars_exclude=True))], 1.0, []),
    ('lamb', 'Lamb', dict(lr=1e-2), None, 1.0, []),
    ('lamb-clipped', 'Lamb', dict(lr=1e-2, weight_decay=0.02, max_grad_norm=1.0), None, 5.0, []),
    ('lamb-trust-clip-always-adapt', 'Lamb', dict(lr=1e-2, weight_decay=0.0, always_adapt=True, trust_clip=True,
                                                  grad_averaging=False), None, 0.5, []),
    ('lamb-no-bias-correction', 'Lamb', dict(lr=1e-2, bias_correction=False, betas=(0.8, 0.9)), None, 1.0, []),
]


def optimizer_trajectories():
    generator = torch.Generator().manual_seed(20240601)
    shapes = [[2, 3], [3]]
    initial = [torch.randn(shape, generator=generator) for shape in shapes]
    gradients = [[torch.randn(shape, generator=generator) for shape in shapes] for _ in range(STEPS)]
    cases = []
    for name, kind, options, groups, scale, missing in OPTIMIZER_CASES:
        params = [value.clone().requires_grad_(True) for value in initial]
        if groups is None:
            arguments = params
        else:
            arguments = [dict(params=[params[i] for i in indices], **extra) for indices, extra in groups]
        optimizer = OPTIMIZERS[kind](arguments, **options)
        trajectory = []
        step_gradients = []
        for step in range(STEPS):
            current = []
            for index, param in enumerate(params):
                if index == 1 and step in missing:
                    param.grad = None
                    current.append(None)
                else:
                    param.grad = gradients[step][index].clone() * scale
                    current.append(values(param.grad))
            step_gradients.append(current)
            optimizer.step()
            trajectory.append([values(param) for param in params])
        cases.append(dict(
            name=name,
            type=kind,
            options={key: (list(value) if isinstance(value, tuple) else value) for key, value in options.items()},
            groups=None if groups is None else [dict(params=indices, **extra) for indices, extra in groups],
            shapes=shapes,
            initial=[values(value) for value in initial],
            gradients=step_gradients,
            trajectory=trajectory,
        ))
    write('optimizers/__fixtures__/optimizer-trajectories.json', dict(steps=STEPS, cases=cases))


def clip_gradients():
    generator = torch.Generator().manual_seed(7)
    shapes = [[2, 2], [3]]
    gradients = [torch.randn(shape, generator=generator) * 3 for shape in shapes]
    cases = []
    for max_norm, norm_type in [(1.0, 2.0), (0.5, 1.0), (2.0, float('inf')), (0.7, 3.0), (100.0, 2.0)]:
        params = [torch.zeros(shape, requires_grad=True) for shape in shapes]
        for param, grad in zip(params, gradients):
            param.grad = grad.clone()
        total = torch.nn.utils.clip_grad_norm_(params, max_norm, norm_type)
        cases.append(dict(type='norm', max_norm=max_norm, norm_type='inf' if math.isinf(norm_type) else norm_type,
                          total_norm=float(total), clipped=[values(p.grad) for p in params]))
    for clip_value in [0.5, 2.0]:
        params = [torch.zeros(shape, requires_grad=True) for shape in shapes]
        for param, grad in zip(params, gradients):
            param.grad = grad.clone()
        torch.nn.utils.clip_grad_value_(params, clip_value)
        cases.append(dict(type='value', clip_value=clip_value, clipped=[values(p.grad) for p in params]))
    write('wrappers/__fixtures__/clip-grad.json',
          dict(shapes=shapes, gradients=[values(g) for g in gradients], cases=cases))


# ---------------------------------------------------------------------------------------------
# Parameter schedulers: MMEngine's stepping rule, restated


INF = int(1e9)


class Scheduler:
    """A scheduler acts while begin <= global step < end; each active step advances last_step and
    replaces the option of every group with value(), computed from the current values."""

    need_val_args = False

    def __init__(self, groups, param, begin=0, end=INF, by_epoch=True, **settings):
        if end <= begin:
            raise ValueError('end should be larger than begin')
        self.groups, self.param, self.begin, self.end, self.by_epoch = groups, param, begin, end, by_epoch
        self.settings = settings
        self.setup()
        for group in groups:
            group.setdefault('initial_' + param, group[param])
        self.base = [group['initial_' + param] for group in groups]
        self.last_step = -1
        self.global_step = -1
        self.step()

    def setup(self):
        pass

    def current(self):
        return [group[self.param] for group in self.groups]

    def step(self):
        self.global_step += 1
        if self.begin <= self.global_step < self.end:
            self.last_step += 1
            for group, value in zip(self.groups, self.value()):
                group[self.param] = value


class Step(Scheduler):
    def value(self):
        s = self.settings
        if self.last_step == 0 or self.last_step % s['step_size'] != 0:
            return self.current()
        return [v * s.get('gamma', 0.1) for v in self.current()]


class MultiStep(Scheduler):
    def value(self):
        count = self.settings['milestones'].count(self.last_step)
        return [v * self.settings.get('gamma', 0.1) ** count for v in self.current()] if count else self.current()


class Constant(Scheduler):
    def value(self):
        factor, total = self.settings.get('factor', 1.0 / 3), self.end - self.begin - 1
        if self.last_step == 0:
            return [v * factor for v in self.current()]
        if self.last_step == total:
            return [v / factor for v in self.current()]
        return self.current()


class Exponential(Scheduler):
    def value(self):
        return self.current() if self.last_step == 0 else [v * self.settings['gamma'] for v in self.current()]


def eta_min_of(settings, base):
    ratio = settings.get('eta_min_ratio')
    return base * ratio if ratio is not None else settings.get('eta_min', 0.0) or 0.0


class Cosine(Scheduler):
    def value(self):
        s = self.settings
        t_max = s.get('T_max') or (self.end - self.begin)
        step = self.last_step
        if step == 0:
            return self.current()
        if (step - 1 - t_max) % (2 * t_max) == 0:
            return [v + (b - eta_min_of(s, b)) * (1 - math.cos(math.pi / t_max)) / 2
                    for v, b in zip(self.current(), self.base)]
        return [(1 + math.cos(math.pi * step / t_max)) / (1 + math.cos(math.pi * (step - 1) / t_max))
                * (v - eta_min_of(s, b)) + eta_min_of(s, b) for v, b in zip(self.current(), self.base)]


class Linear(Scheduler):
    def value(self):
        start, end = self.settings.get('start_factor', 1.0 / 3), self.settings.get('end_factor', 1.0)
        total = self.end - self.begin - 1
        if self.last_step == 0:
            return [v * start for v in self.current()]
        return [v * (1 + (end - start) / (total * start + (self.last_step - 1) * (end - start)))
                for v in self.current()]


class Poly(Scheduler):
    def value(self):
        eta_min, power = self.settings.get('eta_min', 0), self.settings.get('power', 1.0)
        total = self.end - self.begin - 1
        if self.last_step == 0:
            return self.current()
        return [(v - eta_min) * (1 - 1 / (total - self.last_step + 1)) ** power + eta_min for v in self.current()]


class OneCycle(Scheduler):
    def setup(self):
        s = self.settings
        total = s.get('total_steps') or (self.end - self.begin)
        pct = s.get('pct_start', 0.3)
        self.total = total
        if s.get('three_phase'):
            self.phases = [(pct * total - 1, 'initial', 'max'), (2 * pct * total - 2, 'max', 'initial'),
                           (total - 1, 'initial', 'min')]
        else:
            self.phases = [(pct * total - 1, 'initial', 'max'), (total - 1, 'max', 'min')]
        peaks = s['eta_max'] if isinstance(s['eta_max'], list) else [s['eta_max']] * len(self.groups)
        for group, peak in zip(self.groups, peaks):
            group['initial_lr'] = peak / s.get('div_factor', 25.0)
            group['max_lr'] = peak
            group['min_lr'] = group['initial_lr'] / s.get('final_div_factor', 1e4)

    def value(self):
        linear = self.settings.get('anneal_strategy', 'cos') == 'linear'
        values = []
        for group in self.groups:
            start = 0
            for index, (end_step, low, high) in enumerate(self.phases):
                if self.last_step <= end_step or index == len(self.phases) - 1:
                    pct = (self.last_step - start) / (end_step - start)
                    a, b = group[low + '_lr'], group[high + '_lr']
                    values.append((b - a) * pct + a if linear else b + (a - b) / 2.0 * (math.cos(math.pi * pct) + 1))
                    break
                start = end_step
        return values


class CosineRestart(Scheduler):
    def value(self):
        s = self.settings
        periods, weights = s['periods'], s.get('restart_weights', [1])
        cumulative = [sum(periods[:i + 1]) for i in range(len(periods))]
        index = next((i for i, c in enumerate(cumulative) if self.last_step < c), None)
        if index is None:
            return self.current()
        step = self.last_step - (0 if index == 0 else cumulative[index - 1])
        period = periods[index]
        out = []
        for v, b in zip(self.current(), self.base):
            if step == 0:
                out.append(b * weights[index])
            else:
                low = eta_min_of(s, b)
                out.append((1 + math.cos(math.pi * step / period)) / (1 + math.cos(math.pi * (step - 1) / period))
                           * (v - low) + low)
        return out


class Plateau:
    """Counts epochs with step(); judges the monitored metric with step(metrics)."""

    need_val_args = True
    by_epoch = True

    def __init__(self, groups, param, begin=0, end=INF, monitor='loss', rule='less', factor=0.1, patience=10,
                 threshold=1e-4, threshold_rule='rel', cooldown=0, min_value=0.0, eps=1e-8, by_epoch=True):
        self.groups, self.param, self.begin, self.end = groups, param, begin, end
        for group in groups:
            group.setdefault('initial_' + param, group[param])
        self.monitor, self.rule, self.factor, self.patience = monitor, rule, factor, patience
        self.threshold, self.threshold_rule, self.cooldown, self.eps = threshold, threshold_rule, cooldown, eps
        self.min_values = list(min_value) if isinstance(min_value, list) else [min_value] * len(groups)
        self.best = INF if rule == 'less' else -INF
        self.bad = 0
        self.cooldown_counter = 0
        self.global_step = 0
        self.last_step = -1

    def better(self, a):
        if self.rule == 'less':
            return a < self.best * (1 - self.threshold) if self.threshold_rule == 'rel' else a < self.best - self.threshold
        return a > self.best * (1 + self.threshold) if self.threshold_rule == 'rel' else a > self.best + self.threshold

    def step(self, metrics=None):
        if metrics is None:
            self.global_step += 1
            return
        if self.begin <= self.global_step < self.end:
            self.last_step += 1
            metric = metrics[self.monitor]
            if self.better(metric):
                self.best, self.bad = metric, 0
            else:
                self.bad += 1
            if self.cooldown_counter > 0:
                self.cooldown_counter -= 1
                self.bad = 0
            if self.bad > self.patience:
                for group, low in zip(self.groups, self.min_values):
                    new = max(float(group[self.param]) * self.factor, low)
                    if group[self.param] - new > self.eps:
                        group[self.param] = new
                self.cooldown_counter = self.cooldown
                self.bad = 0


KINDS = {'Step': Step, 'MultiStep': MultiStep, 'Constant': Constant, 'Exponential': Exponential,
         'CosineAnnealing': Cosine, 'Linear': Linear, 'Poly': Poly, 'OneCycle': OneCycle,
         'CosineRestart': CosineRestart, 'ReduceOnPlateau': Plateau}
# the options each kind scales when an epoch-based config is converted to iterations
SCALED = {'Step': ['step_size'], 'MultiStep': ['milestones'], 'CosineAnnealing': ['T_max'],
          'OneCycle': ['total_steps'], 'CosineRestart': ['periods']}


def build(config, groups, max_epochs, max_iters, epoch_length):
    config = dict(config)
    kind_name = config.pop('type')
    for suffix, param in (('ParamScheduler', None), ('LR', 'lr'), ('Momentum', 'momentum')):
        if kind_name.endswith(suffix):
            base, fixed = kind_name[:-len(suffix)], param
            break
    param = fixed or config.pop('param_name')
    by_epoch = config.get('by_epoch', True)
    config.setdefault('end', max_epochs if by_epoch else max_iters)
    if config.pop('convert_to_iter_based', False):
        config['by_epoch'] = False
        config['begin'] = int(config.get('begin', 0) * epoch_length)
        if config['end'] != INF:
            config['end'] = int(config['end'] * epoch_length)
        for key in SCALED.get(base, []):
            if config.get(key) is not None:
                value = config[key]
                config[key] = [v * epoch_length for v in value] if isinstance(value, list) else value * epoch_length
    if param == 'momentum' and 'betas' in groups[0] and 'momentum' not in groups[0]:
        for group in groups:
            group['momentum'] = group['betas'][0]
    return KINDS[base](groups, param, **config)


def run_schedule(case):
    groups = [dict(g) for g in case['groups']]
    epochs, length = case['epochs'], case.get('epoch_length', 1)
    schedulers = [build(c, groups, case.get('max_epochs', epochs), case.get('max_iters', epochs * length), length)
                  for c in case['schedulers']]
    read = case['read']

    def record():
        if read == 'betas0':
            return [g['betas'][0] for g in groups]
        return [g[read] for g in groups]

    def sync_betas():
        for group in groups:
            if 'betas' in group and 'momentum' in group:
                group['betas'] = [group['momentum'], group['betas'][1]]

    values = []
    for epoch in range(epochs):
        for _ in range(length):
            sync_betas()
            values.append(record())
            for scheduler in schedulers:
                if not scheduler.by_epoch:
                    scheduler.step()
        for scheduler in schedulers:
            if scheduler.by_epoch:
                scheduler.step()
        if case.get('metrics'):
            for scheduler in schedulers:
                if scheduler.need_val_args:
                    scheduler.step(case['metrics'][epoch])
    return values


def torch_curve(make, groups, steps, metrics=None):
    params = [torch.zeros(1, requires_grad=True) for _ in groups]
    optimizer = torch.optim.SGD([dict(params=[p], **g) for p, g in zip(params, groups)], lr=groups[0]['lr'])
    scheduler = make(optimizer)
    curve = []
    for step in range(steps):
        curve.append([g['lr'] for g in optimizer.param_groups])
        optimizer.step()
        scheduler.step(metrics[step]) if metrics else scheduler.step()
    return curve


def check_against_torch():
    """The restated rule gives torch.optim.lr_scheduler's curves where both define one."""
    groups = [dict(lr=0.05), dict(lr=0.5)]
    metrics = [dict(loss=v) for v in [1.0, 0.995, 0.95, 0.96, 0.97, 0.945, 0.92, 0.93, 0.7, 0.71, 0.72, 0.73, 0.74,
                                      0.75, 0.76, 0.77, 0.78, 0.79, 0.8, 0.81]]
    S = torch.optim.lr_scheduler
    pairs = [
        (lambda o: S.StepLR(o, 3, 0.1), [dict(type='StepLR', step_size=3)], 12, None),
        (lambda o: S.MultiStepLR(o, [2, 5, 5, 9], 0.1), [dict(type='MultiStepLR', milestones=[2, 5, 5, 9])], 12, None),
        (lambda o: S.ConstantLR(o, 0.5, 4), [dict(type='ConstantLR', factor=0.5, end=5)], 12, None),
        (lambda o: S.LinearLR(o, 0.25, 0.9, 4), [dict(type='LinearLR', start_factor=0.25, end_factor=0.9, end=5)], 12, None),
        (lambda o: S.ExponentialLR(o, 0.9), [dict(type='ExponentialLR', gamma=0.9)], 12, None),
        (lambda o: S.CosineAnnealingLR(o, 10, 1e-3), [dict(type='CosineAnnealingLR', T_max=10, eta_min=1e-3)], 45, None),
        (lambda o: S.PolynomialLR(o, 8, 2.0), [dict(type='PolyLR', power=2.0, end=9)], 12, None),
        (lambda o: S.OneCycleLR(o, [0.5, 1.0], total_steps=20), [dict(type='OneCycleLR', eta_max=[0.5, 1.0], total_steps=20)], 20, None),
        (lambda o: S.OneCycleLR(o, 0.5, total_steps=25, anneal_strategy='linear', three_phase=True, pct_start=0.25),
         [dict(type='OneCycleLR', eta_max=0.5, total_steps=25, anneal_strategy='linear', three_phase=True, pct_start=0.25)], 25, None),
        (lambda o: S.CosineAnnealingWarmRestarts(o, 6, 1, 1e-3), [dict(type='CosineRestartLR', periods=[6, 6, 6], restart_weights=[1, 1, 1], eta_min=1e-3)], 18, None),
        (lambda o: S.ReduceLROnPlateau(o, 'min', 0.5, 2, threshold=1e-2, threshold_mode='rel', cooldown=1, min_lr=[0.01, 0.1]),
         [dict(type='ReduceOnPlateauLR', factor=0.5, patience=2, threshold=1e-2, cooldown=1, min_value=[0.01, 0.1])], 20, metrics),
    ]
    for make, configs, steps, metric_values in pairs:
        expected = torch_curve(make, groups, steps, [m['loss'] for m in metric_values] if metric_values else None)
        case = dict(groups=groups, schedulers=configs, epochs=steps, read='lr', metrics=metric_values,
                    max_epochs=INF, max_iters=INF)
        actual = run_schedule(case)
        for a, e in zip(actual, expected):
            for x, y in zip(a, e):
                assert abs(x - y) <= 1e-12 + 1e-9 * abs(y), (configs, actual, expected)


SCHEDULER_CASES = [
    dict(name='step-lr', schedulers=[dict(type='StepLR', step_size=3, gamma=0.1)], epochs=12),
    dict(name='multi-step-lr', schedulers=[dict(type='MultiStepLR', milestones=[2, 5, 9], gamma=0.1)], epochs=12),
    dict(name='constant-lr', schedulers=[dict(type='ConstantLR', factor=0.5, end=5)], epochs=10),
    dict(name='linear-lr', schedulers=[dict(type='LinearLR', start_factor=0.5, end=5)], epochs=10),
    dict(name='linear-lr-begin', schedulers=[dict(type='LinearLR', start_factor=0.5, begin=1, end=6)], epochs=10),
    dict(name='exponential-lr', schedulers=[dict(type='ExponentialLR', gamma=0.9)], epochs=10),
    dict(name='cosine-annealing-lr', schedulers=[dict(type='CosineAnnealingLR', T_max=10, eta_min=1e-3)], epochs=25),
    dict(name='cosine-annealing-lr-window-ratio',
         schedulers=[dict(type='CosineAnnealingLR', begin=2, end=12, eta_min_ratio=0.01)], epochs=14),
    dict(name='cosine-annealing-lr-default-end', schedulers=[dict(type='CosineAnnealingLR', eta_min=1e-4)],
         epochs=10, max_epochs=8),
    dict(name='poly-lr', schedulers=[dict(type='PolyLR', eta_min=1e-4, power=2.0, end=10)], epochs=12),
    dict(name='one-cycle-lr', schedulers=[dict(type='OneCycleLR', eta_max=[0.5, 1.0], total_steps=20, by_epoch=False)],
         epochs=1, epoch_length=20),
    dict(name='one-cycle-lr-three-phase-linear',
         schedulers=[dict(type='OneCycleLR', eta_max=0.5, by_epoch=False, pct_start=0.25, anneal_strategy='linear',
                          three_phase=True, div_factor=10.0, final_div_factor=100.0)],
         epochs=1, epoch_length=24, max_iters=24),
    dict(name='cosine-restart-lr',
         schedulers=[dict(type='CosineRestartLR', periods=[5, 7, 3], restart_weights=[1, 0.5, 0.25], eta_min=1e-3)],
         epochs=18),
    dict(name='chained-without-overlap', schedulers=[
        dict(type='LinearLR', start_factor=0.5, begin=0, end=5),
        dict(type='MultiStepLR', milestones=[3, 6], gamma=0.1, begin=5, end=12)], epochs=12),
    dict(name='chained-with-overlap', schedulers=[
        dict(type='LinearLR', start_factor=0.5, begin=0, end=5),
        dict(type='MultiStepLR', milestones=[3, 6, 9], gamma=0.1)], epochs=10),
    dict(name='chained-with-gap', schedulers=[
        dict(type='ExponentialLR', gamma=0.9, begin=0, end=5),
        dict(type='CosineAnnealingLR', T_max=5, eta_min=1e-10, begin=10, end=15)], epochs=15),
    dict(name='warmup-cosine-iter-based', schedulers=[
        dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0, end=2, convert_to_iter_based=True),
        dict(type='CosineAnnealingLR', eta_min=1e-5, by_epoch=True, begin=2, end=6, convert_to_iter_based=True)],
         epochs=6, epoch_length=4),
    dict(name='iter-warmup-epoch-steps', schedulers=[
        dict(type='LinearLR', start_factor=0.1, by_epoch=False, begin=0, end=5),
        dict(type='MultiStepLR', milestones=[2, 4], gamma=0.1)], epochs=6, epoch_length=3),
    dict(name='converted-step-multistep-restart', schedulers=[
        dict(type='StepLR', step_size=2, gamma=0.5, end=4, convert_to_iter_based=True),
        dict(type='MultiStepLR', milestones=[5], gamma=0.1, begin=4, convert_to_iter_based=True),
        dict(type='CosineRestartLR', periods=[2], eta_min=0.0, begin=6, end=8, convert_to_iter_based=True)],
         epochs=9, epoch_length=3),
    dict(name='converted-one-cycle', schedulers=[
        dict(type='OneCycleLR', eta_max=0.4, total_steps=3, convert_to_iter_based=True)], epochs=3, epoch_length=5),
    dict(name='momentum-sgd', schedulers=[dict(type='CosineAnnealingMomentum', T_max=8, eta_min=0.85)], epochs=10,
         optimizer='SGD', read='momentum'),
    dict(name='momentum-adam-betas', schedulers=[
        dict(type='LinearMomentum', start_factor=0.9, end=4),
        dict(type='StepMomentum', step_size=3, gamma=0.99, begin=4)], epochs=10, optimizer='Adam', read='betas0'),
    dict(name='weight-decay-param-scheduler', schedulers=[
        dict(type='CosineAnnealingParamScheduler', param_name='weight_decay', T_max=6, eta_min=0.0)], epochs=8,
         read='weight_decay'),
    dict(name='reduce-on-plateau-lr', schedulers=[
        dict(type='ReduceOnPlateauLR', monitor='loss', factor=0.5, patience=1, cooldown=1, min_value=0.006)],
         epochs=12, metrics=[1.0, 0.9, 0.95, 0.96, 0.97, 0.89, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95]),
    dict(name='reduce-on-plateau-greater-abs', schedulers=[
        dict(type='ReduceOnPlateauLR', monitor='accuracy/top1', rule='greater', threshold_rule='abs', threshold=0.5,
             factor=0.2, patience=0, begin=2)],
         epochs=8, metrics=[50.0, 51.0, 51.2, 51.4, 53.0, 53.1, 53.2, 54.0]),
]


def scheduler_curves():
    cases = []
    for spec in SCHEDULER_CASES:
        kind = spec.get('optimizer', 'SGD')
        if kind == 'Adam':
            groups = [dict(lr=0.05, betas=[0.9, 0.999], weight_decay=0.01), dict(lr=0.5, betas=[0.95, 0.999], weight_decay=0.02)]
        else:
            groups = [dict(lr=0.05, momentum=0.9, weight_decay=0.01), dict(lr=0.5, momentum=0.95, weight_decay=0.02)]
        monitor = spec['schedulers'][0].get('monitor')
        case = dict(spec, groups=groups, read=spec.get('read', 'lr'), optimizer=kind,
                    epoch_length=spec.get('epoch_length', 1),
                    max_epochs=spec.get('max_epochs', INF), max_iters=spec.get('max_iters', INF))
        if spec.get('metrics'):
            case['metrics'] = [{monitor: value} for value in spec['metrics']]
        case['expected'] = run_schedule(case)
        cases.append(case)
    write('schedulers/__fixtures__/scheduler-curves.json', dict(cases=cases))


if __name__ == '__main__':
    torch.set_num_threads(1)
    check_against_torch()
    optimizer_trajectories()
    clip_gradients()
    scheduler_curves()
