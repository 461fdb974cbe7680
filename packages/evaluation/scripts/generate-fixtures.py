#!/usr/bin/python3
"""Writes the reference values of the @mmpt/evaluation tests.

Run from anywhere with Debian's PyTorch 1.13 and numpy (`/usr/bin/python3`):

    /usr/bin/python3 packages/evaluation/scripts/generate-fixtures.py

MMPretrain is not installed here, so this script re-implements the formulas of MMPretrain's
metrics (mmpretrain/evaluation/metrics: single_label.py, multi_label.py, voc_multi_label.py,
retrieval.py) and MMEngine's BaseMetric/Evaluator key handling from their documented definitions,
in plain torch/numpy, with the same dtypes (float32 tensors for the classification metrics, numpy
float64 for retrieval average precision), so the values carry the same rounding as MMPretrain's.

One deliberate choice: PyTorch's `topk` (and its default `sort`) order tied scores in an
unspecified, size-dependent way. mmpt orders ties by class/sample index (lowest first), which is
what `argmax` documents and what a stable sort gives; this script uses stable sorts to match. On
inputs without ties at the cut-off the values are MMPretrain's whatever the order.

It writes one JSON file per metric family to `packages/evaluation/src/__fixtures__/`:

    {"calculate": [{"name", ...arguments, "expected"}],
     "evaluate":  [{"name", "options", "samples", "batches", "size", "expected"}]}

`numpy-sum.json` holds float64 sums and means as numpy computes them (pairwise summation), which
RetrievalAveragePrecision's mean over queries follows.

`samples` are plain objects with MMPretrain's DataSample field names (`pred_score`, `pred_label`,
`gt_label`, `gt_score`, `num_classes`, `gt_label_difficult`); `expected` holds the metric results
with their full keys (prefix included). Everything is seeded: running the script twice writes the
same files.
"""

import json
import os
from typing import List, Optional, Sequence

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, '..', 'src', '__fixtures__')
EPS32 = torch.finfo(torch.float32).eps

generator = torch.Generator().manual_seed(20240601)


# ---------------------------------------------------------------------------------------------
# Inputs


def quantized_scores(rows, cols, step=0.1, high=1.0):
    """Scores on a coarse grid (multiples of `step`) so that ties are frequent."""
    levels = int(round(high / step))
    values = torch.randint(0, levels + 1, (rows, cols), generator=generator).double() * step
    return [[round(float(v), 4) for v in row] for row in values]


def random_labels(count, num_classes):
    return [int(v) for v in torch.randint(0, num_classes, (count,), generator=generator)]


def random_onehot(rows, cols, prob=0.4):
    values = (torch.rand((rows, cols), generator=generator) < prob).long()
    return [[int(v) for v in row] for row in values]


def f32(values):
    return torch.tensor(values, dtype=torch.float32)


def to_list(value):
    if isinstance(value, torch.Tensor):
        return value.tolist()
    return value


# ---------------------------------------------------------------------------------------------
# Helpers shared by the metrics


def stable_topk(scores: torch.Tensor, k: int):
    """`topk` along the last dim with ties broken by the lowest index (a stable sort)."""
    values, indices = torch.sort(scores, dim=-1, descending=True, stable=True)
    return values[..., :k], indices[..., :k]


def precision_recall_f1_support(pred_positive, gt_positive, average):
    """The shared core of SingleLabelMetric and MultiLabelMetric (int64 one-hot inputs)."""
    pred_positive = pred_positive.clone()
    gt_positive = gt_positive.clone()
    # Targets of -1 (difficult VOC labels) are ignored.
    ignored = gt_positive == -1
    pred_positive[ignored] = 0
    gt_positive[ignored] = 0

    class_correct = pred_positive & gt_positive
    if average == 'micro':
        tp_sum = class_correct.sum()
        pred_sum = pred_positive.sum()
        gt_sum = gt_positive.sum()
    else:
        tp_sum = class_correct.sum(0)
        pred_sum = pred_positive.sum(0)
        gt_sum = gt_positive.sum(0)

    precision = tp_sum / torch.clamp(pred_sum, min=1).float() * 100
    recall = tp_sum / torch.clamp(gt_sum, min=1).float() * 100
    f1_score = 2 * precision * recall / torch.clamp(precision + recall, min=EPS32)
    if average in ('macro', 'micro'):
        precision = precision.mean(0)
        recall = recall.mean(0)
        f1_score = f1_score.mean(0)
        support = gt_sum.sum(0)
    else:
        support = gt_sum
    return [to_list(precision), to_list(recall), to_list(f1_score), to_list(support)]


def thr_suffix(thr):
    return '_no-thr' if thr is None else f'_thr-{thr:.2f}'


def pack_items(values, items):
    names = ['precision', 'recall', 'f1-score', 'support']
    return {name: value for name, value in zip(names, values) if name in items}


def average_suffix(results, average, micro_suffix=True):
    out = {}
    for key, value in results.items():
        if average is None:
            out[key + '_classwise'] = value
        elif average == 'micro' and micro_suffix:
            out[key + '_micro'] = value
        else:
            out[key] = value
    return out


def with_prefix(prefix, results):
    return {f'{prefix}/{key}': value for key, value in results.items()}


def label_to_onehot(labels, num_classes):
    onehot = torch.zeros(num_classes, dtype=torch.int64)
    for label in labels:
        onehot[label] = 1
    return onehot


# ---------------------------------------------------------------------------------------------
# Accuracy


def accuracy_calculate(pred, target, topk=(1,), thrs=(0.0,)):
    target = torch.tensor(target, dtype=torch.int64)
    pred = torch.tensor(pred)
    num = pred.size(0)
    if pred.ndim == 1:
        correct = pred.eq(target).float().sum(0, keepdim=True)
        return correct.mul_(100.0 / num).item()
    pred = pred.float()
    maxk = max(topk)
    pred_score, pred_label = stable_topk(pred, maxk)
    pred_label = pred_label.t()
    correct = pred_label.eq(target.view(1, -1).expand_as(pred_label))
    results = []
    for k in topk:
        row = []
        for thr in thrs:
            hit = correct
            if thr is not None:
                hit = hit & (pred_score.t() > thr)
            correct_k = hit[:k].reshape(-1).float().sum(0, keepdim=True)
            row.append(correct_k.mul_(100.0 / num).item())
        results.append(row)
    return results


def accuracy_evaluate(samples, size, topk=(1,), thrs=0.0, prefix='accuracy'):
    topk = (topk,) if isinstance(topk, int) else tuple(topk)
    thrs = (thrs,) if thrs is None or isinstance(thrs, float) else tuple(thrs)
    samples = samples[:size]
    target = [s['gt_label'][0] for s in samples]
    metrics = {}
    if 'pred_score' in samples[0]:
        acc = accuracy_calculate([s['pred_score'] for s in samples], target, topk, thrs)
        for i, k in enumerate(topk):
            for j, thr in enumerate(thrs):
                name = f'top{k}' + (thr_suffix(thr) if len(thrs) > 1 else '')
                metrics[name] = acc[i][j]
    else:
        metrics['top1'] = accuracy_calculate([s['pred_label'][0] for s in samples], target)
    return with_prefix(prefix, metrics)


# ---------------------------------------------------------------------------------------------
# SingleLabelMetric and ConfusionMatrix


def single_label_calculate(pred, target, thrs=(0.0,), average='macro', num_classes=None):
    pred = torch.tensor(pred)
    target = torch.tensor(target, dtype=torch.int64)
    if pred.ndim == 1:
        gt_positive = F.one_hot(target.flatten(), num_classes)
        pred_positive = F.one_hot(pred.to(torch.int64), num_classes)
        return precision_recall_f1_support(pred_positive, gt_positive, average)
    pred = pred.float()
    num_classes = pred.size(1)
    pred_score, pred_label = stable_topk(pred, 1)
    pred_score = pred_score.flatten()
    pred_label = pred_label.flatten()
    gt_positive = F.one_hot(target.flatten(), num_classes)
    results = []
    for thr in thrs:
        pred_positive = F.one_hot(pred_label, num_classes)
        if thr is not None:
            pred_positive[pred_score <= thr] = 0
        results.append(precision_recall_f1_support(pred_positive, gt_positive, average))
    return results


def single_label_evaluate(samples, size, thrs=0.0, items=('precision', 'recall', 'f1-score'),
                          average='macro', num_classes=None, prefix='single-label'):
    thrs = (thrs,) if thrs is None or isinstance(thrs, float) else tuple(thrs)
    samples = samples[:size]
    target = [s['gt_label'][0] for s in samples]
    metrics = {}
    if 'pred_score' in samples[0]:
        results = single_label_calculate([s['pred_score'] for s in samples], target, thrs, average)
        for i, thr in enumerate(thrs):
            suffix = thr_suffix(thr) if len(thrs) > 1 else ''
            for key, value in pack_items(results[i], items).items():
                metrics[key + suffix] = value
    else:
        classes = num_classes or samples[0]['num_classes']
        result = single_label_calculate([s['pred_label'][0] for s in samples], target,
                                        average=average, num_classes=classes)
        metrics = pack_items(result, items)
    return with_prefix(prefix, average_suffix(metrics, average))


def confusion_matrix_calculate(pred, target, num_classes=None):
    pred = torch.tensor(pred)
    target = torch.tensor(target, dtype=torch.int64)
    if pred.ndim == 1:
        pred_label = pred.to(torch.int64)
    else:
        num_classes = num_classes or pred.size(1)
        # argmax returns the first maximal index.
        pred_label = torch.argmax(pred.float(), dim=1).flatten()
    indices = num_classes * target + pred_label
    matrix = torch.bincount(indices, minlength=num_classes ** 2)
    return matrix.reshape(num_classes, num_classes).tolist()


def confusion_matrix_evaluate(samples, size, num_classes=None, prefix='confusion_matrix'):
    samples = samples[:size]
    if 'pred_score' in samples[0]:
        num_classes = len(samples[-1]['pred_score'])
        pred = [int(torch.argmax(f32(s['pred_score']))) for s in samples]
    else:
        pred = [s['pred_label'][0] for s in samples]
    target = [s['gt_label'][0] for s in samples]
    return with_prefix(prefix, {'result': confusion_matrix_calculate(pred, target, num_classes)})


# ---------------------------------------------------------------------------------------------
# MultiLabelMetric, AveragePrecision and their VOC variants


def multi_label_calculate(pred, target, pred_indices=False, target_indices=False,
                          average='macro', thr=None, topk=None, num_classes=None):
    def format_label(label, is_indices):
        if is_indices:
            return torch.stack([label_to_onehot(indices, num_classes) for indices in label])
        return torch.tensor(label)

    pred = format_label(pred, pred_indices)
    target = format_label(target, target_indices).long()
    if pred.is_floating_point():
        pred = pred.float()
    thr = 0.5 if (thr is None and topk is None) else thr
    if thr is not None:
        pos = (pred >= thr).long()
    else:
        _, top_indices = stable_topk(pred, topk)
        pos = torch.zeros_like(pred).scatter_(1, top_indices, 1).long()
    return precision_recall_f1_support(pos, target, average)


def multi_label_targets(samples, num_classes):
    targets = []
    for s in samples:
        if 'gt_score' in s:
            targets.append(torch.tensor(s['gt_score']))
        else:
            targets.append(label_to_onehot(s['gt_label'], num_classes))
    return targets


def voc_targets(samples, num_classes, difficult_as_positive):
    targets = []
    for s in samples:
        if 'gt_score' in s:
            target = torch.tensor(s['gt_score'])
        else:
            target = label_to_onehot(s['gt_label'], num_classes)
        difficult = set(s.get('gt_label_difficult', []))
        only_difficult = difficult - (difficult & set(s['gt_label']))
        if difficult_as_positive is None:
            target[[*only_difficult]] = -1
        elif difficult_as_positive:
            target[[*only_difficult]] = 1
        targets.append(target)
    return targets


def multi_label_evaluate(samples, size, thr=None, topk=None,
                         items=('precision', 'recall', 'f1-score'), average='macro',
                         prefix='multi-label', difficult_as_positive=False, voc=False):
    if thr is None and topk is None:
        thr = 0.5
    samples = samples[:size]
    num_classes = len(samples[0]['pred_score'])
    if voc:
        targets = voc_targets(samples, num_classes, difficult_as_positive)
    else:
        targets = multi_label_targets(samples, num_classes)
    pred = torch.stack([f32(s['pred_score']) for s in samples])
    target = torch.stack(targets)
    values = multi_label_calculate(pred.tolist(), target.tolist(), average=average, thr=thr,
                                   topk=topk)
    if thr is not None:
        suffix = '' if thr == 0.5 else f'_thr-{thr:.2f}'
    else:
        suffix = f'_top{topk}'
    metrics = {key + suffix: value for key, value in pack_items(values, items).items()}
    return with_prefix(prefix, average_suffix(metrics, average))


def average_precision_single(pred: torch.Tensor, target: torch.Tensor):
    valid = target > -1
    pred = pred[valid]
    target = target[valid]
    order = torch.sort(pred, dim=0, descending=True, stable=True).indices
    sorted_target = target[order]
    pos = sorted_target == 1
    tps = torch.cumsum(pos, 0)
    total_pos = tps[-1].item()
    pred_pos_nums = torch.arange(1, len(sorted_target) + 1)
    tps[torch.logical_not(pos)] = 0
    precision = tps / pred_pos_nums.float()
    return torch.sum(precision, 0) / max(total_pos, EPS32)


def average_precision_calculate(pred, target, average='macro'):
    pred = torch.tensor(pred, dtype=torch.float32)
    target = torch.tensor(target)
    num_classes = pred.shape[1]
    ap = pred.new_zeros(num_classes)
    for k in range(num_classes):
        ap[k] = average_precision_single(pred[:, k], target[:, k])
    if average == 'macro':
        return (ap.mean() * 100.0).item()
    return (ap * 100).tolist()


def average_precision_evaluate(samples, size, average='macro', prefix='multi-label',
                               difficult_as_positive=None, voc=False):
    samples = samples[:size]
    num_classes = len(samples[0]['pred_score'])
    if voc:
        targets = voc_targets(samples, num_classes, difficult_as_positive)
    else:
        targets = multi_label_targets(samples, num_classes)
    pred = torch.stack([f32(s['pred_score']) for s in samples])
    target = torch.stack([t.float() for t in targets])
    ap = average_precision_calculate(pred.tolist(), target.tolist(), average)
    key = 'AP_classwise' if average is None else 'mAP'
    return with_prefix(prefix, {key: ap})


# ---------------------------------------------------------------------------------------------
# Retrieval


def retrieval_format_pred(pred, topk, is_indices):
    if is_indices:
        return [list(p)[:min(topk, len(p))] if topk else list(p) for p in pred]
    pred = torch.tensor(pred, dtype=torch.float32)
    topk = topk if topk else pred.size(-1)
    return stable_topk(pred, topk)[1].tolist()


def retrieval_format_target(target, is_indices):
    if is_indices:
        return [list(t) for t in target]
    target = torch.tensor(target)
    return [t.nonzero().squeeze(-1).tolist() for t in target]


def retrieval_recall_calculate(pred, target, topk, pred_indices=False, target_indices=False):
    topk = (topk,) if isinstance(topk, int) else topk
    pred = retrieval_format_pred(pred, max(topk), pred_indices)
    target = retrieval_format_target(target, target_indices)
    results = []
    for k in topk:
        recalls = torch.zeros(len(pred))
        for i, (sample_pred, sample_target) in enumerate(zip(pred, target)):
            hits = np.in1d(np.array(sample_pred[:k]), np.array(sample_target, dtype=np.int64))
            recalls[i] = int(hits.max())
        results.append((recalls.mean() * 100).item())
    return results


def retrieval_recall_evaluate(samples, size, topk, prefix='retrieval'):
    topk = (topk,) if isinstance(topk, int) else tuple(topk)
    samples = samples[:size]
    per_sample = []
    for s in samples:
        num_classes = len(s['pred_score'])
        if 'gt_score' in s:
            target = [s['gt_score']]
        else:
            target = [label_to_onehot(s['gt_label'], num_classes).tolist()]
        per_sample.append(retrieval_recall_calculate([s['pred_score']], target, topk))
    metrics = {}
    for i, k in enumerate(topk):
        metrics[f'Recall@{k}'] = sum(r[i] for r in per_sample) / len(per_sample)
    return with_prefix(prefix, metrics)


def retrieval_ap_sample(pred, target, mode):
    pred = np.array(pred)
    target = np.array(target, dtype=np.int64)
    positive_ranks = np.arange(len(pred))[np.in1d(pred, target)]
    ap = 0
    for i, rank in enumerate(positive_ranks):
        if mode == 'IR':
            ap += (i + 1) / (rank + 1)
        else:
            old_precision = i / rank if rank > 0 else 1
            cur_precision = (i + 1) / (rank + 1)
            ap += (old_precision + cur_precision) / 2
    ap = ap / len(target)
    return ap * 100


def retrieval_ap_calculate(pred, target, topk, pred_indices=False, target_indices=False,
                           mode='IR'):
    pred = retrieval_format_pred(pred, topk, pred_indices)
    target = retrieval_format_target(target, target_indices)
    aps = np.zeros(len(pred))
    for i, (sample_pred, sample_target) in enumerate(zip(pred, target)):
        aps[i] = retrieval_ap_sample(sample_pred, sample_target, mode)
    return float(aps.mean())


def retrieval_ap_evaluate(samples, size, topk, mode='IR', prefix='retrieval'):
    samples = samples[:size]
    per_sample = []
    for s in samples:
        num_classes = len(s['pred_score'])
        if 'gt_score' in s:
            target = [s['gt_score']]
        else:
            target = [label_to_onehot(s['gt_label'], num_classes).tolist()]
        per_sample.append(retrieval_ap_calculate([s['pred_score']], target, topk, mode=mode))
    return with_prefix(prefix, {f'mAP@{topk}': float(np.mean(per_sample))})


# ---------------------------------------------------------------------------------------------
# Cases

MM_SCORES = [
    [0.7, 0.0, 0.3],
    [0.5, 0.2, 0.3],
    [0.4, 0.5, 0.1],
    [0.0, 0.0, 1.0],
    [0.0, 0.0, 1.0],
    [0.0, 0.0, 1.0],
]
MM_LABELS = [0, 0, 1, 2, 2, 2]
MM_TRUE = [0, 0, 1, 2, 1, 0]


def single_samples(scores, pred_labels, gt_labels, with_score=True, num_classes=None):
    samples = []
    for i, gt in enumerate(gt_labels):
        sample = {'gt_label': [gt]}
        if with_score:
            sample['pred_score'] = scores[i]
        if pred_labels is not None:
            sample['pred_label'] = [pred_labels[i]]
        if num_classes is not None:
            sample['num_classes'] = num_classes
        samples.append(sample)
    return samples


def evaluate_case(name, options, samples, expected, batches=None, size=None):
    return {
        'name': name,
        'options': options,
        'samples': samples,
        'batches': batches or [len(samples)],
        'size': len(samples) if size is None else size,
        'expected': expected,
    }


def accuracy_cases():
    tie_scores = quantized_scores(24, 5, step=0.25)
    tie_true = random_labels(24, 5)
    calculate = [
        {'name': 'mmpretrain scores thr 0.6', 'pred': MM_SCORES, 'target': MM_TRUE,
         'topk': [1], 'thrs': [0.6]},
        {'name': 'mmpretrain scores top1/top2, thrs 0, 0.6, none', 'pred': MM_SCORES,
         'target': MM_TRUE, 'topk': [1, 2], 'thrs': [0.0, 0.6, None]},
        {'name': 'mmpretrain labels (topk and thrs ignored)', 'pred': MM_LABELS, 'target': MM_TRUE,
         'topk': [1], 'thrs': [0.6]},
        {'name': 'ties on a 0.25 grid, thresholds equal to scores', 'pred': tie_scores,
         'target': tie_true, 'topk': [1, 2, 3], 'thrs': [0.0, 0.25, 0.5, None]},
        {'name': 'score equal to a non-representable threshold', 'pred': [[0.1, 0.05], [0.3, 0.7]],
         'target': [0, 1], 'topk': [1], 'thrs': [0.1, 0.3, 0.0999]},
        {'name': 'one of seven (float32 100/7)', 'pred': [[1, 0]] * 7, 'target': [0] + [1] * 6,
         'topk': [1], 'thrs': [0.0]},
    ]
    for case in calculate:
        case['expected'] = accuracy_calculate(case['pred'], case['target'], case['topk'],
                                              case['thrs'])

    samples = single_samples(MM_SCORES, MM_LABELS, MM_TRUE)
    label_samples = single_samples(None, MM_LABELS, MM_TRUE, with_score=False)
    tie_samples = single_samples(tie_scores, None, tie_true)
    evaluate = [
        evaluate_case('thrs 0.6', {'thrs': 0.6}, samples, accuracy_evaluate(samples, 6, thrs=0.6)),
        evaluate_case('thrs 0, 0.6, none', {'thrs': [0.0, 0.6, None]}, samples,
                      accuracy_evaluate(samples, 6, thrs=(0.0, 0.6, None))),
        evaluate_case('labels only', {'thrs': [0.0, 0.6, None]}, label_samples,
                      accuracy_evaluate(label_samples, 6, thrs=(0.0, 0.6, None))),
        evaluate_case('topk 1 and 2 over batches', {'topk': [1, 2]}, samples,
                      accuracy_evaluate(samples, 6, topk=(1, 2)), batches=[2, 3, 1]),
        evaluate_case('prefix and size truncation', {'topk': 2, 'prefix': 'val'}, samples,
                      accuracy_evaluate(samples, 4, topk=2, prefix='val'), size=4),
        evaluate_case('ties, thrs none', {'topk': [1, 3], 'thrs': None}, tie_samples,
                      accuracy_evaluate(tie_samples, 24, topk=(1, 3), thrs=None),
                      batches=[10, 14]),
    ]
    return {'calculate': calculate, 'evaluate': evaluate}


def single_label_cases():
    tie_scores = quantized_scores(30, 4, step=0.25)
    tie_true = random_labels(30, 4)
    sparse_pred = [0, 1, 1, 3, 0, 1]
    sparse_true = [0, 1, 3, 3, 1, 1]
    calculate = []
    for average in ['macro', 'micro', None]:
        calculate += [
            {'name': f'mmpretrain scores thr 0.6 ({average})', 'pred': MM_SCORES,
             'target': MM_TRUE, 'thrs': [0.6], 'average': average, 'num_classes': None},
            {'name': f'mmpretrain labels ({average})', 'pred': MM_LABELS, 'target': MM_TRUE,
             'thrs': [0.0], 'average': average, 'num_classes': 3},
            {'name': f'ties, thrs 0, 0.25, 0.5, none ({average})', 'pred': tie_scores,
             'target': tie_true, 'thrs': [0.0, 0.25, 0.5, None], 'average': average,
             'num_classes': None},
            {'name': f'classes without samples or predictions ({average})', 'pred': sparse_pred,
             'target': sparse_true, 'thrs': [0.0], 'average': average, 'num_classes': 5},
        ]
    for case in calculate:
        case['expected'] = single_label_calculate(case['pred'], case['target'], case['thrs'],
                                                  case['average'], case['num_classes'])

    samples = single_samples(MM_SCORES, MM_LABELS, MM_TRUE)
    label_samples = single_samples(None, MM_LABELS, MM_TRUE, with_score=False)
    label_samples_n = single_samples(None, MM_LABELS, MM_TRUE, with_score=False, num_classes=3)
    tie_samples = single_samples(tie_scores, None, tie_true)
    all_items = ['precision', 'recall', 'f1-score', 'support']
    evaluate = [
        evaluate_case('all items, thrs 0.6', {'thrs': 0.6, 'items': all_items}, samples,
                      single_label_evaluate(samples, 6, thrs=0.6, items=all_items)),
        evaluate_case('thrs 0, 0.6, none', {'thrs': [0.0, 0.6, None]}, samples,
                      single_label_evaluate(samples, 6, thrs=(0.0, 0.6, None))),
        evaluate_case('micro', {'average': 'micro', 'items': all_items}, samples,
                      single_label_evaluate(samples, 6, average='micro', items=all_items)),
        evaluate_case('classwise', {'average': None, 'items': all_items}, samples,
                      single_label_evaluate(samples, 6, average=None, items=all_items)),
        evaluate_case('labels with num_classes option', {'thrs': [0.0, 0.6], 'num_classes': 3},
                      label_samples,
                      single_label_evaluate(label_samples, 6, thrs=(0.0, 0.6), num_classes=3)),
        evaluate_case('labels with num_classes of the samples', {}, label_samples_n,
                      single_label_evaluate(label_samples_n, 6)),
        evaluate_case('empty items', {'items': [], 'num_classes': 3}, samples, {}),
        evaluate_case('thresholds that round half to even', {'thrs': [0.125, 0.375, 0.625]},
                      tie_samples,
                      single_label_evaluate(tie_samples, 30, thrs=(0.125, 0.375, 0.625)),
                      batches=[7, 23]),
        evaluate_case('micro with several thresholds',
                      {'thrs': [0.25, None], 'average': 'micro', 'items': all_items}, tie_samples,
                      single_label_evaluate(tie_samples, 30, thrs=(0.25, None), average='micro',
                                            items=all_items)),
    ]
    return {'calculate': calculate, 'evaluate': evaluate}


def confusion_matrix_cases():
    tie_scores = quantized_scores(20, 4, step=0.5)
    tie_true = random_labels(20, 4)
    calculate = [
        {'name': 'mmpretrain scores', 'pred': MM_SCORES, 'target': MM_TRUE, 'num_classes': None},
        {'name': 'mmpretrain labels', 'pred': MM_LABELS, 'target': MM_TRUE, 'num_classes': 3},
        {'name': 'ties take the first maximal class', 'pred': tie_scores, 'target': tie_true,
         'num_classes': None},
        {'name': 'labels with an unused class', 'pred': [0, 1, 1], 'target': [1, 1, 0],
         'num_classes': 4},
    ]
    for case in calculate:
        case['expected'] = confusion_matrix_calculate(case['pred'], case['target'],
                                                      case['num_classes'])
    samples = single_samples(MM_SCORES, MM_LABELS, MM_TRUE)
    label_samples = single_samples(None, MM_LABELS, MM_TRUE, with_score=False)
    evaluate = [
        evaluate_case('scores', {}, samples, confusion_matrix_evaluate(samples, 6)),
        evaluate_case('labels with num_classes', {'num_classes': 3}, label_samples,
                      confusion_matrix_evaluate(label_samples, 6, num_classes=3),
                      batches=[3, 3]),
    ]
    return {'calculate': calculate, 'evaluate': evaluate}


ML_TRUE = [[0], [1, 3], [0, 1, 2], [3]]
ML_PRED = [[0, 3], [0, 2], [1, 2], [2, 3]]
ML_TRUE_BINARY = [[1, 0, 0, 0], [0, 1, 0, 1], [1, 1, 1, 0], [0, 0, 0, 1]]
ML_PRED_BINARY = [[1, 0, 0, 1], [1, 0, 1, 0], [0, 1, 1, 0], [0, 0, 1, 1]]
ML_SCORES = [[0.8, 0, 0, 0.6], [0.2, 0, 0.6, 0], [0, 0.9, 0.6, 0], [0, 0, 0.2, 0.3]]


def multi_label_cases():
    scores = quantized_scores(12, 5, step=0.25)
    target = random_onehot(12, 5)
    for row in target:
        row[4] = 0  # a class without positives
    target[2][1] = -1  # difficult labels are ignored
    target[7][3] = -1
    calculate = []
    for average in ['macro', 'micro', None]:
        calculate += [
            {'name': f'mmpretrain indices ({average})', 'pred': ML_PRED, 'target': ML_TRUE,
             'pred_indices': True, 'target_indices': True, 'num_classes': 4,
             'average': average, 'thr': None, 'topk': None},
            {'name': f'mmpretrain one-hot ({average})', 'pred': ML_PRED_BINARY,
             'target': ML_TRUE_BINARY, 'pred_indices': False, 'target_indices': False,
             'num_classes': None, 'average': average, 'thr': None, 'topk': None},
            {'name': f'mmpretrain topk 1 ({average})', 'pred': ML_SCORES, 'target': ML_TRUE,
             'pred_indices': False, 'target_indices': True, 'num_classes': 4,
             'average': average, 'thr': None, 'topk': 1},
            {'name': f'mmpretrain thr 0.25 ({average})', 'pred': ML_SCORES, 'target': ML_TRUE,
             'pred_indices': False, 'target_indices': True, 'num_classes': 4,
             'average': average, 'thr': 0.25, 'topk': None},
            {'name': f'ties and difficult targets, thr 0.5 ({average})', 'pred': scores,
             'target': target, 'pred_indices': False, 'target_indices': False,
             'num_classes': None, 'average': average, 'thr': None, 'topk': None},
            {'name': f'ties and difficult targets, topk 2 ({average})', 'pred': scores,
             'target': target, 'pred_indices': False, 'target_indices': False,
             'num_classes': None, 'average': average, 'thr': None, 'topk': 2},
            {'name': f'thr and topk: thr wins ({average})', 'pred': scores, 'target': target,
             'pred_indices': False, 'target_indices': False, 'num_classes': None,
             'average': average, 'thr': 0.75, 'topk': 1},
        ]
    for case in calculate:
        case['expected'] = multi_label_calculate(
            case['pred'], case['target'], case['pred_indices'], case['target_indices'],
            case['average'], case['thr'], case['topk'], case['num_classes'])

    samples = [{'pred_score': s, 'gt_label': t} for s, t in zip(ML_SCORES, ML_TRUE)]
    score_samples = [{'pred_score': s, 'gt_score': t, 'gt_label': []}
                     for s, t in zip(ML_SCORES, ML_TRUE_BINARY)]
    tie_samples = [{'pred_score': s, 'gt_score': t, 'gt_label': []}
                   for s, t in zip(scores, target)]
    all_items = ['precision', 'recall', 'f1-score', 'support']
    evaluate = [
        evaluate_case('default thr 0.5', {}, samples, multi_label_evaluate(samples, 4)),
        evaluate_case('topk 1', {'topk': 1}, samples, multi_label_evaluate(samples, 4, topk=1)),
        evaluate_case('thr 0.25 and topk 1', {'thr': 0.25, 'topk': 1}, samples,
                      multi_label_evaluate(samples, 4, thr=0.25, topk=1)),
        evaluate_case('micro', {'average': 'micro'}, samples,
                      multi_label_evaluate(samples, 4, average='micro')),
        evaluate_case('classwise', {'average': None}, samples,
                      multi_label_evaluate(samples, 4, average=None)),
        evaluate_case('gt_score, support only', {'items': ['support']}, score_samples,
                      multi_label_evaluate(score_samples, 4, items=['support'])),
        evaluate_case('ties and difficult, topk 3, micro', {'topk': 3, 'average': 'micro',
                                                            'items': all_items},
                      tie_samples,
                      multi_label_evaluate(tie_samples, 12, topk=3, average='micro',
                                           items=all_items), batches=[5, 7]),
        evaluate_case('ties and difficult, thr 0.25 classwise',
                      {'thr': 0.25, 'average': None, 'items': all_items}, tie_samples,
                      multi_label_evaluate(tie_samples, 12, thr=0.25, average=None,
                                           items=all_items)),
    ]
    return {'calculate': calculate, 'evaluate': evaluate}


AP_SCORES = [[0.9, 0.8, 0.3, 0.2], [0.1, 0.2, 0.2, 0.1], [0.7, 0.5, 0.9, 0.3],
             [0.8, 0.1, 0.1, 0.2]]
AP_TRUE = [[1, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 0]]
AP_TRUE_SKLEARN = [[1, 0, 0, 0], [0, 1, 0, 1], [1, 1, 1, 0], [0, 0, 0, 1]]


def average_precision_cases():
    scores = quantized_scores(16, 5, step=0.25)
    target = random_onehot(16, 5)
    for row in target:
        row[2] = 0  # a class without positives: AP 0
    target[3][0] = -1
    target[9][1] = -1
    calculate = []
    for average in ['macro', None]:
        calculate += [
            {'name': f'mmpretrain example ({average})', 'pred': AP_SCORES, 'target': AP_TRUE,
             'average': average},
            {'name': f'mmpretrain sklearn case with a tie ({average})', 'pred': AP_SCORES,
             'target': AP_TRUE_SKLEARN, 'average': average},
            {'name': f'ties, difficult targets, empty class ({average})', 'pred': scores,
             'target': target, 'average': average},
        ]
    for case in calculate:
        case['expected'] = average_precision_calculate(case['pred'], case['target'],
                                                       case['average'])
    samples = [{'pred_score': s, 'gt_score': t, 'gt_label': []}
               for s, t in zip(AP_SCORES, AP_TRUE)]
    label_samples = [{'pred_score': s, 'gt_label': t}
                     for s, t in zip(AP_SCORES, [[0, 1], [1], [2], [0]])]
    evaluate = [
        evaluate_case('macro', {}, samples, average_precision_evaluate(samples, 4)),
        evaluate_case('classwise', {'average': None}, samples,
                      average_precision_evaluate(samples, 4, average=None)),
        evaluate_case('gt_label', {}, label_samples,
                      average_precision_evaluate(label_samples, 4), batches=[1, 3]),
    ]
    return {'calculate': calculate, 'evaluate': evaluate}


def voc_cases():
    scores = [[0.9, 0.1, 0.6, 0.3], [0.2, 0.8, 0.5, 0.4], [0.7, 0.6, 0.2, 0.9],
              [0.1, 0.3, 0.8, 0.6], [0.6, 0.2, 0.4, 0.7]]
    labels = [[0], [1, 2], [0, 3], [2], [0, 3]]
    difficult = [[2], [2, 3], [], [1, 2], [1]]
    samples = [{'pred_score': s, 'gt_label': l, 'gt_label_difficult': d}
               for s, l, d in zip(scores, labels, difficult)]
    evaluate = []
    for difficult_as_positive in [None, True, False]:
        suffix = f'difficult_as_positive {difficult_as_positive}'
        options = {} if difficult_as_positive is None else {
            'difficult_as_positive': difficult_as_positive}
        evaluate.append({**evaluate_case(
            f'VOCMultiLabelMetric, {suffix}', {**options, 'items': ['precision', 'recall',
                                                                     'f1-score', 'support']},
            samples, multi_label_evaluate(samples, 5, voc=True,
                                          difficult_as_positive=difficult_as_positive,
                                          items=['precision', 'recall', 'f1-score',
                                                 'support'])),
            'metric': 'VOCMultiLabelMetric'})
        evaluate.append({**evaluate_case(
            f'VOCAveragePrecision, {suffix}', {**options, 'average': None}, samples,
            average_precision_evaluate(samples, 5, average=None, voc=True,
                                       difficult_as_positive=difficult_as_positive)),
            'metric': 'VOCAveragePrecision'})
    return {'calculate': [], 'evaluate': evaluate}


RT_TRUE_INDICES = [[0, 2, 5, 8, 9], [1, 4, 6]]
RT_TRUE_BINARY = [[1, 0, 1, 0, 0, 1, 0, 0, 1, 1], [0, 1, 0, 0, 1, 0, 1, 0, 0, 0]]
RT_SCORES = [[round(float(v), 6) for v in np.linspace(0.95, 0.05, 10)]] * 2


def retrieval_cases():
    scores = quantized_scores(8, 9, step=0.25)
    target = random_onehot(8, 9, prob=0.3)
    for row in target:
        if sum(row) == 0:
            row[0] = 1  # retrieval AP needs at least one relevant item per query
    recall_calculate = [
        {'name': 'mmpretrain indices', 'pred': [list(range(10))] * 2, 'target': RT_TRUE_INDICES,
         'topk': [1], 'pred_indices': True, 'target_indices': True},
        {'name': 'mmpretrain scores topk 1, 2, 5', 'pred': RT_SCORES, 'target': RT_TRUE_BINARY,
         'topk': [1, 2, 5], 'pred_indices': False, 'target_indices': False},
        {'name': 'ties', 'pred': scores, 'target': target, 'topk': [1, 2, 3],
         'pred_indices': False, 'target_indices': False},
    ]
    for case in recall_calculate:
        case['expected'] = retrieval_recall_calculate(
            case['pred'], case['target'], case['topk'], case['pred_indices'],
            case['target_indices'])
    ap_calculate = []
    for mode in ['IR', 'integrate']:
        ap_calculate += [
            {'name': f'mmpretrain indices topk 10 ({mode})', 'pred': [list(range(100))] * 3,
             'target': [[0, 3, 6, 8, 35], [1, 2, 54, 105], [2, 42, 205]], 'topk': 10,
             'pred_indices': True, 'target_indices': True, 'mode': mode},
            {'name': f'mmpretrain scores topk 10 ({mode})', 'pred': RT_SCORES,
             'target': RT_TRUE_BINARY, 'topk': 10, 'pred_indices': False,
             'target_indices': False, 'mode': mode},
            {'name': f'mmpretrain scores topk 5 ({mode})', 'pred': RT_SCORES,
             'target': RT_TRUE_BINARY, 'topk': 5, 'pred_indices': False,
             'target_indices': False, 'mode': mode},
            {'name': f'ties topk 4 ({mode})', 'pred': scores, 'target': target, 'topk': 4,
             'pred_indices': False, 'target_indices': False, 'mode': mode},
        ]
    for case in ap_calculate:
        case['expected'] = retrieval_ap_calculate(
            case['pred'], case['target'], case['topk'], case['pred_indices'],
            case['target_indices'], case['mode'])

    samples = [{'pred_score': s, 'gt_label': t} for s, t in zip(
        MM_SCORES, [[0], [0, 1], [1], [2], [1, 2], [0, 1]])]
    score_samples = [{'pred_score': s, 'gt_score': t, 'gt_label': []}
                     for s, t in zip(RT_SCORES, RT_TRUE_BINARY)]
    tie_samples = [{'pred_score': s, 'gt_score': t, 'gt_label': []}
                   for s, t in zip(scores, target)]
    evaluate = [
        {**evaluate_case('recall@1', {'topk': 1}, samples,
                         retrieval_recall_evaluate(samples, 6, 1)), 'metric': 'RetrievalRecall'},
        {**evaluate_case('recall@1,2 gt_score', {'topk': [1, 2]}, score_samples,
                         retrieval_recall_evaluate(score_samples, 2, (1, 2))),
         'metric': 'RetrievalRecall'},
        {**evaluate_case('recall ties', {'topk': [1, 3]}, tie_samples,
                         retrieval_recall_evaluate(tie_samples, 8, (1, 3)), batches=[3, 5]),
         'metric': 'RetrievalRecall'},
        {**evaluate_case('mAP@10', {'topk': 10}, score_samples,
                         retrieval_ap_evaluate(score_samples, 2, 10)),
         'metric': 'RetrievalAveragePrecision'},
        {**evaluate_case('mAP@5 integrate', {'topk': 5, 'mode': 'integrate'}, score_samples,
                         retrieval_ap_evaluate(score_samples, 2, 5, mode='integrate')),
         'metric': 'RetrievalAveragePrecision'},
        {**evaluate_case('mAP@4 ties', {'topk': 4}, tie_samples,
                         retrieval_ap_evaluate(tie_samples, 8, 4), batches=[4, 4]),
         'metric': 'RetrievalAveragePrecision'},
        {**evaluate_case('mAP@2 gt_label', {'topk': 2}, samples,
                         retrieval_ap_evaluate(samples, 6, 2)),
         'metric': 'RetrievalAveragePrecision'},
    ]
    return {'recall': recall_calculate, 'averagePrecision': ap_calculate, 'evaluate': evaluate}


def numpy_sum_cases():
    rng = np.random.default_rng(7)
    cases = []
    for count in [3, 8, 13, 128, 129, 300]:
        values = [round(float(v), 2) for v in rng.standard_normal(count) * 1e3]
        values[0] = 1e16  # large cancellations make the summation order visible
        values[-1] = -1e16
        array = np.array(values)
        cases.append({'name': f'{count} values', 'values': values,
                      'sum': float(np.add.reduce(array)), 'mean': float(np.mean(array))})
    return cases


def compact(value):
    return json.dumps(value, separators=(',', ':'), allow_nan=False)


def write(name, data):
    """Writes a fixture with one case per line (short, and readable in a diff)."""
    os.makedirs(OUT_DIR, exist_ok=True)
    path = os.path.join(OUT_DIR, name)
    if isinstance(data, list):
        text = '[\n' + ',\n'.join(compact(case) for case in data) + '\n]\n'
    else:
        groups = [f'{json.dumps(key)}: [\n' + ',\n'.join(compact(case) for case in cases) + '\n]'
                  for key, cases in data.items()]
        text = '{\n' + ',\n'.join(groups) + '\n}\n'
    json.loads(text)
    with open(path, 'w') as file:
        file.write(text)
    print(f'wrote {os.path.relpath(path)}')


def main():
    write('accuracy.json', accuracy_cases())
    write('single-label-metric.json', single_label_cases())
    write('confusion-matrix.json', confusion_matrix_cases())
    write('multi-label-metric.json', multi_label_cases())
    write('average-precision.json', average_precision_cases())
    write('voc-metrics.json', voc_cases())
    write('retrieval.json', retrieval_cases())
    write('numpy-sum.json', numpy_sum_cases())


if __name__ == '__main__':
    main()
